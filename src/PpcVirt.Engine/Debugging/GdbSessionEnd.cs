namespace PpcVirt.Engine.Debugging;

/// <summary>How a GDB session ended.</summary>
public enum GdbSessionEnd
{
    /// <summary>gdb sent <c>D</c> (detach): breakpoints removed, the vCPU left stopped where it was.</summary>
    Detached,
    /// <summary>gdb sent <c>k</c> or <c>vKill</c>: the session ended; the vCPU is left stopped (the VM is not destroyed).</summary>
    Killed,
    /// <summary>The connection closed without a detach.</summary>
    Disconnected,
    /// <summary>No debugger connected within the accept timeout given to <see cref="GdbServer.ServeOne"/>.</summary>
    NoConnection,
    /// <summary>The host cancelled the session through its cancellation token (Ctrl-C on Start-PpcGdbServer).</summary>
    Canceled,
}
