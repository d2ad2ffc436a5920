using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcCapability</c>: KVM_CHECK_EXTENSION for every known capability (or those named).</summary>
[Cmdlet(VerbsCommon.Get, "PpcCapability")]
[OutputType(typeof(PpcCapability))]
public sealed class GetPpcCapabilityCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Capability names, e.g. <c>UserMemory</c>, <c>Ppc*</c>; default all.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only supported capabilities.</summary>
    [Parameter]
    public SwitchParameter Supported { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        Capability[] all = Enum.GetValues<Capability>().OrderBy(c => (int)c).ToArray();
        var selected = new List<Capability>();
        foreach (string pattern in Name ?? ["*"])
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            var matches = all.Where(c => wildcard.IsMatch(c.ToString())).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(PpcErrors.Create("PpcVirt.CapabilityNotFound", ErrorCategory.ObjectNotFound, $"No capability named '{pattern}'.", pattern));
            }

            selected.AddRange(matches.Where(m => !selected.Contains(m)));
        }

        foreach (Capability c in selected)
        {
            var info = new PpcCapability(Vm.Name, c, Vm.Vm.CheckExtension(c));
            if (!Supported || info.Supported)
            {
                WriteObject(info);
            }
        }
    }
}
