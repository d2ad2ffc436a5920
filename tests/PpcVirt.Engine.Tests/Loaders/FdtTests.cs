using System.Buffers.Binary;
using System.Text;
using PpcVirt.Engine.Loaders;
using Xunit;

namespace PpcVirt.Engine.Tests.Loaders;

public sealed class FdtTests
{
    [Fact]
    public void Header_FieldsFollowTheSpecification()
    {
        var tree = new FdtBuilder { BootCpuIdPhys = 3 };
        tree.AddReservation(0x1000, 0x2000);
        tree.Root.AddCells("#address-cells", 1).AddNode("chosen").AddString("bootargs", "x");

        byte[] blob = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(blob);

        Assert.Equal(0xd00dfeedu, BinaryPrimitives.ReadUInt32BigEndian(blob));
        Assert.Equal(FdtConstants.Magic, h.Magic);
        Assert.Equal((uint)blob.Length, h.TotalSize);
        Assert.Equal(17u, h.Version);
        Assert.Equal(16u, h.LastCompVersion);
        Assert.Equal(3u, h.BootCpuIdPhys);
        Assert.Equal(40u, h.OffMemRsvmap);
        Assert.Equal(0u, h.OffMemRsvmap % 8);
        Assert.Equal(h.OffMemRsvmap + (2 * 16), h.OffDtStruct); // one entry + terminator
        Assert.Equal(0u, h.OffDtStruct % 4);
        Assert.Equal(h.OffDtStruct + h.SizeDtStruct, h.OffDtStrings);
        Assert.Equal(h.OffDtStrings + h.SizeDtStrings, h.TotalSize);
        Assert.Equal(0x1000UL, BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(40)));
        Assert.Equal(0x2000UL, BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(48)));
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(56)));
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(64)));
    }

    [Fact]
    public void Structure_TokensAreFourByteAligned()
    {
        var tree = new FdtBuilder();
        tree.Root.AddNode("abcde").AddProperty("p", [1, 2, 3, 4, 5]).AddEmpty("q");

        byte[] blob = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(blob);
        uint[] words = Words(blob.AsSpan((int)h.OffDtStruct, (int)h.SizeDtStruct));

        // BEGIN_NODE "" (4) | BEGIN_NODE "abcde\0" (8) | PROP 5 off 1,2,3,4 5,0,0,0 | PROP 0 off | END_NODE | END_NODE | END
        uint[] expected =
        [
            FdtConstants.BeginNode, 0,
            FdtConstants.BeginNode, 0x61626364, 0x65000000,
            FdtConstants.Prop, 5, 0, 0x01020304, 0x05000000,
            FdtConstants.Prop, 0, 2,
            FdtConstants.EndNode,
            FdtConstants.EndNode,
            FdtConstants.End,
        ];
        Assert.Equal(expected, words);
        Assert.Equal(0u, h.SizeDtStruct % 4);
    }

    [Fact]
    public void Strings_AreStoredOnceAndTailsShared()
    {
        var tree = new FdtBuilder();
        tree.Root.AddCells("#size-cells", 1).AddString("compatible", "a");
        tree.Root.AddNode("x").AddString("compatible", "b").AddCells("#size-cells", 0).AddCells("size-cells", 2);

        byte[] blob = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(blob);
        string strings = Encoding.ASCII.GetString(blob, (int)h.OffDtStrings, (int)h.SizeDtStrings);

        Assert.Equal("#size-cells\0compatible\0", strings);
        FdtBuilder back = FdtReader.Read(blob);
        Assert.Equal(2u, back.FindNode("/x")!.GetProperty("size-cells")!.AsUInt32());
    }

    [Fact]
    public void RoundTrip_PreservesTreeOrderAndValues()
    {
        var tree = new FdtBuilder { BootCpuIdPhys = 1 };
        tree.AddReservation(0x100000, 0x4000);
        tree.AddReservation(0xffff_0000_0000, 0x1000);
        FdtNode root = tree.Root;
        root.AddCells("#address-cells", 2).AddCells("#size-cells", 1).AddString("model", "test");
        FdtNode cpus = root.AddNode("cpus");
        FdtNode cpu = cpus.AddNode("cpu@1").AddCells("reg", 1).AddEmpty("dcr-controller");
        uint phandle = tree.AllocatePhandle(cpu);
        root.AddReference("dcr-parent", cpu);
        root.AddNode("memory@0").AddU64("big", 0x0123456789abcdef).AddStringList("compatible", "a,b", "c", "d,e-f");
        root.AddNode("blob").AddProperty("raw", [0xde, 0xad, 0xbe]);

        byte[] blob = tree.ToBlob();
        FdtBuilder back = FdtReader.Read(blob);

        Assert.Equal(1u, phandle);
        Assert.Equal(1u, back.BootCpuIdPhys);
        Assert.Equal(tree.Reservations, back.Reservations);
        Assert.Equal(["#address-cells", "#size-cells", "model", "dcr-parent"], back.Root.Properties.Select(p => p.Name));
        Assert.Equal(["cpus", "memory@0", "blob"], back.Root.Children.Select(c => c.Name));
        Assert.Equal("test", back.Root.GetProperty("model")!.AsString());
        Assert.Equal(1u, back.Root.GetProperty("dcr-parent")!.AsUInt32());
        FdtNode cpuBack = back.FindNode("/cpus/cpu@1")!;
        Assert.Equal(1u, cpuBack.Phandle);
        Assert.True(cpuBack.GetProperty("dcr-controller")!.IsEmpty);
        Assert.Equal("/cpus/cpu@1", cpuBack.Path);
        Assert.Same(cpuBack, back.FindNode("/cpus/cpu")); // unit address may be omitted
        Assert.Equal(0x0123456789abcdefUL, back.FindNode("/memory")!.GetProperty("big")!.AsUInt64());
        Assert.Equal(["a,b", "c", "d,e-f"], back.FindNode("memory@0")!.GetProperty("compatible")!.AsStringList());
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe }, back.FindNode("/blob")!.GetProperty("raw")!.Value.ToArray());
        Assert.Equal(blob, back.ToBlob());
    }

    [Fact]
    public void Reader_SkipsNops()
    {
        var tree = new FdtBuilder();
        tree.Root.AddCells("a", 7);
        byte[] blob = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(blob);

        // Rebuild the structure block with a NOP after the root's BEGIN_NODE.
        var withNop = new List<byte>(blob.AsSpan(0, (int)h.OffDtStruct + 8).ToArray());
        withNop.AddRange(new byte[] { 0, 0, 0, 4 });
        withNop.AddRange(blob.AsSpan((int)h.OffDtStruct + 8).ToArray());
        byte[] patched = [.. withNop];
        BinaryPrimitives.WriteUInt32BigEndian(patched.AsSpan(4), h.TotalSize + 4);
        BinaryPrimitives.WriteUInt32BigEndian(patched.AsSpan(12), h.OffDtStrings + 4);
        BinaryPrimitives.WriteUInt32BigEndian(patched.AsSpan(36), h.SizeDtStruct + 4);

        Assert.Equal(7u, FdtReader.Read(patched).Root.GetProperty("a")!.AsUInt32());
    }

    [Fact]
    public void Reader_RejectsBadBlobs()
    {
        byte[] good = new FdtBuilder().ToBlob();
        Assert.Equal("A devicetree blob needs a 40-byte header; this one ends at offset 0x14 (20 bytes).", Assert.Throws<InvalidDataException>(() => FdtReader.Read(good.AsSpan(0, 20))).Message);

        byte[] badMagic = (byte[])good.Clone();
        badMagic[0] = 0;
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => FdtReader.Read(badMagic)).Message);

        byte[] truncated = good.AsSpan(0, good.Length - 4).ToArray();
        Assert.Throws<InvalidDataException>(() => FdtReader.Read(truncated));

        byte[] badToken = (byte[])good.Clone();
        FdtHeader h = FdtReader.ReadHeader(good);
        BinaryPrimitives.WriteUInt32BigEndian(badToken.AsSpan((int)h.OffDtStruct + 8), 0x77);
        Assert.Contains("Unknown structure token 0x77", Assert.Throws<InvalidDataException>(() => FdtReader.Read(badToken)).Message);
    }

    [Fact]
    public void Reader_ZeroSizeReservationWithAddress_IsInvalidDataAtItsOffset()
    {
        // Issue 14: this escaped as ArgumentOutOfRangeException from FdtBuilder.AddReservation.
        var tree = new FdtBuilder();
        tree.AddReservation(0x1000, 0x2000);
        tree.AddReservation(0x8000, 0x10);
        byte[] blob = tree.ToBlob();
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(40 + 16 + 8), 0); // second entry: 0x8000 / size 0

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FdtReader.Read(blob));
        Assert.Equal("The memory reservation entry at offset 0x38 has address 0x8000 and size 0; only the 0/0 terminator may have size 0.", e.Message);
    }

    [Fact]
    public void Reader_ReservationsEndAtTheFirstZeroZeroEntry()
    {
        var tree = new FdtBuilder();
        tree.AddReservation(0x1000, 0x2000);
        tree.AddReservation(0x8000, 0x10);
        byte[] blob = tree.ToBlob();
        blob.AsSpan(40 + 16, 16).Clear(); // second entry becomes the terminator

        Assert.Equal([new FdtReservation(0x1000, 0x2000)], FdtReader.Read(blob).Reservations);
    }

    [Fact]
    public void Reader_NestingDeeperThanMaxDepth_IsInvalidData()
    {
        FdtBuilder Chain(int depth)
        {
            var tree = new FdtBuilder();
            FdtNode n = tree.Root;
            for (int i = 1; i < depth; i++)
            {
                n = n.AddNode("n");
            }

            return tree;
        }

        Assert.Equal(FdtReader.MaxDepth - 1, FdtReader.Read(Chain(FdtReader.MaxDepth).ToBlob()).FindNode(string.Join('/', Enumerable.Repeat("n", FdtReader.MaxDepth - 1)))!.Path.Count(c => c == '/'));

        byte[] deep = Chain(FdtReader.MaxDepth + 1).ToBlob();
        FdtHeader h = FdtReader.ReadHeader(deep);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FdtReader.Read(deep));

        // root BEGIN_NODE "" (8 bytes), then 8 bytes per BEGIN_NODE "n": the 65th node starts 8 + 63 × 8 bytes in.
        Assert.Equal($"The node at offset 0x{h.OffDtStruct + 8 + (63 * 8):x} nests deeper than 64 levels.", e.Message);
    }

    [Fact]
    public void Reader_NodeNameThatIsNotUtf8_SkipsItsOwnBytes()
    {
        // The name's length comes from its NUL, not from the decoded string (4 invalid bytes
        // decode to 4 × U+FFFD, 12 bytes in UTF-8, which used to misalign the next token).
        var tree = new FdtBuilder();
        tree.Root.AddNode("abcd").AddCells("p", 5);
        byte[] blob = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(blob);
        blob.AsSpan((int)h.OffDtStruct + 12, 4).Fill(0xFF);

        FdtNode node = Assert.Single(FdtReader.Read(blob).Root.Children);
        Assert.Equal("\uFFFD\uFFFD\uFFFD\uFFFD", node.Name);
        Assert.Equal(5u, node.GetProperty("p")!.AsUInt32());
    }

    public static TheoryData<string, int, uint, string> Corruptions => new()
    {
        // header field offset, value, expected message part
        { "version", 20, 15, "at offset 0x14 cannot be read" },
        { "totalsize", 4, 0xFFFF_FFFF, "totalsize 4294967295 at offset 0x4 does not fit" },
        { "off_mem_rsvmap", 16, 0x2C, "offset 0x2c (header offset 0x10) is invalid" },
        { "off_dt_struct", 8, 0xFFFF_FFF0, "The structure block (offset 0xfffffff0" },
        { "size_dt_strings", 32, 0x7FFF_FFFF, "The strings block (offset 0x" },
        { "size_dt_struct", 36, 8, "ends at offset 0x" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Reader_CorruptHeaderField_IsInvalidDataWithOffset(string field, int at, uint value, string message)
    {
        var tree = new FdtBuilder();
        tree.Root.AddNode("a").AddCells("p", 1);
        byte[] blob = tree.ToBlob();
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), value);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FdtReader.Read(blob));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{field}: {e.Message}");
        Assert.Contains("offset", e.Message);
    }

    [Fact]
    public void Reader_StructureErrors_NameTheBlobOffset()
    {
        var tree = new FdtBuilder();
        tree.Root.AddNode("a").AddCells("p", 1);
        byte[] good = tree.ToBlob();
        FdtHeader h = FdtReader.ReadHeader(good);
        int s = (int)h.OffDtStruct;

        // BEGIN_NODE "" @s | BEGIN_NODE "a" @s+8 | PROP len nameoff value @s+16 | END_NODE @s+32 | END_NODE @s+36 | END @s+40
        byte[] prop = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(prop.AsSpan(s + 24), 0x100); // nameoff outside the strings block
        Assert.Equal($"Property at offset 0x{s + 16:x} has the name offset 0x100, outside the {h.SizeDtStrings}-byte strings block.", Assert.Throws<InvalidDataException>(() => FdtReader.Read(prop)).Message);

        byte[] len = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(len.AsSpan(s + 20), 0xFFFF_FFF0);
        Assert.StartsWith($"Property at offset 0x{s + 16:x} has 4294967280 bytes, past the end", Assert.Throws<InvalidDataException>(() => FdtReader.Read(len)).Message);

        byte[] extraEnd = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(extraEnd.AsSpan(s + 36), FdtConstants.End);
        Assert.Equal($"FDT_END at offset 0x{s + 36:x} comes before the root node was closed.", Assert.Throws<InvalidDataException>(() => FdtReader.Read(extraEnd)).Message);

        byte[] secondRoot = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(secondRoot.AsSpan(s + 40), FdtConstants.BeginNode); // its name would start past the block
        Assert.Equal($"The node name at offset 0x{s + 44:x} has no NUL terminator.", Assert.Throws<InvalidDataException>(() => FdtReader.Read(secondRoot)).Message);

        byte[] stray = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(stray.AsSpan(s + 36), FdtConstants.EndNode);
        BinaryPrimitives.WriteUInt32BigEndian(stray.AsSpan(s + 40), FdtConstants.EndNode);
        Assert.Equal($"FDT_END_NODE at offset 0x{s + 40:x} closes no node.", Assert.Throws<InvalidDataException>(() => FdtReader.Read(stray)).Message);
    }

    [Fact]
    public void Builder_RejectsDuplicatesAndBadNames()
    {
        var tree = new FdtBuilder();
        tree.Root.AddNode("a").AddCells("p", 1);
        Assert.Throws<ArgumentException>(() => tree.Root.AddNode("a"));
        Assert.Throws<ArgumentException>(() => tree.FindNode("/a")!.AddCells("p", 2));
        Assert.Throws<ArgumentException>(() => tree.Root.AddNode("x/y"));
        Assert.Throws<ArgumentException>(() => tree.Root.AddString("s", "nul\0inside"));
        Assert.Throws<InvalidOperationException>(() => tree.Root.AddReference("r", tree.FindNode("/a")!));
        tree.FindNode("/a")!.SetProperty("p", FdtNode.EncodeCells([9]));
        Assert.Equal(9u, tree.FindNode("/a")!.GetProperty("p")!.AsUInt32());
    }

    [Fact]
    public void AllocatePhandle_CountsUpAndKeepsExisting()
    {
        var tree = new FdtBuilder();
        FdtNode a = tree.Root.AddNode("a");
        FdtNode b = tree.Root.AddNode("b");
        Assert.Equal(1u, tree.AllocatePhandle(a));
        Assert.Equal(2u, tree.AllocatePhandle(b));
        Assert.Equal(1u, tree.AllocatePhandle(a));
        Assert.Equal("phandle", a.Properties[^1].Name);
    }

    private static uint[] Words(ReadOnlySpan<byte> bytes)
    {
        uint[] words = new uint[bytes.Length / 4];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(i * 4)..]);
        }

        return words;
    }
}
