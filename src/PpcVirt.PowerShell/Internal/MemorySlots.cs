using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;

namespace PpcVirt.PowerShell.Internal;

/// <summary>KVM_SET_USER_MEMORY_REGION as Set-/Remove-PpcMemorySlot perform it, with their error ids.</summary>
internal static class MemorySlots
{
    /// <summary>Error ids for slot refusals.</summary>
    public static readonly (Errno, string)[] ErrorIds =
    [
        (Errno.EEXIST, "PpcVirt.MemorySlotOverlap"),
        (Errno.EINVAL, "PpcVirt.InvalidMemorySlot"),
        (Errno.EFAULT, "PpcVirt.InvalidMemorySlot"),
        (Errno.ENOMEM, "PpcVirt.OutOfMemory"),
        (Errno.EBUSY, "PpcVirt.VcpuBusy"),
    ];

    /// <summary>Applies the request; writes an ErrorRecord and returns null on refusal (or on delete).</summary>
    public static MemorySlot? Apply(Cmdlet cmdlet, PpcVm vm, int slot, MemorySlotFlags flags, ulong gpa, long sizeBytes)
    {
        HostMemory? allocated = null;
        HostMemory? previous = vm.Vm.Memory.GetSlot(slot)?.Backing;
        try
        {
            HostMemory? backing = null;
            long hostOffset = 0;
            if (sizeBytes > 0)
            {
                MemorySlot? existing = vm.Vm.Memory.GetSlot(slot);
                if (existing is not null && existing.SizeBytes == (ulong)sizeBytes)
                {
                    backing = existing.Backing;
                    hostOffset = existing.HostOffset;
                }
                else if (existing is null && (uint)slot < PhysicalMemoryMap.MaxSlots && gpa % HostMemory.PageSize == 0 && sizeBytes % HostMemory.PageSize == 0)
                {
                    backing = allocated = vm.Vm.AllocateHostMemory(sizeBytes);
                }
                else
                {
                    // Let the engine refuse it (bad slot, alignment, resize) without allocating.
                    backing = null;
                }
            }

            MemorySlot? result = vm.Vm.SetUserMemoryRegion(slot, flags, gpa, (ulong)sizeBytes, backing, hostOffset);
            if (result is null && previous is not null)
            {
                vm.Vm.ReleaseHostMemory(previous);
            }

            return result;
        }
        catch (KvmException ex)
        {
            if (allocated is not null)
            {
                vm.Vm.ReleaseHostMemory(allocated);
            }

            cmdlet.WriteError(PpcErrors.FromKvm(ex, vm, ErrorIds));
            return null;
        }
    }
}
