namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// Thrown (one cached instance per core, no allocation) by a memory access or helper deep inside a
/// handler to abort the current instruction; the run loop delivers the interrupt recorded on the
/// core. Not visible outside the engine.
/// </summary>
internal sealed class GuestInterrupt : Exception
{
    public GuestInterrupt()
        : base("guest interrupt")
    {
    }
}
