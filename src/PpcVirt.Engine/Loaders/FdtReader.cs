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
    /// <exception cref="InvalidDataException">Shorter than 40 bytes or bad magic.</exception>
    public static FdtHeader ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < FdtConstants.HeaderSize)
        {
            throw new InvalidDataException($"A devicetree blob needs a {FdtConstants.HeaderSize}-byte header; this one has {blob.Length} bytes.");
        }

        Span<uint> f = stackalloc uint[10];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = BinaryPrimitives.ReadUInt32BigEndian(blob[(i * 4)..]);
        }

        var header = new FdtHeader(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
        if (header.Magic != FdtConstants.Magic)
        {
            throw new InvalidDataException($"Bad devicetree magic 0x{header.Magic:x8} (expected 0xd00dfeed).");
        }

        return header;
    }

    /// <summary>Parses a whole blob.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <returns>The tree, reservations and <c>boot_cpuid_phys</c>.</returns>
    /// <exception cref="InvalidDataException">
    /// Bad magic, incompatible version, blocks outside <c>totalsize</c> or the buffer, unknown
    /// tokens, unbalanced nodes, names without terminator, or name offsets outside the strings block.
    /// </exception>
    public static FdtBuilder Read(ReadOnlySpan<byte> blob)
    {
        FdtHeader h = ReadHeader(blob);
        if (h.LastCompVersion > FdtConstants.Version || h.Version < FdtConstants.LastCompatibleVersion)
        {
            throw new InvalidDataException($"Devicetree version {h.Version} (last compatible {h.LastCompVersion}) cannot be read; versions 16–17 can.");
        }

        if (h.TotalSize > blob.Length || h.TotalSize < FdtConstants.HeaderSize)
        {
            throw new InvalidDataException($"Devicetree totalsize {h.TotalSize} does not fit the {blob.Length}-byte buffer.");
        }

        blob = blob[..(int)h.TotalSize];
        uint structSize = h.Version >= 17 ? h.SizeDtStruct : h.TotalSize - Math.Min(h.OffDtStruct, h.TotalSize);
        CheckBlock(blob, h.OffDtStruct, structSize, "structure");
        CheckBlock(blob, h.OffDtStrings, h.SizeDtStrings, "strings");
        if (h.OffMemRsvmap < FdtConstants.HeaderSize || h.OffMemRsvmap > blob.Length || h.OffMemRsvmap % 8 != 0)
        {
            throw new InvalidDataException($"Memory reservation block offset 0x{h.OffMemRsvmap:x} is invalid.");
        }

        var tree = new FdtBuilder { BootCpuIdPhys = h.BootCpuIdPhys };
        for (int p = (int)h.OffMemRsvmap; ; p += 16)
        {
            if (p + 16 > blob.Length)
            {
                throw new InvalidDataException("The memory reservation block has no 0/0 terminator.");
            }

            ulong address = BinaryPrimitives.ReadUInt64BigEndian(blob[p..]);
            ulong size = BinaryPrimitives.ReadUInt64BigEndian(blob[(p + 8)..]);
            if (address == 0 && size == 0)
            {
                break;
            }

            tree.AddReservation(address, size);
        }

        ReadOnlySpan<byte> structure = blob.Slice((int)h.OffDtStruct, (int)structSize);
        ReadOnlySpan<byte> strings = blob.Slice((int)h.OffDtStrings, (int)h.SizeDtStrings);
        ReadStructure(structure, strings, tree);
        return tree;
    }

    private static void ReadStructure(ReadOnlySpan<byte> s, ReadOnlySpan<byte> strings, FdtBuilder tree)
    {
        int p = 0;
        var stack = new Stack<FdtNode>();
        bool rootSeen = false;
        while (true)
        {
            uint token = Token(s, ref p);
            switch (token)
            {
                case FdtConstants.Nop:
                    break;
                case FdtConstants.BeginNode:
                {
                    string name = CString(s, p, "node name");
                    p = Align(p + Encoding.UTF8.GetByteCount(name) + 1);
                    if (stack.Count == 0)
                    {
                        if (rootSeen || name.Length != 0)
                        {
                            throw new InvalidDataException(rootSeen ? "A second root node follows the first." : $"The root node has the name '{name}'; it must be empty.");
                        }

                        rootSeen = true;
                        stack.Push(tree.Root);
                    }
                    else
                    {
                        try
                        {
                            stack.Push(stack.Peek().AddNode(name));
                        }
                        catch (ArgumentException e)
                        {
                            throw new InvalidDataException($"Bad node under '{stack.Peek().Path}': {e.Message}", e);
                        }
                    }

                    break;
                }

                case FdtConstants.EndNode:
                    if (stack.Count == 0)
                    {
                        throw new InvalidDataException($"FDT_END_NODE at structure offset 0x{p - 4:x} closes no node.");
                    }

                    stack.Pop();
                    break;
                case FdtConstants.Prop:
                {
                    if (stack.Count == 0)
                    {
                        throw new InvalidDataException($"FDT_PROP at structure offset 0x{p - 4:x} is outside every node.");
                    }

                    uint len = Token(s, ref p);
                    uint nameOff = Token(s, ref p);
                    if (len > (uint)(s.Length - p))
                    {
                        throw new InvalidDataException($"Property at structure offset 0x{p - 12:x} has {len} bytes, past the end of the structure block.");
                    }

                    if (nameOff >= strings.Length)
                    {
                        throw new InvalidDataException($"Property name offset 0x{nameOff:x} is outside the {strings.Length}-byte strings block.");
                    }

                    string name = CString(strings, (int)nameOff, "property name");
                    try
                    {
                        stack.Peek().AddProperty(name, s.Slice(p, (int)len));
                    }
                    catch (ArgumentException e)
                    {
                        throw new InvalidDataException($"Bad property in '{stack.Peek().Path}': {e.Message}", e);
                    }

                    p = Align(p + (int)len);
                    break;
                }

                case FdtConstants.End:
                    if (!rootSeen || stack.Count != 0)
                    {
                        throw new InvalidDataException("FDT_END before the root node was closed.");
                    }

                    return;
                default:
                    throw new InvalidDataException($"Unknown structure token 0x{token:x} at offset 0x{p - 4:x}.");
            }
        }
    }

    private static uint Token(ReadOnlySpan<byte> s, ref int p)
    {
        if (p + 4 > s.Length)
        {
            throw new InvalidDataException("The structure block ends without FDT_END.");
        }

        uint v = BinaryPrimitives.ReadUInt32BigEndian(s[p..]);
        p += 4;
        return v;
    }

    private static string CString(ReadOnlySpan<byte> s, int offset, string what)
    {
        if (offset > s.Length)
        {
            throw new InvalidDataException($"The {what} at offset 0x{offset:x} is outside its block.");
        }

        int nul = s[offset..].IndexOf((byte)0);
        if (nul < 0)
        {
            throw new InvalidDataException($"The {what} at offset 0x{offset:x} has no NUL terminator.");
        }

        return Encoding.UTF8.GetString(s.Slice(offset, nul));
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
