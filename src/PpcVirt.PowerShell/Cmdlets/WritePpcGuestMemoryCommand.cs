using System.Buffers.Binary;
using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Write-PpcGuestMemory</c>: writes bytes, or a big-endian 32-bit word, to guest physical memory.
/// A range not fully inside memory slots is refused (<c>PpcVirt.GuestMemoryFault</c>) and nothing is written.
/// </summary>
[Cmdlet(VerbsCommunications.Write, "PpcGuestMemory", DefaultParameterSetName = BytesSet, SupportsShouldProcess = true)]
[OutputType(typeof(PpcMemoryDump))]
public sealed class WritePpcGuestMemoryCommand : PSCmdlet
{
    private const string BytesSet = "Bytes";
    private const string ValueSet = "Value";

    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Guest physical address of the first byte.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("GuestPhysicalAddress")]
    public ulong Address { get; set; }

    /// <summary>The bytes to write.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = BytesSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public byte[] Bytes { get; set; } = [];

    /// <summary>A 32-bit word, written big-endian (guest byte order).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
    [BitPattern(32)]
    public uint Value { get; set; }

    /// <summary>Output the written range as read back.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        byte[] data = Bytes;
        if (ParameterSetName == ValueSet)
        {
            data = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(data, Value);
        }

        if (data.Length == 0 || !ShouldProcess(Vm.Name, $"Write {data.Length} byte(s) at 0x{Address:X}"))
        {
            return;
        }

        try
        {
            EnsureMapped(Address, data.Length);
            Vm.Vm.Memory.Write(Address, data);
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Address, (Errno.EFAULT, "PpcVirt.GuestMemoryFault")));
            return;
        }

        if (PassThru)
        {
            var back = new byte[data.Length];
            Vm.Vm.Memory.Read(Address, back);
            WriteObject(new PpcMemoryDump(Vm.Name, Address, back));
        }
    }

    private void EnsureMapped(ulong gpa, int length)
    {
        ulong end = gpa + (ulong)length;
        while (gpa < end)
        {
            var slot = Vm.Vm.Memory.FindSlot(gpa) ?? throw new KvmException(Errno.EFAULT, "guest memory access", $"guest physical address 0x{gpa:x} is outside every memory slot.");
            ulong next = slot.GuestPhysicalEnd + 1;
            if (next == 0)
            {
                break;
            }

            gpa = next;
        }
    }
}
