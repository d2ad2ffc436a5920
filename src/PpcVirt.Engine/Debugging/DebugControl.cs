using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// The debugger's breakpoints and watchpoints on one vCPU (KVM_SET_GUEST_DEBUG with
/// KVM_GUESTDBG_USE_SW_BP / USE_HW_BP, Documentation/virt/kvm/api.rst). They belong to the host, not
/// the guest: the guest's own Book E debug facilities (DBCR0–2, IAC, DAC) are untouched, and guest
/// memory is never patched. Addresses are effective addresses, matched before translation.
/// <para>
/// The core checks breakpoints at instruction boundaries (before the instruction executes) and
/// watchpoints on every load/store (before the access is performed, so the instruction runs again
/// on resume — gdb's "non-steppable" watchpoints on PowerPC: it steps over the access itself).
/// Both cost nothing while the sets are empty: the core takes a slower loop only while breakpoints
/// exist and bypasses its shadow TLB only while watchpoints exist.
/// </para>
/// Change the sets only while the vCPU is not running (the run loop reads them without locks).
/// </summary>
public sealed class DebugControl
{
    private ulong[] _breakpoints = [];
    private bool[] _hardware = [];
    private Watchpoint[] _watchpoints = [];

    internal DebugControl()
    {
    }

    /// <summary>True while at least one breakpoint (software or hardware) is set.</summary>
    public bool HasBreakpoints => _breakpoints.Length != 0;

    /// <summary>True while at least one watchpoint is set.</summary>
    public bool HasWatchpoints => _watchpoints.Length != 0;

    /// <summary>Breakpoint addresses (effective addresses of instructions), in the order they were set.</summary>
    public IReadOnlyList<ulong> Breakpoints => _breakpoints;

    /// <summary>Watchpoints as (effective start address, length in bytes, kind), in the order they were set.</summary>
    public IReadOnlyList<(ulong Address, ulong Length, WatchKind Kind)> Watchpoints =>
        _watchpoints.Select(w => (w.Address, w.Length, w.Kind)).ToArray();

    /// <summary>The breakpoint addresses the run loop compares (read-only view for the core).</summary>
    internal ulong[] BreakpointAddresses => _breakpoints;

    /// <summary>Sets a breakpoint at <paramref name="address"/>: the vCPU exits with <see cref="ExitReason.Debug"/> before executing the instruction there.</summary>
    /// <param name="address">Effective address of the instruction.</param>
    /// <param name="hardware">Report it as a hardware breakpoint (gdb Z1) rather than a software one (Z0).</param>
    /// <returns>False when that breakpoint was already set (nothing changes).</returns>
    public bool AddBreakpoint(ulong address, bool hardware = false)
    {
        for (int i = 0; i < _breakpoints.Length; i++)
        {
            if (_breakpoints[i] == address && _hardware[i] == hardware)
            {
                return false;
            }
        }

        _hardware = [.. _hardware, hardware];
        _breakpoints = [.. _breakpoints, address];
        return true;
    }

    /// <summary>Removes the breakpoint <see cref="AddBreakpoint"/> set.</summary>
    /// <returns>False when there was no such breakpoint.</returns>
    public bool RemoveBreakpoint(ulong address, bool hardware = false)
    {
        for (int i = 0; i < _breakpoints.Length; i++)
        {
            if (_breakpoints[i] == address && _hardware[i] == hardware)
            {
                _breakpoints = [.. _breakpoints[..i], .. _breakpoints[(i + 1)..]];
                _hardware = [.. _hardware[..i], .. _hardware[(i + 1)..]];
                return true;
            }
        }

        return false;
    }

    /// <summary>Watches <paramref name="length"/> bytes at <paramref name="address"/> for <paramref name="kind"/> accesses.</summary>
    /// <param name="address">Effective start address.</param>
    /// <param name="length">Bytes watched, at least 1.</param>
    /// <param name="kind">Loads, stores or both.</param>
    /// <returns>False when the same watchpoint was already set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is 0.</exception>
    public bool AddWatchpoint(ulong address, ulong length, WatchKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfZero(length);
        var w = new Watchpoint(address, length, kind);
        if (Array.IndexOf(_watchpoints, w) >= 0)
        {
            return false;
        }

        _watchpoints = [.. _watchpoints, w];
        return true;
    }

    /// <summary>Removes the watchpoint <see cref="AddWatchpoint"/> set.</summary>
    /// <returns>False when there was no such watchpoint.</returns>
    public bool RemoveWatchpoint(ulong address, ulong length, WatchKind kind)
    {
        int i = Array.IndexOf(_watchpoints, new Watchpoint(address, length, kind));
        if (i < 0)
        {
            return false;
        }

        _watchpoints = [.. _watchpoints[..i], .. _watchpoints[(i + 1)..]];
        return true;
    }

    /// <summary>Removes every breakpoint and watchpoint.</summary>
    public void Clear()
    {
        _breakpoints = [];
        _hardware = [];
        _watchpoints = [];
    }

    /// <summary>The debug event for a breakpoint at <paramref name="pc"/>, or null (the core calls this only when <see cref="HasBreakpoints"/>).</summary>
    internal DebugEvent? MatchBreakpoint(ulong pc)
    {
        ulong[] bps = _breakpoints;
        for (int i = 0; i < bps.Length; i++)
        {
            if (bps[i] == pc)
            {
                return new DebugEvent(_hardware[i] ? DebugStopKind.HardwareBreakpoint : DebugStopKind.Breakpoint, pc);
            }
        }

        return null;
    }

    /// <summary>The debug event for an access of <paramref name="size"/> bytes at <paramref name="ea"/>, or null.</summary>
    internal DebugEvent? MatchWatchpoint(ulong ea, int size, bool isWrite)
    {
        Watchpoint[] ws = _watchpoints;
        for (int i = 0; i < ws.Length; i++)
        {
            Watchpoint w = ws[i];
            bool kindMatches = w.Kind == WatchKind.Access || (w.Kind == WatchKind.Write) == isWrite;
            if (kindMatches && ea < w.Address + w.Length && w.Address < ea + (ulong)size)
            {
                return new DebugEvent(DebugStopKind.Watchpoint, w.Address, w.Kind, ea);
            }
        }

        return null;
    }

    private readonly record struct Watchpoint(ulong Address, ulong Length, WatchKind Kind);
}
