namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// The <c>mmio</c> member of <c>struct kvm_run</c> for a KVM_EXIT_MMIO exit: a guest access to
/// guest physical space that no memory slot or in-kernel device claims. For a read, the VMM
/// sets <see cref="Data"/> before the next <see cref="Vcpu.Run"/>; the load then completes with it.
/// </summary>
public sealed class MmioAccess
{
    /// <summary>Guest physical address of the access (36-bit on the 440).</summary>
    public ulong PhysicalAddress { get; init; }

    /// <summary>Access size in bytes: 1, 2, 4 or 8.</summary>
    public int Length { get; init; }

    /// <summary>True for a store.</summary>
    public bool IsWrite { get; init; }

    /// <summary>The stored value (writes), or the value the VMM supplies (reads), right-aligned, in guest byte order already applied.</summary>
    public ulong Data { get; set; }
}
