namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// Counters a PPC440 vCPU keeps about where its time goes (cheap increments on slow paths only):
/// interrupts by IVOR, host time asleep in the MSR[WE] wait state, slow-path storage accesses,
/// shadow TLB flushes and decoded pages. Read them to profile a boot.
/// </summary>
public sealed class Ppc440Statistics
{
    /// <summary>Interrupts delivered, indexed by IVOR number (0–15).</summary>
    public long[] InterruptsByVector { get; } = new long[16];

    /// <summary>Host stopwatch ticks spent asleep in the wait state.</summary>
    public long WaitTicks { get; internal set; }

    /// <summary>Storage accesses that missed the shadow TLB (TLB walk, MMIO, devices).</summary>
    public long SlowAccesses { get; internal set; }

    /// <summary>Shadow TLB flushes (generation bumps).</summary>
    public long ShadowFlushes { get; internal set; }

    /// <summary>Fetch-window refills (page crossings, isync, context changes).</summary>
    public long FetchRefills { get; internal set; }

    /// <summary>Host time asleep in the wait state.</summary>
    public TimeSpan WaitTime => TimeSpan.FromSeconds(WaitTicks / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <inheritdoc/>
    public override string ToString() =>
        $"interrupts=[{string.Join(',', InterruptsByVector)}] wait={WaitTime.TotalMilliseconds:F1}ms slow={SlowAccesses} flushes={ShadowFlushes} refills={FetchRefills}";
}
