using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Reset-PpcVm</c>: board reset (devices and vCPU to power-on state, kernel reloaded).</summary>
[Cmdlet(VerbsCommon.Reset, "PpcVm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PpcVm))]
public sealed class ResetPpcVmCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
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
        if (!this.CheckUsable(Vm) || !ShouldProcess(Vm.Name, "Reset VM"))
        {
            return;
        }

        if (Vm.IsRunning)
        {
            WriteError(PpcErrors.FromKvm(new KvmException(Errno.EBUSY, "reset", $"VM '{Vm.Name}' is running; stop it first."), Vm));
            return;
        }

        try
        {
            Vm.Instance.Reset();
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Vm));
            return;
        }

        Vm.State = PpcVmState.Reset;
        if (PassThru)
        {
            WriteObject(Vm);
        }
    }
}
