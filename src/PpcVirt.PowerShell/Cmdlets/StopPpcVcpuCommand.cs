using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Stop-PpcVcpu</c>: asks a running vCPU to stop (its Start-PpcVcpu returns exit Canceled).</summary>
[Cmdlet(VerbsLifecycle.Stop, "PpcVcpu", SupportsShouldProcess = true)]
[OutputType(typeof(PpcVm))]
public sealed class StopPpcVcpuCommand : PSCmdlet
{
    /// <summary>The VM whose vCPU to stop (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Output the VM.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm) || !ShouldProcess(Vm.Name, "Stop vCPU"))
        {
            return;
        }

        if (!Vm.RequestStop())
        {
            WriteVerbose($"VM '{Vm.Name}' is not running.");
        }

        if (PassThru)
        {
            WriteObject(Vm);
        }
    }
}
