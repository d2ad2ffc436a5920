using System.Buffers.Binary;
using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Write-PpcGuestMemory</c>: writes bytes, or a big-endian 32-bit word, to guest physical memory.
/// A range not fully inside memory slots is refused (<c>PpcVirt.GuestMemoryFault</c>) and nothing is written.
/// Bytes that arrive through the pipeline (<c>[byte[]](1,2,3) | Write-PpcGuestMemory -Address 0x3000</c>,
/// which PowerShell sends one byte at a time) are collected and written as one contiguous range
/// starting at <see cref="Address"/> when the pipeline ends.
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
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Guest physical address of the first byte.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("GuestPhysicalAddress")]
    [BitPattern(64)]
    public ulong Address { get; set; }

    /// <summary>The bytes to write (pipeline bytes are collected into one range).</summary>
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

    private readonly List<byte> _pipelineBytes = [];
    private PpcVm? _pipelineVm;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == BytesSet && MyInvocation.ExpectingInput)
        {
            if (_pipelineVm is not null && !ReferenceEquals(_pipelineVm, Vm))
            {
                Flush();
            }

            _pipelineVm = Vm;
            _pipelineBytes.AddRange(Bytes);
            return;
        }

        byte[] data = Bytes;
        if (ParameterSetName == ValueSet)
        {
            data = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(data, Value);
        }

        Write(Vm, data);
    }

    /// <inheritdoc/>
    protected override void EndProcessing() => Flush();

    private void Flush()
    {
        if (_pipelineVm is null)
        {
            return;
        }

        PpcVm vm = _pipelineVm;
        byte[] data = [.. _pipelineBytes];
        _pipelineVm = null;
        _pipelineBytes.Clear();
        Write(vm, data);
    }

    private void Write(PpcVm vm, byte[] data)
    {
        Vm = vm;
        if (!this.CheckUsable(Vm))
        {
            return;
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
