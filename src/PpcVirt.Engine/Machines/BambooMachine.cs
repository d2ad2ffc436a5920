using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Cpu.Ppc440;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Machines;

/// <summary>
/// The AMCC Bamboo board (PPC440EP) as QEMU 7.2 <c>-M bamboo</c> presents it: RAM at guest
/// physical 0 in memory slot 0, NS16550A UART0 at 0xEF600300 (UIC0 input 0, the console) and
/// UART1 at 0xEF600400 (input 1, no host side), UIC0 at DCRs 0xC0–0xC8 driving External Input,
/// a 400 MHz time base, and DBCR0[RST] system reset (a Reset exit). Boot protocol (see
/// docs/architecture.md): ELF PT_LOADs at their physical addresses, the device tree at
/// 0x01800000, r3 = FDT, r1 = 0x00FFFFF8, MSR = 0, PC = the (converted) entry, and a 256 MiB
/// supervisor TLB entry mapping EA 0 = PA 0 at index 0 (plus EA = PA 0xE0000000 I|G for early I/O).
/// </summary>
public sealed class BambooMachine : Machine
{
    /// <summary>UART0 guest physical address.</summary>
    public const ulong Uart0Address = 0xEF60_0300;

    /// <summary>UART1 guest physical address.</summary>
    public const ulong Uart1Address = 0xEF60_0400;

    /// <summary>UIC0 DCR base.</summary>
    public const uint Uic0DcrBase = 0xC0;

    /// <summary>Initial r1 (16 MiB − 8), as QEMU sets it.</summary>
    public const uint InitialStackPointer = 0x00FF_FFF8;

    /// <summary>Smallest RAM accepted: 1 MiB.</summary>
    public const long MinMemoryBytes = 1L << 20;

    /// <summary>Largest RAM accepted: 2 GiB (the 440EP SDRAM controller's reach in QEMU's model).</summary>
    public const long MaxMemoryBytes = 2L << 30;

    private readonly Vm _vm;
    private readonly Vcpu _vcpu;
    private readonly MachineOptions _options;
    private readonly Ns16550Uart _uart0;
    private readonly Ns16550Uart _uart1;
    private readonly Uic _uic0;
    private string? _kernelPath;

    /// <summary>Builds the board; loads <see cref="MachineOptions.KernelPath"/> when given.</summary>
    /// <exception cref="KvmException">EINVAL: bad memory size or CPU model; ENOENT/ENOEXEC: bad kernel.</exception>
    public BambooMachine(MachineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!CpuModel.All.TryGetValue(options.Cpu, out CpuModel? model) || model.Family != CpuFamily.Ppc440)
        {
            throw new KvmException(Errno.EINVAL, "KVM_CREATE_VCPU", $"CPU model '{options.Cpu}' is not a PPC440 model (Bamboo takes: 440EP).");
        }

        if (options.MemoryBytes < MinMemoryBytes || options.MemoryBytes > MaxMemoryBytes || options.MemoryBytes % MinMemoryBytes != 0)
        {
            throw new KvmException(Errno.EINVAL, "KVM_SET_USER_MEMORY_REGION", $"Bamboo RAM must be a multiple of 1 MiB between 1 MiB and 2 GiB; got {options.MemoryBytes} bytes.");
        }

        _options = options;
        _vm = new Vm(model.Family);
        try
        {
            HostMemory ram = _vm.AllocateHostMemory(options.MemoryBytes);
            _vm.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, (ulong)options.MemoryBytes, ram);
            _vcpu = _vm.CreateVcpu(model);
            var core = (Ppc440Core)_vcpu.Core;
            _uic0 = new Uic(Uic0DcrBase, core.ExternalInput, core.CriticalInput);
            _vm.Dcrs.Attach(_uic0);
            _uart0 = new Ns16550Uart(Uart0Address, Console, _uic0.GetInput(0));
            _uart1 = new Ns16550Uart(Uart1Address, null, _uic0.GetInput(1));
            _vm.Memory.AddDevice(_uart0);
            _vm.Memory.AddDevice(_uart1);
            ResetCpu();
            if (options.KernelPath is not null)
            {
                LoadKernel(options.KernelPath);
            }
        }
        catch
        {
            _vm.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override string Name => _options.Name ?? "bamboo";

    /// <inheritdoc/>
    public override MachineType Type => MachineType.Bamboo;

    /// <inheritdoc/>
    public override Vm Vm => _vm;

    /// <inheritdoc/>
    public override Vcpu Vcpu => _vcpu;

    /// <inheritdoc/>
    public override MachineConsole Console { get; } = new();

    /// <inheritdoc/>
    public override long MemoryBytes => _options.MemoryBytes;

    /// <inheritdoc/>
    public override string? KernelPath => _kernelPath;

    /// <inheritdoc/>
    public override string CommandLine => _options.CommandLine;

    /// <summary>Guest physical address of the device tree after <see cref="LoadKernel"/>.</summary>
    public ulong DeviceTreeAddress { get; private set; }

    /// <inheritdoc/>
    public override void LoadKernel(string path)
    {
        ElfImage image = ElfImage.Load(path);
        if (image.Machine != ElfMachine.Ppc || image.Class != ElfClass.Elf32)
        {
            throw new KvmException(Errno.ENOEXEC, "load kernel", $"{path}: a Bamboo (PPC440) kernel must be a 32-bit big-endian PowerPC ELF; this one is {image.Class} {image.Machine}.");
        }

        ulong entry = ElfLoader.LoadInto(image, _vm.Memory);
        byte[] fdt = BambooDeviceTree.Build(MemoryBytes, CommandLine);
        ulong fdtAddress = BambooDeviceTree.LoadAddress;
        if (fdtAddress + (ulong)fdt.Length > (ulong)MemoryBytes)
        {
            fdtAddress = ((ulong)MemoryBytes - (ulong)fdt.Length - 0x1000) & ~0xFFFUL;
        }

        _vm.Memory.Write(fdtAddress, fdt);
        DeviceTreeAddress = fdtAddress;
        ResetCpu();
        _vcpu.ProgramCounter = entry;
        _vcpu.SetRegister("r1", InitialStackPointer);
        _vcpu.SetRegister("r3", fdtAddress);
        _kernelPath = Path.GetFullPath(path);
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        _uart0.Reset();
        _uart1.Reset();
        _uic0.Reset();
        foreach (MemorySlot slot in _vm.Memory.Slots)
        {
            slot.Backing.Clear();
        }

        ResetCpu();
        if (_kernelPath is not null)
        {
            LoadKernel(_kernelPath);
        }
    }

    private void ResetCpu()
    {
        _vcpu.Reset();

        // EA 0 → PA 0, 256 MiB, V, TS=0, TID=0, SX|SW|SR: covers the entry point, as tlbsx expects.
        _vcpu.SetTlbEntry(new BookETlbEntry(0, 0x0000_0290, 0x0000_0000, 0x0000_0007, 0));

        // EA 0xE0000000 → PA 0xE0000000, 256 MiB, I|G, SW|SR: the on-chip peripherals (QEMU maps all 4 GiB EA = PA).
        _vcpu.SetTlbEntry(new BookETlbEntry(1, 0xE000_0290, 0xE000_0000, 0x0000_0503, 0));
        _vcpu.ProgramCounter = 0;
        _vcpu.SetRegister("r1", InitialStackPointer);
    }
}
