using System.Management.Automation;
using PpcVirt.Engine.Disassembly;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Get-PpcDisassembly</c>: disassembles guest code at an effective address (translated with the
/// vCPU's MSR[IS], PID and TLB) or a guest physical address, with Capstone.NET's assembler mnemonics
/// and operands beside PpcVirt's own instruction-table mnemonic, and each line's guest symbol
/// (<c>function+0xoff</c>) from the VM's ELF kernel or a <c>-SymbolPath</c> (ELF or System.map).
/// </summary>
[Cmdlet(VerbsCommon.Get, "PpcDisassembly", DefaultParameterSetName = AddressSet)]
[OutputType(typeof(DisassembledInstruction))]
public sealed class GetPpcDisassemblyCommand : PSCmdlet
{
    private const string AddressSet = "Address";
    private const string SymbolSet = "Symbol";

    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ArgumentCompleter(typeof(VmNameCompleter))]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>
    /// First address (rounded down to a word); default: the vCPU's program counter. A number
    /// (<c>0xC0000000</c> works as written), a string such as <c>'0xC000_0000'</c>, or a guest
    /// symbol with an optional offset (<c>main</c>, <c>main+0x10</c>).
    /// </summary>
    [Parameter(Position = 1, ParameterSetName = AddressSet)]
    [ValidateNotNull]
    public object? Address { get; set; }

    /// <summary>
    /// A guest symbol (case-sensitive) to disassemble: starts at its address and, without
    /// <c>-Count</c>, lists the whole symbol when the ELF gives its size (at most 4096 instructions).
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = SymbolSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GuestSymbolCompleter))]
    public string Symbol { get; set; } = null!;

    /// <summary>Number of instructions (1–4096); default 16.</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int Count { get; set; } = 16;

    /// <summary>Treat <see cref="Address"/> as a guest physical address instead of an effective address.</summary>
    [Parameter]
    public SwitchParameter Physical { get; set; }

    /// <summary>
    /// Symbols from this file instead of the VM's kernel: an ELF image (its <c>.symtab</c>) or a Linux
    /// <c>System.map</c> (<c>nm -n</c> format). Relative paths resolve against the current location.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SymbolPath { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        GuestSymbolTable? symbols = GuestSymbols.For(this, Vm, SymbolPath);
        if (symbols is null)
        {
            return;
        }

        ulong address;
        int count = Count;
        if (ParameterSetName == SymbolSet)
        {
            if (!symbols.TryResolve(Symbol, out GuestSymbol symbol))
            {
                WriteError(SymbolNotFound(Symbol, symbols));
                return;
            }

            address = symbol.Address;
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(Count)) && symbol.Size >= 4)
            {
                count = (int)Math.Min(4096, symbol.Size / 4);
            }
        }
        else if (Address is null)
        {
            address = Vm.Vcpu.ProgramCounter;
        }
        else if (!AddressOrSymbol.TryParse(Address, symbols, out address, out string? error))
        {
            WriteError(PpcErrors.Create("PpcVirt.SymbolNotFound", ErrorCategory.ObjectNotFound, error!, Address));
            return;
        }

        foreach (DisassembledInstruction i in GuestDisassembler.Disassemble(Vm.Vcpu, address, count, Physical, symbols))
        {
            WriteObject(i);
        }
    }

    private static ErrorRecord SymbolNotFound(string name, GuestSymbolTable symbols) =>
        PpcErrors.Create(
            "PpcVirt.SymbolNotFound",
            ErrorCategory.ObjectNotFound,
            symbols.NameCount == 0
                ? $"No symbol '{name}': the VM's kernel has no symbol table (give -SymbolPath with an ELF or System.map)."
                : $"No symbol '{name}' in {symbols.SourcePath} ({symbols.NameCount} symbols; names are case-sensitive).",
            name);
}
