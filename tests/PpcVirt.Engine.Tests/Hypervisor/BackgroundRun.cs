using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>Runs <see cref="Vcpu.Run"/> on its own thread, as a VMM's vCPU thread does, for tests that act on a running vCPU.</summary>
internal sealed class BackgroundRun
{
    private readonly Thread _thread;
    private VcpuExit? _exit;
    private Exception? _error;

    public BackgroundRun(Vcpu vcpu, RunOptions? options = null)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _exit = vcpu.Run(options);
            }
            catch (Exception e)
            {
                _error = e;
            }
        })
        { IsBackground = true, Name = "test vCPU" };
        _thread.Start();
    }

    public bool IsCompleted => !_thread.IsAlive;

    /// <summary>The exit, once the run returned; rethrows what the run threw.</summary>
    public VcpuExit Exit => _error is not null ? throw new InvalidOperationException("the run threw", _error) : _exit ?? throw new InvalidOperationException("the run has not returned");

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);
}
