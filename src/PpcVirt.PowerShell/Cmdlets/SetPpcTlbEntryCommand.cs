using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary><c>Set-PpcTlbEntry</c>: writes one guest TLB entry as tlbwe would (three words and the TID).</summary>
[Cmdlet(VerbsCommon.Set, "PpcTlbEntry", SupportsShouldProcess = true)]
[OutputType(typeof(PpcTlbEntry))]
public sealed class SetPpcTlbEntryCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>Entry index (0–63 on the 440).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Index { get; set; }

    /// <summary>PAGEID word: EPN | V (0x200) | TS (0x100) | SIZE &lt;&lt; 4.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [BitPattern(32)]
    public uint Word0 { get; set; }

    /// <summary>XLAT word: RPN | ERPN.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BitPattern(32)]
    public uint Word1 { get; set; }

    /// <summary>ATTRIB word: WIMGE &lt;&lt; 7 | UX UW UR SX SW SR.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BitPattern(32)]
    public uint Word2 { get; set; }

    /// <summary>Translation id (0 matches every PID).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public byte Tid { get; set; }

    /// <summary>Output the entry as read back.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm) || !ShouldProcess(Vm.Name, $"Write TLB entry {Index}: 0x{Word0:X8} 0x{Word1:X8} 0x{Word2:X8} TID {Tid}"))
        {
            return;
        }

        try
        {
            Vm.Vcpu.SetTlbEntry(new BookETlbEntry(Index, Word0, Word1, Word2, Tid));
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, Index, (Errno.EINVAL, "PpcVirt.InvalidTlbEntry")));
            return;
        }

        if (PassThru)
        {
            foreach (BookETlbEntry e in Vm.Vcpu.GetTlbEntries())
            {
                if (e.Index == Index)
                {
                    WriteObject(new PpcTlbEntry(Vm.Name, e));
                }
            }
        }
    }
}
