namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>
/// One row of an instruction table: how to recognise the instruction and which handler runs it
/// (QEMU insn32.decode / Dolphin opcode-table style: the decoder, the disassembler names and the
/// tests all read this one table).
/// </summary>
public sealed class InstructionDefinition
{
    /// <summary>Creates a row.</summary>
    /// <param name="mnemonic">Power ISA base mnemonic (Rc/OE variants add "." and "o").</param>
    /// <param name="opcode">Primary opcode, bits 0–5.</param>
    /// <param name="extendedOpcode">Extended opcode (10-bit X/XL/XFX, 9-bit XO, 5-bit A), or −1 for none.</param>
    /// <param name="form">Instruction format.</param>
    /// <param name="handler">Interpreter handler (a static function pointer as nint).</param>
    /// <param name="flags">Metadata.</param>
    /// <param name="variants">
    /// Optional handlers per Rc/OE variant, indexed by <c>OE &lt;&lt; 1 | Rc</c> (4 entries), chosen at decode
    /// time by <see cref="HandlerFor"/>; null: <paramref name="handler"/> for every encoding.
    /// </param>
    /// <param name="raZeroHandler">Optional handler for encodings whose RA field (bits 11–15) is 0, chosen at decode time by <see cref="HandlerFor"/>; 0: none.</param>
    /// <exception cref="ArgumentException"><paramref name="variants"/> does not have 4 entries.</exception>
    public InstructionDefinition(string mnemonic, int opcode, int extendedOpcode, InstructionForm form, nint handler, InstructionFlags flags, nint[]? variants = null, nint raZeroHandler = 0)
    {
        _raZeroHandler = raZeroHandler;
        if (variants is not null && variants.Length != 4)
        {
            throw new ArgumentException("Rc/OE variants need 4 handlers (index OE << 1 | Rc).", nameof(variants));
        }

        _variants = variants;
        Mnemonic = mnemonic;
        Opcode = opcode;
        ExtendedOpcode = extendedOpcode;
        Form = form;
        Handler = handler;
        Flags = flags;
    }

    /// <summary>Power ISA base mnemonic.</summary>
    public string Mnemonic { get; }

    /// <summary>Primary opcode (0–63).</summary>
    public int Opcode { get; }

    /// <summary>Extended opcode, or −1.</summary>
    public int ExtendedOpcode { get; }

    /// <summary>Format.</summary>
    public InstructionForm Form { get; }

    private readonly nint[]? _variants;
    private readonly nint _raZeroHandler;

    /// <summary>Handler function pointer (the Rc = 0, OE = 0 variant when the row has variants).</summary>
    public nint Handler { get; }

    /// <summary>True when the row has a handler per Rc/OE variant or one for RA = 0.</summary>
    public bool HasVariants => _variants is not null || _raZeroHandler != 0;

    /// <summary>
    /// The handler for one encoding: the RA = 0 variant when the row has one and the word's RA field is 0;
    /// else the Rc/OE variant the word selects (Rc = bit 31, OE = bit 21 in the ISA's numbering) when the
    /// row has variants; else <see cref="Handler"/>. Called once per decoded word, never per execution.
    /// </summary>
    public nint HandlerFor(uint word) =>
        _raZeroHandler != 0 && (word & 0x001F_0000) == 0 ? _raZeroHandler
        : _variants is null ? Handler
        : _variants[(int)(((word >> 9) & 2) | (word & 1))];

    /// <summary>Metadata flags.</summary>
    public InstructionFlags Flags { get; }

    /// <summary>The mnemonic as written for a given word: adds "o" for OE=1 and "." for Rc=1.</summary>
    public string MnemonicFor(uint word)
    {
        string m = Mnemonic;
        if ((Flags & InstructionFlags.Overflow) != 0 && (word & 0x400) != 0)
        {
            m += "o";
        }

        if ((Flags & InstructionFlags.Record) != 0 && (word & 1) != 0)
        {
            m += ".";
        }

        return m;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Mnemonic} ({Opcode}/{ExtendedOpcode}, {Form}-form)";
}
