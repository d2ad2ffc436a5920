namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// The <c>dcr</c> member of <c>struct kvm_run</c> for a KVM_EXIT_DCR exit (Book E, seed 004):
/// mfdcr/mtdcr to a Device Control Register no device on the DCR bus claims. For mfdcr the VMM
/// sets <see cref="Data"/> before the next <see cref="Vcpu.Run"/>; the target GPR receives it.
/// </summary>
public sealed class DcrAccess
{
    /// <summary>The DCR number, 0–1023.</summary>
    public uint DcrNumber { get; init; }

    /// <summary>True for mtdcr.</summary>
    public bool IsWrite { get; init; }

    /// <summary>The value written (mtdcr), or the value the VMM supplies (mfdcr).</summary>
    public uint Data { get; set; }
}
