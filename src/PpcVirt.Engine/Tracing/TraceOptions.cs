using PpcVirt.Engine.Disassembly;

namespace PpcVirt.Engine.Tracing;

/// <summary>What <see cref="InstructionTracer.Run"/> records and when it stops. Zero means "no limit".</summary>
public sealed class TraceOptions
{
    /// <summary>Stop with <see cref="Hypervisor.ExitReason.InstructionLimit"/> after this many guest instructions (0: none).</summary>
    public ulong MaxInstructions { get; init; }

    /// <summary>Stop with <see cref="Hypervisor.ExitReason.Timeout"/> after this much wall-clock time (null: none).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancellation from the host: stops the trace with <see cref="Hypervisor.ExitReason.Canceled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The file layout (default <see cref="TraceFormat.Text"/>).</summary>
    public TraceFormat Format { get; init; } = TraceFormat.Text;

    /// <summary>Symbols for the symbol column (by effective address), or null for an empty column.</summary>
    public GuestSymbolTable? Symbols { get; init; }

    /// <summary>A free-text description written into the text format's header comment (e.g. the VM name), or null.</summary>
    public string? Title { get; init; }
}
