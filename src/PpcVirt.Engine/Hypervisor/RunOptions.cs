namespace PpcVirt.Engine.Hypervisor;

/// <summary>Limits for one <see cref="Vcpu.Run"/> call. Zero means "no limit".</summary>
public sealed class RunOptions
{
    /// <summary>Stop with <see cref="ExitReason.InstructionLimit"/> after this many guest instructions (0: none).</summary>
    public ulong MaxInstructions { get; init; }

    /// <summary>Stop with <see cref="ExitReason.Timeout"/> after this much wall-clock time (null: none).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancellation from the host: stops the run with <see cref="ExitReason.Canceled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
