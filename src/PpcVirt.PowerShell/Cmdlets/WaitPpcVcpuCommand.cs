using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Wait-PpcVcpu</c>: waits for the background run that <c>Start-PpcVcpu -NoWait</c> started to end and
/// outputs its exit (as Start-PpcVcpu would have). A VM that is not running outputs its last exit at once
/// (none if it never ran). Ctrl-C stops the waiting, not the run; <c>-TimeoutSeconds</c> bounds the wait
/// (<c>PpcVirt.WaitTimeout</c>, OperationTimeout, and the run goes on).
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "PpcVcpu")]
[OutputType(typeof(PpcVcpuExit))]
public sealed class WaitPpcVcpuCommand : PSCmdlet
{
    private readonly ManualResetEventSlim _stopping = new(false);

    /// <summary>The VMs to wait for (pipeline input; a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm[] Vm { get; set; } = [];

    /// <summary>Give up waiting after this many seconds (0: wait as long as it takes).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double TimeoutSeconds { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (PpcVm vm in Vm)
        {
            if (!this.CheckUsable(vm))
            {
                continue;
            }

            BackgroundRun? run = vm.Background;
            if (run is not null)
            {
                TimeSpan limit = TimeoutSeconds > 0 ? TimeSpan.FromSeconds(TimeoutSeconds) : Timeout.InfiniteTimeSpan;
                int index = WaitHandle.WaitAny([((IAsyncResult)run.Completion).AsyncWaitHandle, _stopping.WaitHandle], limit);
                if (index == 1)
                {
                    return;
                }

                if (index == WaitHandle.WaitTimeout)
                {
                    WriteError(PpcErrors.Create("PpcVirt.WaitTimeout", ErrorCategory.OperationTimeout, $"VM '{vm.Name}' is still running after {TimeoutSeconds} s (it goes on; Stop-PpcVcpu stops it).", vm));
                    continue;
                }

                if (run.Error is { } error)
                {
                    WriteError(new ErrorRecord(error, "PpcVirt.VcpuRunFailed", ErrorCategory.InvalidOperation, vm));
                    continue;
                }
            }

            if (vm.LastExit is { } exit)
            {
                WriteObject(exit);
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Set();
}
