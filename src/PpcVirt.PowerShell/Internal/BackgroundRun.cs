using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// A vCPU run that <c>Start-PpcVcpu -NoWait</c> left going on a worker thread: KVM_RUN until an exit,
/// then the exit is recorded on the VM (<see cref="PpcVm.LastExit"/>) and the VM leaves the Running
/// state. <c>Wait-PpcVcpu</c> waits for <see cref="Completion"/>; <c>Stop-PpcVcpu</c> cancels it.
/// </summary>
internal sealed class BackgroundRun
{
    private readonly CancellationTokenSource _cancellation;

    private BackgroundRun(PpcVm vm, Vcpu vcpu, RunOptions options, CancellationTokenSource cancellation)
    {
        _cancellation = cancellation;
        Completion = Task.Factory.StartNew(
            () => Execute(vm, vcpu, options),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Completes with the exit (or null when the run failed; the failure is in <see cref="Error"/>).</summary>
    public Task<PpcVcpuExit?> Completion { get; }

    /// <summary>The exception that ended the run instead of an exit, or null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Starts a run; the caller has already marked <paramref name="vm"/> running with <paramref name="cancellation"/>.</summary>
    public static BackgroundRun Start(PpcVm vm, Vcpu vcpu, RunOptions options, CancellationTokenSource cancellation) =>
        new(vm, vcpu, options, cancellation);

    private PpcVcpuExit? Execute(PpcVm vm, Vcpu vcpu, RunOptions options)
    {
        PpcVcpuExit? result = null;
        try
        {
            result = new PpcVcpuExit(vm.Name, vcpu.Id, vcpu.Run(options));
        }
        catch (Exception ex)
        {
            Error = ex;
        }
        finally
        {
            vm.EndRun(result);
            _cancellation.Dispose();
        }

        return result;
    }
}
