namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// The result of one <see cref="Vcpu.Run"/>: the exit reason and its payload (the kvm_run
/// union), plus counters for the run.
/// </summary>
public sealed class VcpuExit
{
    /// <summary>Why the run stopped.</summary>
    public required ExitReason Reason { get; init; }

    /// <summary>Guest instructions completed during this run.</summary>
    public ulong InstructionsExecuted { get; init; }

    /// <summary>Host <see cref="System.Diagnostics.Stopwatch"/> timestamp when the run started (to time events inside it).</summary>
    public long StartTimestamp { get; init; }

    /// <summary>Host wall-clock time the run took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The guest program counter (NIA/PC) when the run stopped: for MMIO/DCR exits the faulting instruction.</summary>
    public ulong ProgramCounter { get; init; }

    /// <summary>Payload of an <see cref="ExitReason.Mmio"/> exit; otherwise null.</summary>
    public MmioAccess? Mmio { get; init; }

    /// <summary>Payload of a <see cref="ExitReason.Dcr"/> exit; otherwise null.</summary>
    public DcrAccess? Dcr { get; init; }

    /// <summary>Payload of a <see cref="ExitReason.Debug"/> exit (which breakpoint or watchpoint fired); otherwise null.</summary>
    public Debugging.DebugEvent? Debug { get; init; }

    /// <summary>A readable explanation (internal errors, limits).</summary>
    public string? Message { get; init; }
}
