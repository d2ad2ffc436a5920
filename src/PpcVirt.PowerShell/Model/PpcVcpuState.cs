namespace PpcVirt.PowerShell;

/// <summary>Whether a vCPU is executing guest code.</summary>
public enum PpcVcpuState
{
    /// <summary>The vCPU is not running.</summary>
    Idle,
    /// <summary>The vCPU is inside KVM_RUN on some thread.</summary>
    Running,
}
