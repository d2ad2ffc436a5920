using System.Buffers.Binary;
using System.Text;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// Serializes an <see cref="FdtBuilder"/> to a flattened devicetree blob, Devicetree
/// Specification v0.4 chapter 5, laid out as dtc lays it out:
/// <list type="number">
/// <item>the 40-byte header (§5.2): magic 0xD00DFEED, version 17, last_comp_version 16,
/// <c>boot_cpuid_phys</c> from the builder;</item>
/// <item>the memory reservation block at offset 40 (8-byte aligned, §5.3): 16-byte
/// (address, size) entries and a 0/0 terminator;</item>
/// <item>the structure block (§5.4): FDT_BEGIN_NODE + NUL-terminated name padded to 4 bytes,
/// then FDT_PROP (len, nameoff, value padded to 4) for each property, the children, FDT_END_NODE;
/// FDT_END last;</item>
/// <item>the strings block (§5.5): each property name once, NUL-terminated; a name that is the
/// tail of one already stored (e.g. <c>cells</c> of <c>#size-cells</c>) points into it, as
/// dtc and libfdt do.</item>
/// </list>
/// <c>totalsize</c> is the end of the strings block (no padding).
/// </summary>
public static class FdtWriter
{
    /// <summary>Writes <paramref name="tree"/> as a DTB.</summary>
    /// <param name="tree">The devicetree.</param>
    /// <returns>The blob, big-endian throughout.</returns>
    public static byte[] Write(FdtBuilder tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var structure = new MemoryStream();
        var strings = new MemoryStream();
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        WriteNode(tree.Root, structure, strings, offsets);
        WriteU32(structure, FdtConstants.End);

        int rsvOffset = FdtConstants.HeaderSize;
        int rsvSize = (tree.Reservations.Count + 1) * 16;
        int structOffset = rsvOffset + rsvSize;
        int stringsOffset = structOffset + (int)structure.Length;
        int total = stringsOffset + (int)strings.Length;

        byte[] blob = new byte[total];
        Span<byte> h = blob;
        BinaryPrimitives.WriteUInt32BigEndian(h[0..], FdtConstants.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)structOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)stringsOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], (uint)rsvOffset);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], FdtConstants.Version);
        BinaryPrimitives.WriteUInt32BigEndian(h[24..], FdtConstants.LastCompatibleVersion);
        BinaryPrimitives.WriteUInt32BigEndian(h[28..], tree.BootCpuIdPhys);
        BinaryPrimitives.WriteUInt32BigEndian(h[32..], (uint)strings.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[36..], (uint)structure.Length);

        int p = rsvOffset;
        foreach (FdtReservation r in tree.Reservations)
        {
            BinaryPrimitives.WriteUInt64BigEndian(h[p..], r.Address);
            BinaryPrimitives.WriteUInt64BigEndian(h[(p + 8)..], r.Size);
            p += 16;
        }

        structure.GetBuffer().AsSpan(0, (int)structure.Length).CopyTo(h[structOffset..]);
        strings.GetBuffer().AsSpan(0, (int)strings.Length).CopyTo(h[stringsOffset..]);
        return blob;
    }

    private static void WriteNode(FdtNode node, MemoryStream structure, MemoryStream strings, Dictionary<string, int> offsets)
    {
        WriteU32(structure, FdtConstants.BeginNode);
        structure.Write(Encoding.UTF8.GetBytes(node.Name));
        structure.WriteByte(0);
        Pad(structure);
        foreach (FdtProperty prop in node.Properties)
        {
            WriteU32(structure, FdtConstants.Prop);
            WriteU32(structure, (uint)prop.Length);
            WriteU32(structure, (uint)StringOffset(prop.Name, strings, offsets));
            structure.Write(prop.Value.Span);
            Pad(structure);
        }

        foreach (FdtNode child in node.Children)
        {
            WriteNode(child, structure, strings, offsets);
        }

        WriteU32(structure, FdtConstants.EndNode);
    }

    private static int StringOffset(string name, MemoryStream strings, Dictionary<string, int> offsets)
    {
        if (offsets.TryGetValue(name, out int known))
        {
            return known;
        }

        byte[] needle = [.. Encoding.UTF8.GetBytes(name), 0];
        ReadOnlySpan<byte> table = strings.GetBuffer().AsSpan(0, (int)strings.Length);
        int at = table.IndexOf(needle);
        if (at < 0)
        {
            at = (int)strings.Length;
            strings.Write(needle);
        }

        offsets[name] = at;
        return at;
    }

    private static void WriteU32(MemoryStream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        s.Write(b);
    }

    private static void Pad(MemoryStream s)
    {
        while (s.Length % 4 != 0)
        {
            s.WriteByte(0);
        }
    }
}
