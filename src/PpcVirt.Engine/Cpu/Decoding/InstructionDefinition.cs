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
    public InstructionDefinition(string mnemonic, int opcode, int extendedOpcode, InstructionForm form, nint handler, InstructionFlags flags)
    {
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

    /// <summary>Handler function pointer.</summary>
    public nint Handler { get; }

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
