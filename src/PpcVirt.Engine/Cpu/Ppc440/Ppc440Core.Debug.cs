using System.Runtime.CompilerServices;
using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// Host debugging (KVM_SET_GUEST_DEBUG): breakpoints checked at instruction boundaries by a second
/// interpreter loop that runs only while breakpoints exist, and watchpoints checked in the load/store
/// slow paths, which every access takes while watchpoints exist (the shadow TLB is bypassed).
/// Single-step is a run with an instruction limit of 1.
/// </summary>
internal sealed unsafe partial class Ppc440Core
{
    private readonly DebugControl _debug = new();
    private bool _watching;

    public DebugControl Debug => _debug;

    /// <summary>Start of a run: while watchpoints exist, drop cached translations and stop refilling them, so every load/store reaches <see cref="CheckWatch"/>.</summary>
    private void PrepareDebug()
    {
        bool watching = _debug.HasWatchpoints;
        if (watching || _watching)
        {
            FlushShadow();
        }

        _watching = watching;
    }

    /// <summary>Load/store slow path while watching: exits before the access when it touches a watched range.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckWatch(uint ea, int size, bool isWrite)
    {
        if (_debug.MatchWatchpoint(ea, size, isWrite) is { } hit)
        {
            SignalDebug(hit);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SignalDebug(DebugEvent debugEvent)
    {
        _signalledExit = new VcpuExit { Reason = ExitReason.Debug, Debug = debugEvent, Message = $"{debugEvent.Kind} at 0x{debugEvent.Address:x}" };
        throw _exitSignal;
    }
}
