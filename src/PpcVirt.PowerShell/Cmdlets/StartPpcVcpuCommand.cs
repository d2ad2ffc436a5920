using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Start-PpcVcpu</c>: runs a vCPU (KVM_RUN) on a worker thread until an exit, streaming the
/// guest console to the host as it arrives, and outputs the exit. Ctrl-C (StopProcessing)
/// cancels the run; the exit (Canceled) is then recorded on the VM's LastExit.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PpcVcpu", DefaultParameterSetName = InputSet, SupportsShouldProcess = true)]
[OutputType(typeof(PpcVcpuExit))]
public sealed class StartPpcVcpuCommand : PSCmdlet
{
    private const string InputSet = "InputObject";
    private const string NameSet = "Name";

    private readonly object _gate = new();
    private PpcVm? _current;
    private bool _stopping;

    /// <summary>A VM, a vCPU (from Get-PpcVcpu), a VM name or id.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputSet, ValueFromPipeline = true)]
    [Alias("Vm", "Vcpu")]
    [ValidateNotNull]
    public object InputObject { get; set; } = null!;

    /// <summary>Name of the VM to run.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Stop after this many guest instructions (exit InstructionLimit); default: the profile's limit or none.</summary>
    [Parameter]
    public ulong MaxInstructions { get; set; }

    /// <summary>Stop after this many wall-clock seconds (exit Timeout); default: the profile's limit or none.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double TimeoutSeconds { get; set; }

    /// <summary>Do not stream the guest console to the host (it is still kept on the VM).</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>
    /// Forward what the user types in the host console to the guest's console UART while the vCPU
    /// runs (Enter is sent as CR, like a serial terminal; redirected standard input is forwarded as
    /// is). Ctrl-C still stops the run.
    /// </summary>
    [Parameter]
    public SwitchParameter Interactive { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        (PpcVm? vm, Vcpu? vcpu) = Resolve();
        if (vm is null || vcpu is null || !this.CheckUsable(vm))
        {
            return;
        }

        if (!ShouldProcess(vm.Name, $"Run vCPU {vcpu.Id}"))
        {
            return;
        }

        ulong maxInstructions = MyInvocation.BoundParameters.ContainsKey(nameof(MaxInstructions)) ? MaxInstructions : vm.Profile?.MaxInstructions ?? 0;
        double timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSeconds)) ? TimeoutSeconds : vm.Profile?.TimeoutSeconds ?? 0;

        using var cancellation = new CancellationTokenSource();
        if (!vm.TryBeginRun(cancellation))
        {
            WriteError(PpcErrors.FromKvm(new KvmException(Errno.EBUSY, "KVM_RUN", $"VM '{vm.Name}' is already running."), vm));
            return;
        }

        lock (_gate)
        {
            _current = vm;
            if (_stopping)
            {
                cancellation.Cancel();
            }
        }

        PpcVcpuExit? result = null;
        try
        {
            var options = new RunOptions
            {
                MaxInstructions = maxInstructions,
                Timeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : null,
                CancellationToken = cancellation.Token,
            };
            VcpuExit exit = RunStreaming(vm, vcpu, options);
            result = new PpcVcpuExit(vm.Name, vcpu.Id, exit);
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, vm));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteError(new ErrorRecord(ex, "PpcVirt.VcpuRunFailed", ErrorCategory.InvalidOperation, vm));
        }
        finally
        {
            vm.EndRun(result);
            lock (_gate)
            {
                _current = null;
            }
        }

        if (result is null)
        {
            return;
        }

        if (result.Reason == ExitReason.InternalError)
        {
            WriteWarning($"VM '{vm.Name}': internal error at PC 0x{result.ProgramCounter:X8}: {result.Message}");
        }

        WriteObject(result);
    }

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        PpcVm? vm;
        lock (_gate)
        {
            _stopping = true;
            vm = _current;
        }

        vm?.RequestStop();
    }

    private VcpuExit RunStreaming(PpcVm vm, Vcpu vcpu, RunOptions options)
    {
        var queue = new ConcurrentQueue<byte>();
        using var signal = new AutoResetEvent(false);
        Action<byte> onOutput = b =>
        {
            queue.Enqueue(b);
            signal.Set();
        };

        bool stream = !Quiet && Host?.UI is not null;
        if (stream)
        {
            vm.Instance.Console.Output += onOutput;
        }

        Task<VcpuExit> run = Task.Factory.StartNew(() => vcpu.Run(options), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Decoder decoder = Encoding.UTF8.GetDecoder();
        var writer = new ConsoleStreamWriter(this, decoder);
        try
        {
            WaitHandle[] handles = [signal, ((IAsyncResult)run).AsyncWaitHandle];
            using var input = Interactive ? new HostConsoleInput(vm.Instance.Console) : null;
            while (!run.IsCompleted)
            {
                WaitHandle.WaitAny(handles, input is null ? 100 : 20);
                writer.Drain(queue);
                input?.Poll();
            }
        }
        finally
        {
            if (stream)
            {
                vm.Instance.Console.Output -= onOutput;
            }

            writer.Drain(queue);
            writer.Finish();
        }

        return run.GetAwaiter().GetResult();
    }

    private (PpcVm? Vm, Vcpu? Vcpu) Resolve()
    {
        object? input = ParameterSetName == NameSet ? Name : InputObject is PSObject ps ? ps.BaseObject : InputObject;
        switch (input)
        {
            case PpcVcpu v:
                return (v.Vm, v.Vcpu);
            case PpcVm vm:
                return (vm, vm.Vcpu);
            case string name:
                if (PpcVmRegistry.Find(name) is { } named)
                {
                    return (named, named.Vcpu);
                }

                WriteError(PpcErrors.VmNotFound($"named '{name}'", name));
                return (null, null);
            case int id:
                if (PpcVmRegistry.Find(id) is { } byId)
                {
                    return (byId, byId.Vcpu);
                }

                WriteError(PpcErrors.VmNotFound($"with id {id}", id));
                return (null, null);
            default:
                WriteError(PpcErrors.Create("PpcVirt.InvalidInputObject", ErrorCategory.InvalidArgument, $"Start-PpcVcpu takes a PpcVm, a PpcVcpu, a VM name or id, not '{input?.GetType().FullName}'.", input));
                return (null, null);
        }
    }

    /// <summary>Writes guest console bytes to the host UI as text, keeping partial lines and UTF-8 sequences.</summary>
    private sealed class ConsoleStreamWriter(PSCmdlet cmdlet, Decoder decoder)
    {
        private readonly byte[] _bytes = new byte[4096];
        private readonly char[] _chars = new char[4096 + 8];
        private bool _midLine;

        public void Drain(ConcurrentQueue<byte> queue)
        {
            while (!queue.IsEmpty)
            {
                int n = 0;
                while (n < _bytes.Length && queue.TryDequeue(out byte b))
                {
                    _bytes[n++] = b;
                }

                int count = decoder.GetChars(_bytes, 0, n, _chars, 0, flush: false);
                if (count == 0)
                {
                    continue;
                }

                Write(new string(_chars, 0, count));
                _midLine = _chars[count - 1] != '\n';
            }
        }

        public void Finish()
        {
            int count = decoder.GetChars([], 0, 0, _chars, 0, flush: true);
            if (count > 0)
            {
                Write(new string(_chars, 0, count));
                _midLine = _chars[count - 1] != '\n';
            }

            if (_midLine)
            {
                Write(Environment.NewLine);
                _midLine = false;
            }
        }

        private void Write(string text)
        {
            try
            {
                cmdlet.Host.UI.Write(text);
            }
            catch (HostException)
            {
            }
            catch (NotImplementedException)
            {
            }
        }
    }
}
