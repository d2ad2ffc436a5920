using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcConsoleOutput</c>: what the guest wrote to its console, as lines or (<c>-Raw</c>) one string.</summary>
[Cmdlet(VerbsCommon.Get, "PpcConsoleOutput")]
[OutputType(typeof(string))]
public sealed class GetPpcConsoleOutputCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Output one string with the line breaks kept.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        string text = Vm.ConsoleOutput;
        if (Raw)
        {
            WriteObject(text);
            return;
        }

        if (text.Length == 0)
        {
            return;
        }

        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            WriteObject(lines[i].TrimEnd('\r'));
        }
    }
}
