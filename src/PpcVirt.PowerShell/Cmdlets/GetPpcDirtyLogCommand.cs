using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Get-PpcDirtyLog</c>: KVM_GET_DIRTY_LOG. Reads and clears the dirty log of memory slots made
/// with the LogDirtyPages flag (Set-PpcMemorySlot -Flags LogDirtyPages): the 4 KiB pages guest
/// stores reached since the previous read. Without -Slot, every logged slot. A slot id out of
/// range is EINVAL; an empty slot or one without the flag is ENOENT. Works while the vCPU runs.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PpcDirtyLog")]
[OutputType(typeof(PpcDirtyLog))]
public sealed class GetPpcDirtyLogCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Only these slot ids (each must log dirty pages).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public int[]? Slot { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        IEnumerable<int> ids = Slot ?? Vm.Vm.Memory.Slots.Where(s => (s.Flags & MemorySlotFlags.LogDirtyPages) != 0).Select(s => s.Slot).ToArray();
        foreach (int id in ids)
        {
            try
            {
                ulong[] bitmap = Vm.Vm.GetDirtyLog(id);
                MemorySlot slot = Vm.Vm.Memory.GetSlot(id)!;
                WriteObject(new PpcDirtyLog(Vm.Name, id, slot.GuestPhysicalAddress, slot.PageCount, bitmap));
            }
            catch (KvmException ex)
            {
                WriteError(PpcErrors.FromKvm(ex, id, (Errno.ENOENT, "PpcVirt.NoDirtyLog"), (Errno.EINVAL, "PpcVirt.InvalidMemorySlot")));
            }
        }
    }
}
