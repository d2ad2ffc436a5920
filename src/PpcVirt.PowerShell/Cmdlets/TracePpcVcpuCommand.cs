using System.Management.Automation;
using System.Text;
using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Tracing;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Trace-PpcVcpu</c>: runs a VM's vCPU like <c>Start-PpcVcpu -Quiet</c>, one instruction at a
/// time, and writes an instruction/interrupt/exit trace to a file (text or CSV; docs/tracing.md):
/// per retired instruction its count, program counter, word, the core's instruction-table
/// mnemonic and the guest symbol; each interrupt (IVOR, SRR0/CSRR0, target) and the exit on lines
/// of their own. Outputs the exit as Start-PpcVcpu does. Ctrl-C or Stop-PpcVcpu stops the trace
/// (the exit, Canceled, is then on the VM's LastExit).
/// </summary>
[Cmdlet(VerbsDiagnostic.Trace, "PpcVcpu", SupportsShouldProcess = true)]
[OutputType(typeof(PpcVcpuExit))]
public sealed class TracePpcVcpuCommand : PSCmdlet
{
    private readonly ForegroundRun _run = new();

    /// <summary>The VM to run (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>The trace file to write (replaced if it exists, unless -NoClobber). Relative paths resolve against the current location.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Stop after this many guest instructions (exit InstructionLimit); default: the profile's limit or none.</summary>
    [Parameter]
    public ulong MaxInstructions { get; set; }

    /// <summary>Stop after this many wall-clock seconds (exit Timeout); default: the profile's limit or none.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double TimeoutSeconds { get; set; }

    /// <summary>The file layout: Text (space-separated columns, the default) or Csv (with a header row, for Import-Csv).</summary>
    [Parameter]
    public TraceFormat Format { get; set; } = TraceFormat.Text;

    /// <summary>Symbols from this file (an ELF image or a System.map) instead of the VM's kernel.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SymbolPath { get; set; }

    /// <summary>Refuse to replace an existing trace file (<c>PpcVirt.TraceFileExists</c>).</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        string path = this.ResolvePath(Path);
        if (NoClobber && File.Exists(path))
        {
            WriteError(PpcErrors.Create("PpcVirt.TraceFileExists", ErrorCategory.ResourceExists, $"The trace file '{path}' exists (EEXIST) and -NoClobber was given.", path));
            return;
        }

        GuestSymbolTable? symbols = GuestSymbols.For(this, Vm, SymbolPath);
        if (symbols is null || !ShouldProcess(Vm.Name, $"Trace vCPU {Vm.Vcpu.Id} to '{path}'"))
        {
            return;
        }

        ulong maxInstructions = MyInvocation.BoundParameters.ContainsKey(nameof(MaxInstructions)) ? MaxInstructions : Vm.Profile?.MaxInstructions ?? 0;
        double timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSeconds)) ? TimeoutSeconds : Vm.Profile?.TimeoutSeconds ?? 0;

        using var cancellation = new CancellationTokenSource();
        if (!Vm.TryBeginRun(cancellation))
        {
            WriteError(PpcErrors.FromKvm(new KvmException(Errno.EBUSY, "KVM_RUN", $"VM '{Vm.Name}' is already running."), Vm));
            return;
        }

        _run.Enter(Vm, cancellation);

        PpcVcpuExit? result = null;
        try
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };
            var options = new TraceOptions
            {
                MaxInstructions = maxInstructions,
                Timeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : null,
                CancellationToken = cancellation.Token,
                Format = Format,
                Symbols = symbols,
                Title = $"vm={Vm.Name} cpu={Vm.Cpu} start-pc=0x{Vm.Vcpu.ProgramCounter:x8} start-count={Vm.Vcpu.InstructionsRetired} symbols={symbols.SourcePath ?? "none"}",
            };
            VcpuExit exit = InstructionTracer.Run(Vm.Vcpu, writer, options);
            result = new PpcVcpuExit(Vm.Name, Vm.Vcpu.Id, exit);
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Vm));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, "PpcVirt.TraceWriteFailed", ErrorCategory.WriteError, path));
        }
        finally
        {
            _run.Leave(Vm, result);
        }

        ForegroundRun.WriteExit(this, Vm, result);
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _run.Stop();
}
