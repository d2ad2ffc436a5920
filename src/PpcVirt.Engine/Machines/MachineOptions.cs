namespace PpcVirt.Engine.Machines;

/// <summary>What to build: the machine type, its RAM, the CPU model and the kernel to boot.</summary>
public sealed class MachineOptions
{
    /// <summary>Default RAM: 128 MiB (QEMU's bamboo default).</summary>
    public const long DefaultMemoryBytes = 128L * 1024 * 1024;

    /// <summary>A name for the VM (shown by Get-PpcVm). Null: the machine type's name.</summary>
    public string? Name { get; set; }

    /// <summary>Board model.</summary>
    public MachineType Machine { get; set; } = MachineType.Bamboo;

    /// <summary>CPU model name (see <see cref="Cpu.CpuModel.All"/>).</summary>
    public string Cpu { get; set; } = "440EP";

    /// <summary>Guest RAM in bytes; a multiple of 1 MiB. Bamboo: 1 MiB … 2 GiB (QEMU accepts up to 2 GiB).</summary>
    public long MemoryBytes { get; set; } = DefaultMemoryBytes;

    /// <summary>Path of the ELF image to boot, or null for none (then the VMM loads code itself).</summary>
    public string? KernelPath { get; set; }

    /// <summary>
    /// True to give the board a second serial port (Bamboo UART1 at 0xEF600400, like QEMU's second
    /// <c>-serial</c>). False (default, as QEMU without a second -serial): the device tree still names
    /// UART1, but its window reads 0 and drops writes.
    /// </summary>
    public bool SecondSerialPort { get; set; }

    /// <summary>Kernel command line (FDT <c>/chosen/bootargs</c>).</summary>
    public string CommandLine { get; set; } = string.Empty;
}
