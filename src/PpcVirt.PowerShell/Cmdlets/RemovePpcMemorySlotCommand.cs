using System.Management.Automation;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Remove-PpcMemorySlot</c>: deletes a memory slot (KVM_SET_USER_MEMORY_REGION with size 0).</summary>
[Cmdlet(VerbsCommon.Remove, "PpcMemorySlot", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemovePpcMemorySlotCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works; binds from piped slots).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Slot id (binds from piped slots).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public int Slot { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (this.CheckUsable(Vm) && ShouldProcess(Vm.Name, $"Delete memory slot {Slot}"))
        {
            MemorySlots.Apply(this, Vm, Slot, default, 0, 0);
        }
    }
}
