using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Machines;

/// <summary>
/// The AMCC Bamboo board (PPC440EP) as QEMU 7.2 <c>-M bamboo</c> presents it: RAM at 0, NS16550A
/// UART0 at 0xEF600300 (UIC0 input 0) and UART1 at 0xEF600400, UIC0 at DCR 0xC0–0xC8, a 400 MHz
/// time base, DBCR0 system reset. (Work in progress.)
/// </summary>
public sealed class BambooMachine : Machine
{
    private readonly Vm _vm;
    private readonly Vcpu _vcpu;
    private readonly MachineOptions _options;
    private string? _kernelPath;

    /// <summary>Builds the board.</summary>
    public BambooMachine(MachineOptions options)
    {
        _options = options;
        if (!CpuModel.All.TryGetValue(options.Cpu, out CpuModel? model))
        {
            throw new KvmException(Errno.EINVAL, "KVM_CREATE_VCPU", $"unknown CPU model '{options.Cpu}'.");
        }

        _vm = new Vm(model.Family);
        _vcpu = _vm.CreateVcpu(model);
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

    /// <inheritdoc/>
    public override void LoadKernel(string path) => _kernelPath = path;

    /// <inheritdoc/>
    public override void Reset()
    {
    }
}
