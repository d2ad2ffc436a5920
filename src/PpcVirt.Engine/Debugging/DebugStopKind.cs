namespace PpcVirt.Engine.Debugging;

/// <summary>What a <see cref="Hypervisor.ExitReason.Debug"/> exit reports (KVM_EXIT_DEBUG's kvm_debug_exit_arch, as the debugger sees it).</summary>
public enum DebugStopKind
{
    /// <summary>The next instruction's address matched a software breakpoint (gdb Z0); it has not executed.</summary>
    Breakpoint,
    /// <summary>The next instruction's address matched a hardware breakpoint (gdb Z1; Book E IAC); it has not executed.</summary>
    HardwareBreakpoint,
    /// <summary>A load or store touched a watched range; the instruction has not completed (it runs again on resume).</summary>
    Watchpoint,
}
