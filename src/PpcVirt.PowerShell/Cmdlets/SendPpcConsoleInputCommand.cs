using System.Management.Automation;
using System.Text;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Send-PpcConsoleInput</c>: queues text for the guest's console UART to receive.</summary>
[Cmdlet(VerbsCommunications.Send, "PpcConsoleInput", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class SendPpcConsoleInputCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Text to send, exactly as given (add "`n" or "`r" for Enter).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string Text { get; set; } = string.Empty;

    /// <summary>How text becomes bytes: UTF8 (default) or Latin1.</summary>
    [Parameter]
    [ValidateSet("UTF8", "Latin1")]
    public string Encoding { get; set; } = "UTF8";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm) || !ShouldProcess(Vm.Name, $"Send {Text.Length} character(s) to the console"))
        {
            return;
        }

        Encoding encoding = string.Equals(Encoding, "Latin1", StringComparison.OrdinalIgnoreCase) ? System.Text.Encoding.Latin1 : new UTF8Encoding(false);
        Vm.Instance.Console.SendInput(encoding.GetBytes(Text));
    }
}
