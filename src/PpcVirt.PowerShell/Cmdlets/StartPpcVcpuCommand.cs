using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;
using System.Text.RegularExpressions;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Start-PpcVcpu</c>: runs a vCPU (KVM_RUN) on a worker thread until an exit, streaming the
/// guest console to the host as it arrives and showing progress (instructions, MIPS, elapsed,
/// console lines), and outputs the exit. Ctrl-C (StopProcessing) cancels the run; the exit
/// (Canceled) is then recorded on the VM's LastExit. <c>-Until</c> stops the run as soon as the
/// console matches a regular expression; <c>-NoWait</c> leaves the run going in the background
/// (<c>Wait-PpcVcpu</c> collects its exit, <c>Stop-PpcVcpu</c> stops it).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PpcVcpu", DefaultParameterSetName = VmSet, SupportsShouldProcess = true)]
[OutputType(typeof(PpcVcpuExit))]
public sealed class StartPpcVcpuCommand : PSCmdlet
{
    private const string VmSet = "Vm";
    private const string NameSet = "Name";
    private const int ProgressActivityId = 0x50C;

    private readonly ForegroundRun _run = new();

    /// <summary>The VMs to run (pipeline input; a PpcVcpu from Get-PpcVcpu, a VM name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = VmSet, ValueFromPipeline = true)]
    [Alias("InputObject", "Vcpu")]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm[] Vm { get; set; } = [];

    /// <summary>Names of the VMs to run (wildcards allowed; matching VMs run one after another).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

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
    /// runs (Enter is sent as CR, like a serial terminal; Ctrl-] sends Ctrl-C (0x03) to the guest;
    /// redirected standard input is forwarded as is). Ctrl-C stops the run.
    /// </summary>
    [Parameter]
    public SwitchParameter Interactive { get; set; }

    /// <summary>
    /// Stop the run as soon as the guest console output of this run matches this regular expression
    /// (.NET syntax); the exit is Canceled and its ConsoleMatch holds the matched text.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Until { get; set; }

    /// <summary>
    /// Start the run in the background and return at once (no output; the console is kept on the
    /// VM): collect the exit with Wait-PpcVcpu, watch the console with Wait-PpcConsole, stop it with
    /// Stop-PpcVcpu.
    /// </summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IEnumerable<PpcVm> vms = ParameterSetName == NameSet ? Name.SelectMany(Match) : Vm;
        foreach (PpcVm vm in vms)
        {
            if (_run.IsStopping)
            {
                return;
            }

            RunOne(vm);
        }
    }

    private IEnumerable<PpcVm> Match(string name)
    {
        var matches = PpcVmRegistry.Match(name).ToList();
        if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
        {
            WriteError(PpcErrors.VmNotFound($"named '{name}'", name));
        }

        return matches;
    }

    private void RunOne(PpcVm vm)
    {
        if (!this.CheckUsable(vm) || !ShouldProcess(vm.Name, $"Run vCPU {vm.Vcpu.Id}"))
        {
            return;
        }

        if (NoWait && (Interactive || Until is not null))
        {
            WriteError(PpcErrors.Create("PpcVirt.InvalidArgument", ErrorCategory.InvalidArgument, "-NoWait runs in the background: it cannot be combined with -Interactive or -Until (use Wait-PpcConsole).", vm));
            return;
        }

        Regex? until = null;
        if (Until is not null)
        {
            try
            {
                until = new Regex(Until, RegexOptions.Multiline | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException ex)
            {
                WriteError(PpcErrors.Create("PpcVirt.InvalidPattern", ErrorCategory.InvalidArgument, $"-Until '{Until}' is not a valid regular expression: {ex.Message}", Until, ex));
                return;
            }
        }

        Vcpu vcpu = vm.Vcpu;
        ulong maxInstructions = MyInvocation.BoundParameters.ContainsKey(nameof(MaxInstructions)) ? MaxInstructions : vm.Profile?.MaxInstructions ?? 0;
        double timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSeconds)) ? TimeoutSeconds : vm.Profile?.TimeoutSeconds ?? 0;

        var cancellation = new CancellationTokenSource();
        if (!vm.TryBeginRun(cancellation))
        {
            cancellation.Dispose();
            WriteError(PpcErrors.FromKvm(new KvmException(Errno.EBUSY, "KVM_RUN", $"VM '{vm.Name}' is already running."), vm));
            return;
        }

        var options = new RunOptions
        {
            MaxInstructions = maxInstructions,
            Timeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : null,
            CancellationToken = cancellation.Token,
        };

        if (NoWait)
        {
            vm.Background = BackgroundRun.Start(vm, vcpu, options, cancellation);
            return;
        }

        using (cancellation)
        {
            RunForeground(vm, vcpu, options, cancellation, until, maxInstructions, timeout);
        }
    }

    private void RunForeground(PpcVm vm, Vcpu vcpu, RunOptions options, CancellationTokenSource cancellation, Regex? until, ulong maxInstructions, double timeout)
    {
        _run.Enter(vm, cancellation);

        PpcVcpuExit? result = null;
        try
        {
            (VcpuExit exit, string? matched) = RunStreaming(vm, vcpu, options, until, maxInstructions, timeout);
            result = new PpcVcpuExit(vm.Name, vcpu.Id, exit) { ConsoleMatch = matched };
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
            _run.Leave(vm, result);
        }

        ForegroundRun.WriteExit(this, vm, result);
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _run.Stop();

    private (VcpuExit Exit, string? Matched) RunStreaming(PpcVm vm, Vcpu vcpu, RunOptions options, Regex? until, ulong maxInstructions, double timeout)
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

        long consoleStart = vm.Instance.Console.OutputLength;
        long scanned = consoleStart;
        string? matched = null;
        var progress = new RunProgress(this, vm, vcpu, consoleStart, maxInstructions, timeout);
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
                if (until is not null && matched is null && vm.Instance.Console.OutputLength > scanned)
                {
                    scanned = vm.Instance.Console.OutputLength;
                    Match m = until.Match(vm.Instance.Console.GetOutputText(consoleStart));
                    if (m.Success)
                    {
                        matched = m.Value;
                        vm.RequestStop();
                    }
                }

                progress.Update();
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
            progress.Complete();
        }

        VcpuExit exit = run.GetAwaiter().GetResult();
        if (until is not null && matched is null)
        {
            // Output of the last instructions before the exit.
            Match m = until.Match(vm.Instance.Console.GetOutputText(consoleStart));
            matched = m.Success ? m.Value : null;
        }

        return (exit, matched);
    }

    /// <summary>Write-Progress for a running vCPU, at most twice a second, after the first half second.</summary>
    private sealed class RunProgress(PSCmdlet cmdlet, PpcVm vm, Vcpu vcpu, long consoleStart, ulong maxInstructions, double timeout)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ulong _startInstructions = vcpu.InstructionsRetired;
        private double _lastSeconds;
        private bool _shown;

        public void Update()
        {
            double seconds = _clock.Elapsed.TotalSeconds;
            if (seconds < 0.5 || seconds - _lastSeconds < 0.5)
            {
                return;
            }

            _lastSeconds = seconds;
            ulong executed = vcpu.InstructionsRetired - _startInstructions;
            string console = vm.Instance.Console.GetOutputText(consoleStart);
            int lines = console.Count(c => c == '\n');
            var record = new ProgressRecord(ProgressActivityId, $"Running VM '{vm.Name}' (vCPU {vcpu.Id})",
                string.Create(CultureInfo.InvariantCulture, $"{executed:N0} instructions, {executed / seconds / 1e6:F1} MIPS, {seconds:F1} s, {lines} console lines"));
            double fraction = maxInstructions > 0 ? (double)executed / maxInstructions : timeout > 0 ? seconds / timeout : -1;
            record.PercentComplete = fraction < 0 ? -1 : (int)Math.Clamp(fraction * 100, 0, 100);
            if (timeout > 0)
            {
                record.SecondsRemaining = (int)Math.Max(0, timeout - seconds);
            }

            cmdlet.WriteProgress(record);
            _shown = true;
        }

        public void Complete()
        {
            if (_shown)
            {
                cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, $"Running VM '{vm.Name}' (vCPU {vcpu.Id})", "Done") { RecordType = ProgressRecordType.Completed });
            }
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
