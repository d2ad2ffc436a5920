using System.Management.Automation;
using System.Text.RegularExpressions;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Wait-PpcConsole</c> (expect-style): waits until the guest console output matches a regular
/// expression and outputs the match. The search starts where the VM's previous Wait-PpcConsole match
/// ended (or at the start with <c>-FromStart</c>), so a script can wait for one prompt after another
/// while the vCPU runs in the background (<c>Start-PpcVcpu -NoWait</c>). Fails with
/// <c>PpcVirt.ConsoleTimeout</c> (OperationTimeout) after <c>-TimeoutSeconds</c>, or with
/// <c>PpcVirt.ConsoleNoMatch</c> when the VM is not running and its output does not match.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "PpcConsole")]
[OutputType(typeof(PpcConsoleMatch))]
public sealed class WaitPpcConsoleCommand : PSCmdlet
{
    private readonly ManualResetEventSlim _stopping = new(false);

    /// <summary>The VM whose console to watch (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>The regular expression (.NET syntax, multi-line: ^ and $ match at line breaks).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Pattern { get; set; } = null!;

    /// <summary>Give up after this many seconds (default 30; 0 waits as long as it takes).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Search the whole console output, not only what came after the previous match.</summary>
    [Parameter]
    public SwitchParameter FromStart { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        Regex regex;
        try
        {
            regex = new Regex(Pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            WriteError(PpcErrors.Create("PpcVirt.InvalidPattern", ErrorCategory.InvalidArgument, $"'{Pattern}' is not a valid regular expression: {ex.Message}", Pattern, ex));
            return;
        }

        long start = FromStart ? 0 : Vm.ConsoleCursor;
        DateTime deadline = TimeoutSeconds > 0 ? DateTime.UtcNow.AddSeconds(TimeoutSeconds) : DateTime.MaxValue;
        long scanned = -1;
        while (true)
        {
            long length = Vm.Instance.Console.OutputLength;
            bool running = Vm.IsRunning;
            if (length != scanned)
            {
                scanned = length;
                Match m = regex.Match(Vm.Instance.Console.GetOutputText(start));
                if (m.Success)
                {
                    var groups = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (Group g in m.Groups)
                    {
                        groups[g.Name] = g.Value;
                    }

                    var match = new PpcConsoleMatch(Vm.Name, Pattern, m.Value, start + m.Index, groups);
                    Vm.ConsoleCursor = match.End;
                    WriteObject(match);
                    return;
                }
            }

            if (!running && Vm.Instance.Console.OutputLength == scanned)
            {
                WriteError(PpcErrors.Create("PpcVirt.ConsoleNoMatch", ErrorCategory.ObjectNotFound, $"VM '{Vm.Name}' is not running and its console output does not match '{Pattern}'.", Vm));
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                WriteError(PpcErrors.Create("PpcVirt.ConsoleTimeout", ErrorCategory.OperationTimeout, $"VM '{Vm.Name}': the console did not match '{Pattern}' within {TimeoutSeconds} s.", Vm));
                return;
            }

            if (_stopping.Wait(20))
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Set();
}
