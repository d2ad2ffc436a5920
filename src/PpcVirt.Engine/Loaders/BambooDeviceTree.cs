namespace PpcVirt.Engine.Loaders;

/// <summary>
/// The devicetree QEMU 7.2 hands a kernel on <c>-M bamboo</c>: pc-bios/bamboo.dts compiled by dtc
/// (cpu@0 phandle 1, UIC0 phandle 2), then patched by <c>bamboo_load_device_tree()</c>
/// (hw/ppc/ppc440_bamboo.c) with the RAM size in <c>/memory/reg</c>, <c>/chosen</c>
/// <c>bootargs</c>, <c>linux,initrd-start</c>/<c>linux,initrd-end</c> (both
/// <see cref="InitrdAddress"/> when there is no initrd; libfdt inserts new properties first, hence
/// their order) and the 400 MHz CPU clock and time base in <c>/cpus/cpu@0</c>. QEMU places the blob
/// at guest physical <see cref="LoadAddress"/> and passes that address in r3.
/// </summary>
public static class BambooDeviceTree
{
    /// <summary>Guest physical address QEMU loads the blob at (<c>FDT_ADDR</c>, 0x01800000).</summary>
    public const ulong LoadAddress = 0x0180_0000;

    /// <summary>Guest physical address of an initrd (<c>RAMDISK_ADDR</c>, 0x01900000).</summary>
    public const uint InitrdAddress = 0x0190_0000;

    /// <summary>CPU <c>clock-frequency</c> and <c>timebase-frequency</c>: 400 000 000 Hz (0x17d78400).</summary>
    public const uint CpuFrequencyHz = 400_000_000;

    /// <summary>Path of the console UART node (<c>/chosen/linux,stdout-path</c>, alias serial0).</summary>
    public const string ConsolePath = "/plb/opb/serial@ef600300";

    /// <summary>Builds the tree (see <see cref="Build"/> for the blob).</summary>
    /// <param name="memoryBytes">Guest RAM in bytes, 1 … 0xFFFFFFFF (stored as one u32 cell in <c>/memory/reg</c>, as QEMU does).</param>
    /// <param name="bootargs">Kernel command line for <c>/chosen/bootargs</c> (may be empty).</param>
    /// <returns>The tree, ready to edit or serialize.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size does not fit a u32 cell or is not positive.</exception>
    public static FdtBuilder BuildTree(long memoryBytes, string bootargs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(memoryBytes, uint.MaxValue);
        ArgumentNullException.ThrowIfNull(bootargs);

        var tree = new FdtBuilder();
        FdtNode root = tree.Root;
        root.AddCells("#address-cells", 2)
            .AddCells("#size-cells", 1)
            .AddString("model", "amcc,bamboo")
            .AddString("compatible", "amcc,bamboo");

        root.AddNode("aliases")
            .AddString("serial0", ConsolePath)
            .AddString("serial1", "/plb/opb/serial@ef600400");

        FdtNode cpus = root.AddNode("cpus")
            .AddCells("#address-cells", 1)
            .AddCells("#size-cells", 0);
        FdtNode cpu = cpus.AddNode("cpu@0")
            .AddString("device_type", "cpu")
            .AddString("model", "PowerPC,440EP")
            .AddCells("reg", 0)
            .AddCells("clock-frequency", CpuFrequencyHz)
            .AddCells("timebase-frequency", CpuFrequencyHz)
            .AddCells("i-cache-line-size", 0x20)
            .AddCells("d-cache-line-size", 0x20)
            .AddCells("i-cache-size", 0x8000)
            .AddCells("d-cache-size", 0x8000)
            .AddEmpty("dcr-controller")
            .AddString("dcr-access-method", "native");
        tree.AllocatePhandle(cpu);
        root.AddReference("dcr-parent", cpu);

        root.AddNode("memory")
            .AddString("device_type", "memory")
            .AddCells("reg", 0, 0, (uint)memoryBytes);

        FdtNode uic0 = root.AddNode("interrupt-controller0")
            .AddStringList("compatible", "ibm,uic-440ep", "ibm,uic")
            .AddEmpty("interrupt-controller")
            .AddCells("cell-index", 0)
            .AddCells("dcr-reg", 0xc0, 0x09)
            .AddCells("#address-cells", 0)
            .AddCells("#size-cells", 0)
            .AddCells("#interrupt-cells", 2);
        uint uic = tree.AllocatePhandle(uic0);

        root.AddNode("sdr")
            .AddString("compatible", "ibm,sdr-440ep")
            .AddCells("dcr-reg", 0x0e, 0x02);
        root.AddNode("cpr")
            .AddString("compatible", "ibm,cpr-440ep")
            .AddCells("dcr-reg", 0x0c, 0x02);

        FdtNode plb = root.AddNode("plb")
            .AddStringList("compatible", "ibm,plb-440ep", "ibm,plb-440gp", "ibm,plb4")
            .AddCells("#address-cells", 2)
            .AddCells("#size-cells", 1)
            .AddEmpty("ranges")
            .AddCells("clock-frequency", 0x07f28154);
        plb.AddNode("sdram")
            .AddStringList("compatible", "ibm,sdram-440ep", "ibm,sdram-405gp")
            .AddCells("dcr-reg", 0x10, 0x02);
        plb.AddNode("dma")
            .AddStringList("compatible", "ibm,dma-440ep", "ibm,dma-440gp")
            .AddCells("dcr-reg", 0x100, 0x27);

        FdtNode opb = plb.AddNode("opb")
            .AddStringList("compatible", "ibm,opb-440ep", "ibm,opb-440gp", "ibm,opb")
            .AddCells("#address-cells", 1)
            .AddCells("#size-cells", 1)
            .AddCells("ranges", 0x00000000, 0x0, 0x00000000, 0x80000000, 0x80000000, 0x0, 0x80000000, 0x80000000)
            .AddCells("interrupts", 7, 4)
            .AddCells("clock-frequency", 0x03f940aa);
        opb.AddNode("ebc")
            .AddStringList("compatible", "ibm,ebc-440ep", "ibm,ebc-440gp", "ibm,ebc")
            .AddCells("dcr-reg", 0x12, 0x02)
            .AddCells("#address-cells", 2)
            .AddCells("#size-cells", 1)
            .AddCells("clock-frequency", 0x03f940aa)
            .AddCells("interrupts", 5, 1);
        AddUart(opb, 0xef600300, 115200, 0, uic);
        AddUart(opb, 0xef600400, 0, 1, uic);
        AddIic(opb, 0xef600700, 0x14, 2, uic);
        AddIic(opb, 0xef600800, 0x0e, 7, uic);
        opb.AddNode("emac-zmii@ef600d00")
            .AddString("device_type", "zmii-interface")
            .AddStringList("compatible", "ibm,zmii-440ep", "ibm,zmii-440gp", "ibm,zmii")
            .AddCells("reg", 0xef600d00, 0x0c);

        plb.AddNode("pci@ec000000")
            .AddString("device_type", "pci")
            .AddCells("#interrupt-cells", 1)
            .AddCells("#size-cells", 2)
            .AddCells("#address-cells", 3)
            .AddStringList("compatible", "ibm,plb440ep-pci", "ibm,plb-pci")
            .AddEmpty("primary")
            .AddCells("reg", 0, 0xeec00000, 8, 0, 0xeed00000, 4, 0, 0xeed00000, 4, 0, 0xef400000, 0x40)
            .AddCells("ranges", 0x02000000, 0, 0xa0000000, 0, 0xa0000000, 0, 0x20000000, 0x01000000, 0, 0x00000000, 0, 0xe8000000, 0, 0x00010000)
            .AddCells("dma-ranges", 0x42000000, 0, 0, 0, 0, 0, 0x80000000)
            .AddCells("interrupt-map-mask", 0xf800, 0, 0, 0)
            .AddCells(
                "interrupt-map",
                0x0800, 0, 0, 0, uic, 0x1c, 8,
                0x1000, 0, 0, 0, uic, 0x1b, 8,
                0x1800, 0, 0, 0, uic, 0x1a, 8,
                0x2000, 0, 0, 0, uic, 0x19, 8);

        root.AddNode("chosen")
            .AddString("bootargs", bootargs)
            .AddCells("linux,initrd-end", InitrdAddress)
            .AddCells("linux,initrd-start", InitrdAddress)
            .AddString("linux,stdout-path", ConsolePath);
        return tree;
    }

    /// <summary>Builds the blob: <see cref="BuildTree"/> serialized by <see cref="FdtWriter"/> (version 17, boot_cpuid_phys 0, no reservations).</summary>
    /// <param name="memoryBytes">Guest RAM in bytes, 1 … 0xFFFFFFFF.</param>
    /// <param name="bootargs">Kernel command line.</param>
    /// <returns>The DTB bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size does not fit a u32 cell or is not positive.</exception>
    public static byte[] Build(long memoryBytes, string bootargs) => BuildTree(memoryBytes, bootargs).ToBlob();

    private static void AddUart(FdtNode opb, uint address, uint speed, uint irq, uint uic) =>
        opb.AddNode($"serial@{address:x}")
            .AddString("device_type", "serial")
            .AddString("compatible", "ns16550")
            .AddCells("reg", address, 8)
            .AddCells("virtual-reg", address)
            .AddCells("clock-frequency", 0x00a8c000)
            .AddCells("current-speed", speed)
            .AddCells("interrupt-parent", uic)
            .AddCells("interrupts", irq, 4);

    private static void AddIic(FdtNode opb, uint address, uint size, uint irq, uint uic) =>
        opb.AddNode($"i2c@{address:x}")
            .AddString("device_type", "i2c")
            .AddStringList("compatible", "ibm,iic-440ep", "ibm,iic-440gp", "ibm,iic")
            .AddCells("reg", address, size)
            .AddCells("interrupt-parent", uic)
            .AddCells("interrupts", irq, 4);
}
