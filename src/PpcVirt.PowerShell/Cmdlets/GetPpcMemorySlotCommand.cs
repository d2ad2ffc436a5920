using System.Management.Automation;
using PpcVirt.Engine.Memory;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Get-PpcMemorySlot</c>: the VM's populated memory slots, ordered by guest physical address.</summary>
[Cmdlet(VerbsCommon.Get, "PpcMemorySlot")]
[OutputType(typeof(PpcMemorySlot))]
public sealed class GetPpcMemorySlotCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Only these slot ids; a missing one is an error.</summary>
    [Parameter(Position = 1)]
    public int[]? Slot { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        if (Slot is null)
        {
            foreach (MemorySlot s in Vm.Vm.Memory.Slots)
            {
                WriteObject(new PpcMemorySlot(Vm, s));
            }

            return;
        }

        foreach (int id in Slot)
        {
            if (Vm.Vm.Memory.GetSlot(id) is { } s)
            {
                WriteObject(new PpcMemorySlot(Vm, s));
            }
            else
            {
                WriteError(PpcErrors.Create("PpcVirt.MemorySlotNotFound", ErrorCategory.ObjectNotFound, $"VM '{Vm.Name}' has no memory slot {id}.", id));
            }
        }
    }
}
