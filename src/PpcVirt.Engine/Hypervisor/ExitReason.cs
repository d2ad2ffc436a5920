namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// Why <see cref="Vcpu.Run"/> returned: the KVM exit reasons (KVM_EXIT_*, Documentation/virt/kvm/api.rst
/// "struct kvm_run") that PpcVirt produces, plus the limits a scripted run can set.
/// </summary>
public enum ExitReason
{
    /// <summary>KVM_EXIT_MMIO: a guest load or store hit guest physical space no device or slot claims.</summary>
    Mmio,
    /// <summary>KVM_EXIT_DCR: mfdcr/mtdcr to a DCR no device on the machine's DCR bus claims (Book E, seed 004).</summary>
    Dcr,
    /// <summary>KVM_EXIT_DEBUG: a breakpoint or watchpoint of <see cref="Vcpu.Debug"/> fired; <see cref="VcpuExit.Debug"/> says which.</summary>
    Debug,
    /// <summary>KVM_EXIT_SYSTEM_EVENT (RESET): the guest asked for a system reset, e.g. DBCR0[RST] on the 440.</summary>
    Reset,
    /// <summary>KVM_EXIT_SYSTEM_EVENT (SHUTDOWN): the guest powered the machine off.</summary>
    Shutdown,
    /// <summary>KVM_EXIT_PAPR_HCALL: a hypercall the in-kernel handlers passed outward (Book3S).</summary>
    Hcall,
    /// <summary>The run reached its instruction limit.</summary>
    InstructionLimit,
    /// <summary>The run reached its wall-clock limit.</summary>
    Timeout,
    /// <summary>The run was cancelled by the host (Ctrl-C, StopProcessing, <see cref="Vcpu.RequestStop"/>, <see cref="Vm.Dispose"/>); a stop requested before the run makes it return this at once with no instruction executed (KVM_CAP_IMMEDIATE_EXIT: KVM_RUN's -EINTR).</summary>
    Canceled,
    /// <summary>KVM_EXIT_INTERNAL_ERROR: the vCPU cannot continue (e.g. a checkstop: machine check with MSR[ME]=0).</summary>
    InternalError,
}
