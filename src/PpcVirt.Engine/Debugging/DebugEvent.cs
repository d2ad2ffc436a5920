namespace PpcVirt.Engine.Debugging;

/// <summary>
/// Payload of a <see cref="Hypervisor.ExitReason.Debug"/> exit (KVM_EXIT_DEBUG, Documentation/virt/kvm/api.rst
/// "struct kvm_debug_exit_arch"): which debug condition fired and where.
/// </summary>
/// <param name="Kind">Breakpoint, hardware breakpoint or watchpoint.</param>
/// <param name="Address">For breakpoints the instruction's effective address (= the program counter); for
/// watchpoints the watched effective address that was hit (the start of the watch range).</param>
/// <param name="Watch">For watchpoints, the kind of the watchpoint that fired; otherwise null.</param>
/// <param name="AccessAddress">For watchpoints, the effective address of the access; otherwise 0.</param>
public sealed record DebugEvent(DebugStopKind Kind, ulong Address, WatchKind? Watch = null, ulong AccessAddress = 0);
