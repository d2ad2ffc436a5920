namespace PpcVirt.Engine.Hypervisor;

/// <summary>Flags of a memory slot (KVM_SET_USER_MEMORY_REGION <c>flags</c>).</summary>
[Flags]
public enum MemorySlotFlags
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>KVM_MEM_LOG_DIRTY_PAGES: guest stores mark their 4 KiB pages in the slot's dirty log, read (and cleared) with <see cref="Vm.GetDirtyLog"/> (KVM_GET_DIRTY_LOG).</summary>
    LogDirtyPages = 1,
    /// <summary>KVM_MEM_READONLY: guest stores to the slot become MMIO exits.</summary>
    ReadOnly = 2,
}
