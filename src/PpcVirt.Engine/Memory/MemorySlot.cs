using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Memory;

/// <summary>
/// A memory slot as KVM_SET_USER_MEMORY_REGION defines it (struct kvm_userspace_memory_region):
/// guest physical range [<see cref="GuestPhysicalAddress"/>, +<see cref="SizeBytes"/>) backed by
/// host memory at <see cref="HostOffset"/> in <see cref="Backing"/>.
/// </summary>
public sealed class MemorySlot
{
    internal MemorySlot(int slot, MemorySlotFlags flags, ulong guestPhysicalAddress, ulong sizeBytes, HostMemory backing, long hostOffset)
    {
        Slot = slot;
        Flags = flags;
        GuestPhysicalAddress = guestPhysicalAddress;
        SizeBytes = sizeBytes;
        Backing = backing;
        HostOffset = hostOffset;
    }

    /// <summary>The slot id (0 … <see cref="PhysicalMemoryMap.MaxSlots"/>−1).</summary>
    public int Slot { get; }

    /// <summary>KVM_MEM_* flags.</summary>
    public MemorySlotFlags Flags { get; }

    /// <summary>First guest physical byte of the slot (page-aligned).</summary>
    public ulong GuestPhysicalAddress { get; }

    /// <summary>Size in bytes (a multiple of 4096).</summary>
    public ulong SizeBytes { get; }

    /// <summary>Last guest physical byte of the slot.</summary>
    public ulong GuestPhysicalEnd => GuestPhysicalAddress + SizeBytes - 1;

    /// <summary>The host memory behind the slot.</summary>
    public HostMemory Backing { get; }

    /// <summary>Byte offset of the slot's first byte inside <see cref="Backing"/>.</summary>
    public long HostOffset { get; }

    /// <summary>True when <paramref name="gpa"/> lies inside the slot.</summary>
    public bool Contains(ulong gpa) => gpa >= GuestPhysicalAddress && gpa - GuestPhysicalAddress < SizeBytes;
}
