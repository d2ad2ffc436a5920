using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;

namespace PpcVirt.PowerShell;

/// <summary>A memory slot of a <see cref="PpcVm"/> (KVM_SET_USER_MEMORY_REGION).</summary>
public sealed class PpcMemorySlot
{
    internal PpcMemorySlot(PpcVm vm, MemorySlot slot)
    {
        Vm = vm;
        MemorySlot = slot;
    }

    /// <summary>The VM.</summary>
    public PpcVm Vm { get; }

    /// <summary>The VM's name.</summary>
    public string VmName => Vm.Name;

    /// <summary>Slot id.</summary>
    public int Slot => MemorySlot.Slot;

    /// <summary>First guest physical byte.</summary>
    public ulong GuestPhysicalAddress => MemorySlot.GuestPhysicalAddress;

    /// <summary>Last guest physical byte.</summary>
    public ulong GuestPhysicalEnd => MemorySlot.GuestPhysicalEnd;

    /// <summary>Size in bytes.</summary>
    public long SizeBytes => (long)MemorySlot.SizeBytes;

    /// <summary>KVM_MEM_* flags.</summary>
    public MemorySlotFlags Flags => MemorySlot.Flags;

    /// <summary>The engine slot.</summary>
    public MemorySlot MemorySlot { get; }

    /// <summary>Returns a short description.</summary>
    public override string ToString() => $"slot {Slot}: 0x{GuestPhysicalAddress:X}-0x{GuestPhysicalEnd:X}";
}
