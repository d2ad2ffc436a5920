using System.Management.Automation;
using PpcVirt.Engine.Mmu;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcTlbEntry</c>: the guest TLB (Book E software TLB) as the guest wrote it, decoded.</summary>
[Cmdlet(VerbsCommon.Get, "PpcTlbEntry")]
[OutputType(typeof(PpcTlbEntry))]
public sealed class GetPpcTlbEntryCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Only these entry indexes.</summary>
    [Parameter(Position = 1)]
    public int[]? Index { get; set; }

    /// <summary>Only entries with V set.</summary>
    [Parameter]
    public SwitchParameter Valid { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        IReadOnlyList<BookETlbEntry> entries = Vm.Vcpu.GetTlbEntries();
        if (Index is not null)
        {
            foreach (int i in Index.Where(i => !entries.Any(e => e.Index == i)))
            {
                WriteError(PpcErrors.Create("PpcVirt.InvalidTlbEntry", ErrorCategory.InvalidArgument, $"TLB index {i} is out of range (the guest TLB has {entries.Count} entries) (EINVAL).", i));
            }
        }

        foreach (BookETlbEntry e in entries)
        {
            if ((Index is null || Index.Contains(e.Index)) && (!Valid || e.Valid))
            {
                WriteObject(new PpcTlbEntry(Vm.Name, e));
            }
        }
    }
}
