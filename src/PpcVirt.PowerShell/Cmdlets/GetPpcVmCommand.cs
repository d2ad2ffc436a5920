using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcVm</c>: lists the VMs of this process, by name (wildcards) or id.</summary>
[Cmdlet(VerbsCommon.Get, "PpcVm", DefaultParameterSetName = NameSet)]
[OutputType(typeof(PpcVm))]
public sealed class GetPpcVmCommand : PSCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>VM names; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>VM ids.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    public int[] Id { get; set; } = [];

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (int id in Id)
            {
                if (PpcVmRegistry.Find(id) is { } vm)
                {
                    WriteObject(vm);
                }
                else
                {
                    WriteError(PpcErrors.VmNotFound($"with id {id}", id));
                }
            }

            return;
        }

        if (Name is null)
        {
            WriteObject(PpcVmRegistry.All, enumerateCollection: true);
            return;
        }

        foreach (string name in Name)
        {
            var matches = PpcVmRegistry.Match(name).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(PpcErrors.VmNotFound($"named '{name}'", name));
            }

            WriteObject(matches, enumerateCollection: true);
        }
    }
}
