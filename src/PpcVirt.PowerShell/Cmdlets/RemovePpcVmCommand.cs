using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Remove-PpcVm</c>: unregisters VMs and frees their memory.</summary>
[Cmdlet(VerbsCommon.Remove, "PpcVm", DefaultParameterSetName = VmSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PpcVm))]
public sealed class RemovePpcVmCommand : PSCmdlet
{
    private const string VmSet = "Vm";
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>The VMs to remove (pipeline input).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = VmSet, ValueFromPipeline = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm[] Vm { get; set; } = [];

    /// <summary>Names of the VMs to remove (wildcards allowed).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Ids of the VMs to remove.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    public int[] Id { get; set; } = [];

    /// <summary>Stop a running vCPU first instead of refusing.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output the removed VMs.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var targets = new List<PpcVm>();
        switch (ParameterSetName)
        {
            case NameSet:
                foreach (string name in Name)
                {
                    var matches = PpcVmRegistry.Match(name).ToList();
                    if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    {
                        WriteError(PpcErrors.VmNotFound($"named '{name}'", name));
                    }

                    targets.AddRange(matches);
                }

                break;
            case IdSet:
                foreach (int id in Id)
                {
                    if (PpcVmRegistry.Find(id) is { } found)
                    {
                        targets.Add(found);
                    }
                    else
                    {
                        WriteError(PpcErrors.VmNotFound($"with id {id}", id));
                    }
                }

                break;
            default:
                targets.AddRange(Vm);
                break;
        }

        foreach (PpcVm vm in targets)
        {
            Remove(vm);
        }
    }

    private void Remove(PpcVm vm)
    {
        if (vm.State == PpcVmState.Removed)
        {
            WriteError(vm.UnresolvedDescription is { } what ? PpcErrors.VmNotFound(what, vm.Name) : PpcErrors.VmNotFound($"named '{vm.Name}' (it was already removed)", vm));
            return;
        }

        if (!ShouldProcess(vm.Name, "Remove VM"))
        {
            return;
        }

        if (vm.IsRunning)
        {
            if (!Force)
            {
                WriteError(PpcErrors.Create("PpcVirt.VmRunning", ErrorCategory.ResourceBusy, $"VM '{vm.Name}' is running (EBUSY); stop it with Stop-PpcVcpu or use -Force.", vm));
                return;
            }

            vm.RequestStop();
            SpinWait.SpinUntil(() => !vm.Vcpu.IsRunning, TimeSpan.FromSeconds(10));
            if (vm.Vcpu.IsRunning)
            {
                WriteError(PpcErrors.Create("PpcVirt.VmRunning", ErrorCategory.ResourceBusy, $"VM '{vm.Name}' did not stop within 10 seconds (EBUSY).", vm));
                return;
            }
        }

        PpcVmRegistry.Remove(vm);
        vm.State = PpcVmState.Removed;
        vm.Instance.Dispose();
        if (PassThru)
        {
            WriteObject(vm);
        }
    }
}
