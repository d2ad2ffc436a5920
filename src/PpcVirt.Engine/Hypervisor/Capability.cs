namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// KVM capabilities (KVM_CAP_*, Documentation/virt/kvm/api.rst section 8) with their numbers,
/// as KVM_CHECK_EXTENSION takes them.
/// </summary>
public enum Capability
{
    /// <summary>KVM_CAP_USER_MEMORY: KVM_SET_USER_MEMORY_REGION is supported.</summary>
    UserMemory = 3,
    /// <summary>KVM_CAP_SET_TSS_ADDR (x86 only; never present here).</summary>
    SetTssAddr = 4,
    /// <summary>KVM_CAP_NR_VCPUS: recommended maximum number of vCPUs.</summary>
    NrVcpus = 9,
    /// <summary>KVM_CAP_NR_MEMSLOTS: number of memory slots.</summary>
    NrMemslots = 10,
    /// <summary>KVM_CAP_SYNC_MMU.</summary>
    SyncMmu = 16,
    /// <summary>KVM_CAP_PPC_SEGSTATE (Book3S).</summary>
    PpcSegState = 43,
    /// <summary>KVM_CAP_PPC_UNSET_IRQ.</summary>
    PpcUnsetIrq = 53,
    /// <summary>KVM_CAP_PPC_OSI.</summary>
    PpcOsi = 52,
    /// <summary>KVM_CAP_PPC_GET_PVINFO.</summary>
    PpcGetPvinfo = 57,
    /// <summary>KVM_CAP_PPC_IRQ_LEVEL: level-triggered external interrupt injection.</summary>
    PpcIrqLevel = 58,
    /// <summary>KVM_CAP_SPAPR_TCE: KVM_CREATE_SPAPR_TCE (seed 001).</summary>
    SpaprTce = 63,
    /// <summary>KVM_CAP_PPC_SMT.</summary>
    PpcSmt = 64,
    /// <summary>KVM_CAP_PPC_RMA: KVM_ALLOCATE_RMA (seed 000).</summary>
    PpcRma = 65,
    /// <summary>KVM_CAP_MAX_VCPUS.</summary>
    MaxVcpus = 66,
    /// <summary>KVM_CAP_PPC_HIOR.</summary>
    PpcHior = 67,
    /// <summary>KVM_CAP_PPC_PAPR.</summary>
    PpcPapr = 68,
    /// <summary>KVM_CAP_SW_TLB: a shared software TLB (Book E).</summary>
    SwTlb = 69,
    /// <summary>KVM_CAP_ONE_REG.</summary>
    OneReg = 70,
    /// <summary>KVM_CAP_PPC_ALLOC_HTAB: KVM_PPC_ALLOCATE_HTAB (seed 002).</summary>
    PpcAllocHtab = 80,
    /// <summary>KVM_CAP_PPC_BOOKE_SREGS.</summary>
    PpcBookeSregs = 40,
    /// <summary>KVM_CAP_PPC_BOOKE_WATCHDOG.</summary>
    PpcBookeWatchdog = 83,
    /// <summary>KVM_CAP_READONLY_MEM: KVM_MEM_READONLY slots.</summary>
    ReadonlyMem = 81,
    /// <summary>KVM_CAP_IMMEDIATE_EXIT.</summary>
    ImmediateExit = 136,
}
