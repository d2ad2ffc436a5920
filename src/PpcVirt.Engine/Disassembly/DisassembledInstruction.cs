namespace PpcVirt.Engine.Disassembly;

/// <summary>One disassembled guest instruction.</summary>
/// <param name="Address">Effective address (or guest physical address with a physical listing).</param>
/// <param name="PhysicalAddress">Guest physical address the word was read from, or null when it could not be translated or read.</param>
/// <param name="Word">The instruction word (big-endian as stored), or 0 when unreadable.</param>
/// <param name="Mnemonic">Capstone's mnemonic (assembler extended mnemonics such as <c>li</c>, <c>blr</c>), or the table mnemonic when Capstone does not know the encoding.</param>
/// <param name="Operands">Capstone's operand text, or empty.</param>
/// <param name="TableMnemonic">The mnemonic in PpcVirt's instruction table for the vCPU's family (what the core executes), or null for an illegal encoding.</param>
/// <param name="Fault">Why the word could not be read (e.g. "InstructionTlbError", "not guest RAM"), or null.</param>
public sealed record DisassembledInstruction(ulong Address, ulong? PhysicalAddress, uint Word, string Mnemonic, string Operands, string? TableMnemonic, string? Fault)
{
    /// <summary>
    /// The guest symbol label of <see cref="Address"/>: <c>name</c> at a symbol, else
    /// <c>name+0xoff</c> (see <see cref="GuestSymbolTable"/>); null without symbols or when none covers the address.
    /// </summary>
    public string? Symbol { get; init; }
}
