using PpcVirt.Engine.Loaders;
using Xunit;

namespace PpcVirt.Engine.Tests.Loaders;

public sealed class BambooDeviceTreeTests
{
    [Fact]
    public void Build_MatchesDtcOutputForQemuBambooTree()
    {
        byte[] blob = BambooDeviceTree.Build(128L << 20, "console=ttyS0,115200");
        Assert.Equal(BambooDtbGolden.Blob, blob);
    }

    [Fact]
    public void Build_FillsMemoryAndBootargs()
    {
        FdtBuilder tree = FdtReader.Read(BambooDeviceTree.Build(256L << 20, "root=/dev/ram rw"));

        Assert.Equal([0u, 0u, 0x1000_0000u], tree.FindNode("/memory")!.GetProperty("reg")!.AsUInt32Array());
        Assert.Equal("memory", tree.FindNode("/memory")!.GetProperty("device_type")!.AsString());
        FdtNode chosen = tree.FindNode("/chosen")!;
        Assert.Equal("root=/dev/ram rw", chosen.GetProperty("bootargs")!.AsString());
        Assert.Equal(0x0190_0000u, chosen.GetProperty("linux,initrd-start")!.AsUInt32());
        Assert.Equal(0x0190_0000u, chosen.GetProperty("linux,initrd-end")!.AsUInt32());
        Assert.Equal("/plb/opb/serial@ef600300", chosen.GetProperty("linux,stdout-path")!.AsString());
        Assert.Equal(["bootargs", "linux,initrd-end", "linux,initrd-start", "linux,stdout-path"], chosen.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Build_HasQemuBambooNodesAndProperties()
    {
        FdtBuilder tree = FdtReader.Read(BambooDeviceTree.Build(128L << 20, string.Empty));
        FdtNode root = tree.Root;

        Assert.Equal("amcc,bamboo", root.GetProperty("model")!.AsString());
        Assert.Equal(2u, root.GetProperty("#address-cells")!.AsUInt32());
        Assert.Equal(1u, root.GetProperty("#size-cells")!.AsUInt32());
        Assert.Equal(["aliases", "cpus", "memory", "interrupt-controller0", "sdr", "cpr", "plb", "chosen"], root.Children.Select(c => c.Name));
        Assert.Equal(string.Empty, tree.FindNode("/chosen")!.GetProperty("bootargs")!.AsString());

        FdtNode cpu = tree.FindNode("/cpus/cpu@0")!;
        Assert.Equal(400_000_000u, cpu.GetProperty("clock-frequency")!.AsUInt32());
        Assert.Equal(0x17d78400u, cpu.GetProperty("timebase-frequency")!.AsUInt32());
        Assert.Equal("PowerPC,440EP", cpu.GetProperty("model")!.AsString());
        Assert.True(cpu.GetProperty("dcr-controller")!.IsEmpty);
        Assert.Equal(1u, cpu.Phandle);
        Assert.Equal(1u, root.GetProperty("dcr-parent")!.AsUInt32());

        FdtNode uic = tree.FindNode("/interrupt-controller0")!;
        Assert.Equal(2u, uic.Phandle);
        Assert.Equal(["ibm,uic-440ep", "ibm,uic"], uic.GetProperty("compatible")!.AsStringList());
        Assert.Equal([0xc0u, 0x09u], uic.GetProperty("dcr-reg")!.AsUInt32Array());

        FdtNode uart0 = tree.FindNode("/plb/opb/serial@ef600300")!;
        Assert.Equal([0xef600300u, 8u], uart0.GetProperty("reg")!.AsUInt32Array());
        Assert.Equal(115200u, uart0.GetProperty("current-speed")!.AsUInt32());
        Assert.Equal(2u, uart0.GetProperty("interrupt-parent")!.AsUInt32());
        Assert.Equal([0u, 4u], uart0.GetProperty("interrupts")!.AsUInt32Array());
        Assert.Equal(0u, tree.FindNode("/plb/opb/serial@ef600400")!.GetProperty("current-speed")!.AsUInt32());
        Assert.Equal([0xef600800u, 0x0eu], tree.FindNode("/plb/opb/i2c@ef600800")!.GetProperty("reg")!.AsUInt32Array());

        FdtNode pci = tree.FindNode("/plb/pci@ec000000")!;
        Assert.True(pci.GetProperty("primary")!.IsEmpty);
        uint[] map = pci.GetProperty("interrupt-map")!.AsUInt32Array();
        Assert.Equal(28, map.Length);
        Assert.Equal([0x800u, 0, 0, 0, 2, 0x1c, 8], map[..7]);
        Assert.True(tree.FindNode("/plb")!.GetProperty("ranges")!.IsEmpty);
        Assert.Equal("/plb/opb/serial@ef600400", tree.FindNode("/aliases")!.GetProperty("serial1")!.AsString());
    }

    [Fact]
    public void Build_HeaderIsVersion17WithoutReservations()
    {
        byte[] blob = BambooDeviceTree.Build(2L << 30, "x");
        FdtHeader h = FdtReader.ReadHeader(blob);
        Assert.Equal(17u, h.Version);
        Assert.Equal(0u, h.BootCpuIdPhys);
        Assert.Empty(FdtReader.Read(blob).Reservations);
        Assert.Equal([0u, 0u, 0x8000_0000u], FdtReader.Read(blob).FindNode("/memory")!.GetProperty("reg")!.AsUInt32Array());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(4L << 30)]
    public void Build_RejectsSizesThatDoNotFitOneCell(long bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BambooDeviceTree.Build(bytes, string.Empty));
    }
}
