using System.Buffers.Binary;
using System.Text;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// Parses a flattened devicetree blob (Devicetree Specification v0.4 chapter 5) back into an
/// <see cref="FdtBuilder"/> tree. Reads versions 16 and 17 (and any later version whose
/// <c>last_comp_version</c> is ≤ 17); skips FDT_NOP tokens; property values and names are copied.
/// </summary>
public static class FdtReader
{
    /// <summary>Reads and checks the 40-byte header (§5.2).</summary>
    /// <param name="blob">The blob (at least the header).</param>
    /// <returns>The header fields.</returns>
    /// <exception cref="InvalidDataException">Shorter than 40 bytes, or bad magic at offset 0.</exception>
    public static FdtHeader ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < FdtConstants.HeaderSize)
        {
            throw new InvalidDataException($"A devicetree blob needs a {FdtConstants.HeaderSize}-byte header; this one ends at offset 0x{blob.Length:x} ({blob.Length} bytes).");
        }

        Span<uint> f = stackalloc uint[10];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = BinaryPrimitives.ReadUInt32BigEndian(blob[(i * 4)..]);
        }

        var header = new FdtHeader(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
        if (header.Magic != FdtConstants.Magic)
        {
            throw new InvalidDataException($"Bad devicetree magic 0x{header.Magic:x8} at offset 0 (expected 0xd00dfeed).");
        }

        return header;
    }

    /// <summary>
    /// Deepest node nesting <see cref="Read"/> accepts, the root node counting as 1: 64, the
    /// <c>FDT_MAX_DEPTH</c> Linux's <c>unflatten_dt_nodes</c> (drivers/of/fdt.c) enforces. The
    /// tree's recursive users (<see cref="FdtNode.Path"/>, <see cref="FdtWriter"/>) stay shallow.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a whole blob.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <returns>The tree, reservations and <c>boot_cpuid_phys</c>.</returns>
    /// <exception cref="InvalidDataException">
    /// The only exception for any content of <paramref name="blob"/>; its message gives the byte
    /// offset from the start of the blob where the problem lies. Causes: shorter than the header,
    /// bad magic, incompatible version, blocks outside <c>totalsize</c> or the buffer, a
    /// reservation entry with size 0 and a non-zero address (§5.3: only 0/0 may have size 0, and
    /// it ends the map), no 0/0 terminator, unknown tokens, unbalanced nodes, nodes nested deeper
    /// than <see cref="MaxDepth"/>, names without terminator, name offsets outside the strings
    /// block, a second root, and duplicate or malformed node and property names.
    /// </exception>
    public static FdtBuilder Read(ReadOnlySpan<byte> blob)
    {
        FdtHeader h = ReadHeader(blob);
        if (h.LastCompVersion > FdtConstants.Version || h.Version < FdtConstants.LastCompatibleVersion)
        {
            throw new InvalidDataException($"Devicetree version {h.Version} (last compatible {h.LastCompVersion}) at offset 0x14 cannot be read; versions 16–17 can.");
        }

        if (h.TotalSize > blob.Length || h.TotalSize < FdtConstants.HeaderSize)
        {
            throw new InvalidDataException($"Devicetree totalsize {h.TotalSize} at offset 0x4 does not fit the {blob.Length}-byte buffer.");
        }

        blob = blob[..(int)h.TotalSize];
        uint structSize = h.Version >= 17 ? h.SizeDtStruct : h.TotalSize - Math.Min(h.OffDtStruct, h.TotalSize);
        CheckBlock(blob, h.OffDtStruct, structSize, "structure");
        CheckBlock(blob, h.OffDtStrings, h.SizeDtStrings, "strings");
        if (h.OffMemRsvmap < FdtConstants.HeaderSize || h.OffMemRsvmap > blob.Length || h.OffMemRsvmap % 8 != 0)
        {
            throw new InvalidDataException($"Memory reservation block offset 0x{h.OffMemRsvmap:x} (header offset 0x10) is invalid.");
        }

        var tree = new FdtBuilder { BootCpuIdPhys = h.BootCpuIdPhys };
        for (int p = (int)h.OffMemRsvmap; ; p += 16)
        {
            if (p + 16 > blob.Length)
            {
                throw new InvalidDataException($"The memory reservation block starting at offset 0x{h.OffMemRsvmap:x} has no 0/0 terminator before the end of the blob at offset 0x{blob.Length:x}.");
            }

            ulong address = BinaryPrimitives.ReadUInt64BigEndian(blob[p..]);
            ulong size = BinaryPrimitives.ReadUInt64BigEndian(blob[(p + 8)..]);
            if (address == 0 && size == 0)
            {
                break;
            }

            if (size == 0)
            {
                throw new InvalidDataException($"The memory reservation entry at offset 0x{p:x} has address 0x{address:x} and size 0; only the 0/0 terminator may have size 0.");
            }

            tree.AddReservation(address, size);
        }

        ReadOnlySpan<byte> strings = blob.Slice((int)h.OffDtStrings, (int)h.SizeDtStrings);
        ReadStructure(blob.Slice(0, (int)(h.OffDtStruct + structSize)), (int)h.OffDtStruct, strings, (int)h.OffDtStrings, tree);
        return tree;
    }

    /// <summary>Reads the structure block <paramref name="s"/>[<paramref name="p"/>..]; every offset is from the start of the blob.</summary>
    private static void ReadStructure(ReadOnlySpan<byte> s, int p, ReadOnlySpan<byte> strings, int stringsBase, FdtBuilder tree)
    {
        var stack = new Stack<FdtNode>();
        bool rootSeen = false;
        while (true)
        {
            int at = p;
            uint token = Token(s, ref p);
            switch (token)
            {
                case FdtConstants.Nop:
                    break;
                case FdtConstants.BeginNode:
                {
                    (string name, int length) = CString(s, p, p, "node name");
                    p = Align(p + length + 1);
                    if (stack.Count == 0)
                    {
                        if (rootSeen || name.Length != 0)
                        {
                            throw new InvalidDataException(rootSeen
                                ? $"A second root node follows the first at offset 0x{at:x}."
                                : $"The root node at offset 0x{at:x} has the name '{name}'; it must be empty.");
                        }

                        rootSeen = true;
                        stack.Push(tree.Root);
                    }
                    else
                    {
                        if (stack.Count >= MaxDepth)
                        {
                            throw new InvalidDataException($"The node at offset 0x{at:x} nests deeper than {MaxDepth} levels.");
                        }

                        try
                        {
                            stack.Push(stack.Peek().AddNode(name));
                        }
                        catch (ArgumentException e)
                        {
                            throw new InvalidDataException($"Bad node at offset 0x{at:x} under '{stack.Peek().Path}': {e.Message}", e);
                        }
                    }

                    break;
                }

                case FdtConstants.EndNode:
                    if (stack.Count == 0)
                    {
                        throw new InvalidDataException($"FDT_END_NODE at offset 0x{at:x} closes no node.");
                    }

                    stack.Pop();
                    break;
                case FdtConstants.Prop:
                {
                    if (stack.Count == 0)
                    {
                        throw new InvalidDataException($"FDT_PROP at offset 0x{at:x} is outside every node.");
                    }

                    uint len = Token(s, ref p);
                    uint nameOff = Token(s, ref p);
                    if (len > (uint)(s.Length - p))
                    {
                        throw new InvalidDataException($"Property at offset 0x{at:x} has {len} bytes, past the end of the structure block at offset 0x{s.Length:x}.");
                    }

                    if (nameOff >= strings.Length)
                    {
                        throw new InvalidDataException($"Property at offset 0x{at:x} has the name offset 0x{nameOff:x}, outside the {strings.Length}-byte strings block.");
                    }

                    (string name, _) = CString(strings, (int)nameOff, stringsBase + (int)nameOff, "property name");
                    try
                    {
                        stack.Peek().AddProperty(name, s.Slice(p, (int)len));
                    }
                    catch (ArgumentException e)
                    {
                        throw new InvalidDataException($"Bad property at offset 0x{at:x} in '{stack.Peek().Path}': {e.Message}", e);
                    }

                    p = Align(p + (int)len);
                    break;
                }

                case FdtConstants.End:
                    if (!rootSeen || stack.Count != 0)
                    {
                        throw new InvalidDataException($"FDT_END at offset 0x{at:x} comes before the root node was closed.");
                    }

                    return;
                default:
                    throw new InvalidDataException($"Unknown structure token 0x{token:x} at offset 0x{at:x}.");
            }
        }
    }

    private static uint Token(ReadOnlySpan<byte> s, ref int p)
    {
        if (p > s.Length - 4)
        {
            throw new InvalidDataException($"The structure block ends at offset 0x{s.Length:x} without FDT_END (a token at offset 0x{p:x} would run past it).");
        }

        uint v = BinaryPrimitives.ReadUInt32BigEndian(s[p..]);
        p += 4;
        return v;
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in <paramref name="s"/> and its length in bytes (without the NUL).</summary>
    private static (string Text, int Length) CString(ReadOnlySpan<byte> s, int offset, int blobOffset, string what)
    {
        if (offset > s.Length)
        {
            throw new InvalidDataException($"The {what} at offset 0x{blobOffset:x} is outside its block.");
        }

        int nul = s[offset..].IndexOf((byte)0);
        if (nul < 0)
        {
            throw new InvalidDataException($"The {what} at offset 0x{blobOffset:x} has no NUL terminator.");
        }

        return (Encoding.UTF8.GetString(s.Slice(offset, nul)), nul);
    }

    private static int Align(int p) => (p + 3) & ~3;

    private static void CheckBlock(ReadOnlySpan<byte> blob, uint offset, uint size, string what)
    {
        if (offset > (uint)blob.Length || size > (uint)blob.Length - offset)
        {
            throw new InvalidDataException($"The {what} block (offset 0x{offset:x}, {size} bytes) lies outside the {blob.Length}-byte blob.");
        }
    }
}
