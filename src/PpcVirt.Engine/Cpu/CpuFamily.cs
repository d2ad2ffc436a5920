namespace PpcVirt.Engine.Cpu;

/// <summary>The vCPU families PpcVirt emulates.</summary>
public enum CpuFamily
{
    /// <summary>PPC440 (Book E, 32-bit, software-managed 64-entry TLB; seed 004).</summary>
    Ppc440,
    /// <summary>PPC970 (64-bit Book3S, real-mode offset RMA; seed 000).</summary>
    Ppc970,
    /// <summary>POWER7 (Book3S 2.06, VRMA, PAPR hypercalls; seeds 000–003).</summary>
    Power7,
}
