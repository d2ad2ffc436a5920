using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcVcpu</c>: the vCPUs of VMs.</summary>
[Cmdlet(VerbsCommon.Get, "PpcVcpu", DefaultParameterSetName = VmSet)]
[OutputType(typeof(PpcVcpu))]
public sealed class GetPpcVcpuCommand : PSCmdlet
{
    private const string VmSet = "Vm";
    private const string NameSet = "Name";

    /// <summary>The VMs (pipeline input; a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = VmSet, ValueFromPipeline = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm[] Vm { get; set; } = [];

    /// <summary>VM names (wildcards allowed).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Only the vCPU with this id (0 is the boot vCPU); an id the VM does not have is <c>PpcVirt.VcpuNotFound</c>.</summary>
    [Parameter]
    public int? Id { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IEnumerable<PpcVm> vms = ParameterSetName == NameSet ? Name.SelectMany(Match) : Vm;
        foreach (PpcVm vm in vms)
        {
            if (!this.CheckUsable(vm))
            {
                continue;
            }

            bool found = false;
            foreach (Vcpu vcpu in vm.Vm.Vcpus)
            {
                if (Id is null || Id == vcpu.Id)
                {
                    found = true;
                    WriteObject(new PpcVcpu(vm, vcpu));
                }
            }

            if (!found && Id is { } id)
            {
                WriteError(PpcErrors.Create("PpcVirt.VcpuNotFound", ErrorCategory.ObjectNotFound, $"VM '{vm.Name}' has no vCPU {id} (its vCPUs: {string.Join(", ", vm.Vm.Vcpus.Select(v => v.Id))}).", id));
            }
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
}
