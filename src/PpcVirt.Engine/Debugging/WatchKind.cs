namespace PpcVirt.Engine.Debugging;

/// <summary>
/// Which data accesses a watchpoint traps (GDB Remote Serial Protocol Z2/Z3/Z4; Book E DBCR0[DAC1R/DAC1W]
/// are the hardware analogue on the 440).
/// </summary>
public enum WatchKind
{
    /// <summary>Stores (gdb <c>watch</c>, packet Z2).</summary>
    Write,
    /// <summary>Loads (gdb <c>rwatch</c>, packet Z3).</summary>
    Read,
    /// <summary>Loads and stores (gdb <c>awatch</c>, packet Z4).</summary>
    Access,
}
