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
    [ValidateNotNull]
    public PpcVm[] Vm { get; set; } = [];

    /// <summary>VM names (wildcards allowed).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    public string[] Name { get; set; } = [];

    /// <summary>Only the vCPU with this id.</summary>
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

            foreach (Vcpu vcpu in vm.Vm.Vcpus)
            {
                if (Id is null || Id == vcpu.Id)
                {
                    WriteObject(new PpcVcpu(vm, vcpu));
                }
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
