using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Set-PpcMemorySlot</c>: KVM_SET_USER_MEMORY_REGION. Creates, moves or re-flags a slot backed by
/// new host memory (a slot that keeps its size keeps its backing); <c>-SizeBytes 0</c> deletes it.
/// Refusals leave the slots unchanged.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PpcMemorySlot", SupportsShouldProcess = true)]
[OutputType(typeof(PpcMemorySlot))]
public sealed class SetPpcMemorySlotCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Slot id (0–31).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Slot { get; set; }

    /// <summary>First guest physical byte (4096-aligned).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Gpa", "Address")]
    [BitPattern(64)]
    public ulong GuestPhysicalAddress { get; set; }

    /// <summary>Size in bytes (a multiple of 4096); 0 deletes the slot.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, long.MaxValue)]
    public long SizeBytes { get; set; }

    /// <summary>KVM_MEM_* flags: ReadOnly, LogDirtyPages.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public MemorySlotFlags Flags { get; set; }

    /// <summary>Output the slot.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        string action = SizeBytes == 0
            ? $"Delete memory slot {Slot}"
            : $"Set memory slot {Slot} to 0x{GuestPhysicalAddress:X}, {SizeBytes} bytes, flags {Flags}";
        if (!ShouldProcess(Vm.Name, action))
        {
            return;
        }

        MemorySlot? result = MemorySlots.Apply(this, Vm, Slot, Flags, GuestPhysicalAddress, SizeBytes);
        if (result is not null && PassThru)
        {
            WriteObject(new PpcMemorySlot(Vm, result));
        }
    }
}
