using System.Management.Automation;
using PpcVirt.Engine.Disassembly;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Get-PpcDisassembly</c>: disassembles guest code at an effective address (translated with the
/// vCPU's MSR[IS], PID and TLB) or a guest physical address, with Capstone.NET's assembler mnemonics
/// and operands beside PpcVirt's own instruction-table mnemonic.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PpcDisassembly")]
[OutputType(typeof(DisassembledInstruction))]
public sealed class GetPpcDisassemblyCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>First address (rounded down to a word); default: the vCPU's program counter.</summary>
    [Parameter(Position = 1)]
    [BitPattern(64)]
    public ulong? Address { get; set; }

    /// <summary>Number of instructions (1–4096); default 16.</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int Count { get; set; } = 16;

    /// <summary>Treat <see cref="Address"/> as a guest physical address instead of an effective address.</summary>
    [Parameter]
    public SwitchParameter Physical { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        foreach (DisassembledInstruction i in GuestDisassembler.Disassemble(Vm.Vcpu, Address ?? Vm.Vcpu.ProgramCounter, Count, Physical))
        {
            WriteObject(i);
        }
    }
}
