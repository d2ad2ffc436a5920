using System.Buffers.Binary;
using PpcVirt.Engine.Loaders;

namespace PpcVirt.Fuzz;

/// <summary>
/// Fuzzes <see cref="FdtReader.Read"/> on mutated flattened devicetrees (Devicetree
/// Specification v0.4 chapter 5): Bamboo trees the engine builds and a small tree with a
/// reservation and a phandle, edited in the header fields, the reservation block and at token
/// positions of the structure block, besides byte-level edits. Documented outcome: a tree, or an
/// <see cref="InvalidDataException"/> whose message names a byte offset. A tree that is read must
/// also write (<see cref="FdtBuilder.ToBlob"/>) and read back to the same blob.
/// </summary>
public sealed class FdtHarness : IFuzzHarness
{
    /// <summary>Longest input generated, in bytes.</summary>
    public const int MaxInputBytes = 32 * 1024;

    private static readonly byte[][] s_dictionary =
    [
        [0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 3], [0, 0, 0, 4], [0, 0, 0, 9], [0xD0, 0x0D, 0xFE, 0xED],
        [0, 0, 0, 0x11], [0, 0, 0, 0x10], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [(byte)'a', 0, 0, 0], [(byte)'/', 0, 0, 0],
        [0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0], [0, 0, 0, 1, (byte)'x', 0, 0, 0], [0, 0, 0, 2, 0, 0, 0, 9],
    ];

    private readonly IReadOnlyList<byte[]> _seeds;

    /// <summary>Creates the harness over the devicetree seeds of <paramref name="corpus"/>.</summary>
    public FdtHarness(FuzzCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _seeds = corpus.DeviceTrees;
    }

    /// <inheritdoc/>
    public long Accepted { get; private set; }

    /// <inheritdoc/>
    public string Name => "fdt";

    /// <inheritdoc/>
    public byte[] Generate(FuzzRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        byte[] seed = random.Pick(_seeds);
        if (random.OneIn(3))
        {
            return Mutator.Mutate(random, seed, _seeds, s_dictionary, MaxInputBytes);
        }

        byte[] f = (byte[])seed.Clone();
        FdtHeader h = FdtReader.ReadHeader(f);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(4))
            {
                case 0:
                    // A header field (totalsize … size_dt_struct).
                    BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(4 * random.Next(1, 10)), (uint)Mutator.InterestingValue(random, f.Length));
                    break;
                case 1:
                {
                    // A reservation entry: often a size-0 entry with a non-zero address, or a missing terminator.
                    int at = (int)h.OffMemRsvmap + (16 * random.Next(3));
                    if (at + 16 <= f.Length)
                    {
                        BinaryPrimitives.WriteUInt64BigEndian(f.AsSpan(at), random.OneIn(2) ? random.NextUInt64() : Mutator.InterestingValue(random, f.Length));
                        BinaryPrimitives.WriteUInt64BigEndian(f.AsSpan(at + 8), random.OneIn(2) ? 0 : Mutator.InterestingValue(random, f.Length));
                    }

                    break;
                }

                default:
                {
                    // A token-aligned word of the structure block.
                    int words = (int)Math.Min(h.SizeDtStruct, (uint)f.Length) / 4;
                    int at = (int)h.OffDtStruct + (4 * random.Next(Math.Max(1, words)));
                    if (at + 4 <= f.Length)
                    {
                        uint v = random.OneIn(2) ? (uint)random.Pick<int>([1, 2, 3, 4, 9]) : (uint)Mutator.InterestingValue(random, f.Length);
                        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(at), v);
                    }

                    break;
                }
            }
        }

        return random.OneIn(4) ? Mutator.Mutate(random, f, _seeds, s_dictionary, MaxInputBytes, 2) : f;
    }

    /// <inheritdoc/>
    public string? Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FdtBuilder tree;
        try
        {
            tree = FdtReader.Read(input);
        }
        catch (InvalidDataException e)
        {
            return e.Message.Contains("offset", StringComparison.OrdinalIgnoreCase) ? null : $"InvalidDataException without an offset: {e.Message}";
        }

        Accepted++;
        byte[] written = tree.ToBlob();
        FdtBuilder back;
        try
        {
            back = FdtReader.Read(written);
        }
        catch (InvalidDataException e)
        {
            return $"a tree that was read writes a blob the reader refuses: {e.Message}";
        }

        byte[] again = back.ToBlob();
        if (!again.AsSpan().SequenceEqual(written))
        {
            return "write(read(write(read(input)))) differs from write(read(input))";
        }

        return VisitAll(tree.Root, tree);
    }

    private static string? VisitAll(FdtNode root, FdtBuilder tree)
    {
        var pending = new Stack<FdtNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            FdtNode n = pending.Pop();
            string path = n.Path;
            if (!ReferenceEquals(tree.FindNode(path), n))
            {
                return $"FindNode('{path}') does not find the node at that path";
            }

            foreach (FdtNode c in n.Children)
            {
                pending.Push(c);
            }
        }

        return null;
    }
}
