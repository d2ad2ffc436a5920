namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>Thrown (cached) to leave the run loop for an exit the VMM must see (MMIO, DCR, reset).</summary>
internal sealed class VcpuExitSignal : Exception
{
    public VcpuExitSignal()
        : base("vcpu exit")
    {
    }
}
