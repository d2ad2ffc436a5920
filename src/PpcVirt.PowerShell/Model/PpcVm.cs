using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Profiles;

namespace PpcVirt.PowerShell;

/// <summary>
/// A virtual machine created by New-PpcVm and kept in the module's per-process registry
/// (by <see cref="Name"/> and numeric <see cref="Id"/>). Wraps an engine <see cref="Engine.Machines.Machine"/>.
/// </summary>
public sealed class PpcVm
{
    private readonly object _gate = new();
    private CancellationTokenSource? _runCancellation;
    private PpcVmState _state = PpcVmState.Created;

    internal PpcVm(int id, string name, Machine instance, MachineProfile? profile)
    {
        Id = id;
        Name = name;
        Instance = instance;
        Profile = profile;
    }

    /// <summary>
    /// A stand-in for a <c>-Vm</c> argument (name or id) that names no VM: binding succeeds, and the
    /// cmdlet then reports <c>PpcVirt.VmNotFound</c> like every other lookup (see CheckUsable), instead
    /// of PowerShell's ParameterArgumentTransformationError. It has no machine and is never output.
    /// </summary>
    internal static PpcVm Unresolved(string what, object target) =>
        new(0, target.ToString() ?? string.Empty, null!, null) { _state = PpcVmState.Removed, UnresolvedDescription = what };

    /// <summary>For an <see cref="Unresolved"/> reference: what was asked for (e.g. <c>named 'x'</c>); else null.</summary>
    internal string? UnresolvedDescription { get; private init; }

    /// <summary>The VM's unique name in this process.</summary>
    public string Name { get; }

    /// <summary>The VM's unique numeric id in this process (1, 2, …).</summary>
    public int Id { get; }

    /// <summary>The board model.</summary>
    public MachineType Machine => Instance.Type;

    /// <summary>The boot vCPU's CPU model name, e.g. <c>440EP</c>.</summary>
    public string Cpu => Instance.Vcpu.Model.Name;

    /// <summary>Guest RAM in bytes.</summary>
    public long MemoryBytes => Instance.MemoryBytes;

    /// <summary>The kernel image loaded last, or null.</summary>
    public string? KernelPath => Instance.KernelPath;

    /// <summary>The kernel command line.</summary>
    public string CommandLine => Instance.CommandLine;

    /// <summary>The VM's life-cycle state.</summary>
    public PpcVmState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }

        internal set
        {
            lock (_gate)
            {
                _state = value;
            }
        }
    }

    /// <summary>The run <c>Start-PpcVcpu -NoWait</c> started last (running or finished), or null.</summary>
    internal Internal.BackgroundRun? Background { get; set; }

    /// <summary>Byte offset in the console output where the next Wait-PpcConsole starts searching.</summary>
    internal long ConsoleCursor { get; set; }

    /// <summary>The exit the last Start-PpcVcpu returned, or null.</summary>
    public PpcVcpuExit? LastExit { get; internal set; }

    /// <summary>Everything the guest wrote to its console so far (Latin-1 decoded).</summary>
    public string ConsoleOutput => State == PpcVmState.Removed ? string.Empty : Instance.Console.OutputText;

    /// <summary>The profile the VM was created from, or null.</summary>
    public MachineProfile? Profile { get; }

    /// <summary>Path of the profile the VM was created from, or null.</summary>
    public string? ProfilePath => Profile?.SourcePath;

    /// <summary>The underlying engine machine (board, VM, vCPU, console).</summary>
    public Machine Instance { get; }

    /// <summary>The engine VM (memory slots, capabilities).</summary>
    public Vm Vm => Instance.Vm;

    /// <summary>The boot vCPU.</summary>
    public Vcpu Vcpu => Instance.Vcpu;

    /// <summary>True while a Start-PpcVcpu runs this VM.</summary>
    public bool IsRunning => Instance.Vcpu.IsRunning || State == PpcVmState.Running;

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    /// <summary>Marks the VM running with <paramref name="cancellation"/> as its stop handle; false when it already runs.</summary>
    internal bool TryBeginRun(CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            if (_runCancellation is not null || _state == PpcVmState.Removed)
            {
                return false;
            }

            _runCancellation = cancellation;
            _state = PpcVmState.Running;
            return true;
        }
    }

    /// <summary>Records the end of a run.</summary>
    internal void EndRun(PpcVcpuExit? exit)
    {
        lock (_gate)
        {
            _runCancellation = null;
            if (exit is not null)
            {
                LastExit = exit;
            }

            _state = exit?.Reason switch
            {
                ExitReason.Reset => PpcVmState.Reset,
                ExitReason.Shutdown => PpcVmState.Shutdown,
                _ => PpcVmState.Stopped,
            };
        }
    }

    /// <summary>Asks a running vCPU to stop (Stop-PpcVcpu, Remove-PpcVm -Force); true when a run was in progress.</summary>
    internal bool RequestStop()
    {
        CancellationTokenSource? cts;
        lock (_gate)
        {
            cts = _runCancellation;
        }

        try
        {
            cts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        // Vcpu.RequestStop on an idle vCPU would be kept for its next run (KVM_CAP_IMMEDIATE_EXIT),
        // so it is only used for a run in progress; a run's token already stops it when cancelled.
        bool running = cts is not null || Instance.Vcpu.IsRunning;
        if (running)
        {
            Instance.Vcpu.RequestStop();
        }

        return running;
    }
}
