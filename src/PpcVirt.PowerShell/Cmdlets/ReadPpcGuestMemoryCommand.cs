using System.Buffers.Binary;
using System.Management.Automation;
using System.Text;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Read-PpcGuestMemory</c>: reads guest physical memory. Default output is a <see cref="PpcMemoryDump"/>
/// (hex dump view); <c>-AsString</c> gives Latin-1 text, <c>-AsWords</c> big-endian 32-bit words,
/// <c>-AsByteArray</c> one byte[].
/// </summary>
[Cmdlet(VerbsCommunications.Read, "PpcGuestMemory", DefaultParameterSetName = DumpSet)]
[OutputType(typeof(PpcMemoryDump), ParameterSetName = [DumpSet])]
[OutputType(typeof(string), ParameterSetName = [StringSet])]
[OutputType(typeof(uint), ParameterSetName = [WordsSet])]
[OutputType(typeof(byte[]), ParameterSetName = [BytesSet])]
public sealed class ReadPpcGuestMemoryCommand : PSCmdlet
{
    private const string DumpSet = "Dump";
    private const string StringSet = "String";
    private const string WordsSet = "Words";
    private const string BytesSet = "Bytes";

    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Guest physical address of the first byte.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("GuestPhysicalAddress")]
    [BitPattern(64)]
    public ulong Address { get; set; }

    /// <summary>Number of bytes.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ValidateRange(1, 64 * 1024 * 1024)]
    public int Length { get; set; }

    /// <summary>Output the bytes as one Latin-1 string.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StringSet)]
    public SwitchParameter AsString { get; set; }

    /// <summary>Output big-endian 32-bit words (Length must be a multiple of 4).</summary>
    [Parameter(Mandatory = true, ParameterSetName = WordsSet)]
    public SwitchParameter AsWords { get; set; }

    /// <summary>Output the bytes as a single byte[].</summary>
    [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
    public SwitchParameter AsByteArray { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        if (AsWords && Length % 4 != 0)
        {
            WriteError(PpcErrors.Create("PpcVirt.InvalidLength", ErrorCategory.InvalidArgument, $"-AsWords needs a length that is a multiple of 4 (got {Length}).", Length));
            return;
        }

        var bytes = new byte[Length];
        try
        {
            Vm.Vm.Memory.Read(Address, bytes);
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Address, (Errno.EFAULT, "PpcVirt.GuestMemoryFault")));
            return;
        }

        switch (ParameterSetName)
        {
            case StringSet:
                WriteObject(Encoding.Latin1.GetString(bytes));
                break;
            case WordsSet:
                for (int i = 0; i < bytes.Length; i += 4)
                {
                    WriteObject(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i)));
                }

                break;
            case BytesSet:
                WriteObject(bytes, enumerateCollection: false);
                break;
            default:
                WriteObject(new PpcMemoryDump(Vm.Name, Address, bytes));
                break;
        }
    }
}
