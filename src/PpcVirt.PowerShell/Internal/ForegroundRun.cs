using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// The run a cmdlet executes on its pipeline thread (Start-PpcVcpu, Trace-PpcVcpu): which VM runs now,
/// so that Ctrl-C (StopProcessing, from another thread) stops it, including a Ctrl-C that arrives
/// before the run starts; and the shared ending: the VM leaves the Running state with the exit, an
/// InternalError exit is also a warning, and the exit is written.
/// </summary>
internal sealed class ForegroundRun
{
    private readonly object _gate = new();
    private PpcVm? _current;

    /// <summary>True once the pipeline is being stopped.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>Records <paramref name="vm"/> as running; cancels <paramref name="cancellation"/> at once when the pipeline is already stopping.</summary>
    public void Enter(PpcVm vm, CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            _current = vm;
            if (IsStopping)
            {
                cancellation.Cancel();
            }
        }
    }

    /// <summary>Ends the run: the VM records <paramref name="result"/> (null: the run failed) and no longer runs.</summary>
    public void Leave(PpcVm vm, PpcVcpuExit? result)
    {
        vm.EndRun(result);
        lock (_gate)
        {
            _current = null;
        }
    }

    /// <summary>StopProcessing: stops the VM running now (if any) and every later one.</summary>
    public void Stop()
    {
        PpcVm? vm;
        lock (_gate)
        {
            IsStopping = true;
            vm = _current;
        }

        vm?.RequestStop();
    }

    /// <summary>Writes the exit of a finished run (an InternalError exit also as a warning); nothing for a failed run.</summary>
    public static void WriteExit(Cmdlet cmdlet, PpcVm vm, PpcVcpuExit? result)
    {
        if (result is null)
        {
            return;
        }

        if (result.Reason == ExitReason.InternalError)
        {
            cmdlet.WriteWarning($"VM '{vm.Name}': internal error at PC 0x{result.ProgramCounter:X8}: {result.Message}");
        }

        cmdlet.WriteObject(result);
    }
}
