namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>
/// Expands an instruction table into lookup arrays: one for the primary opcode and one 1024-entry
/// array per primary opcode that has extended opcodes (19, 31, 59, 63, 4). A-form rows (5-bit XO)
/// fill every slot whose low five bits match; XO-form rows fill both OE values. Decoding is two
/// array loads, no dictionary.
/// </summary>
public sealed class InstructionDecoder
{
    private readonly InstructionDefinition?[] _primary = new InstructionDefinition?[64];
    private readonly InstructionDefinition?[]?[] _extended = new InstructionDefinition?[]?[64];

    /// <summary>Builds the lookup arrays.</summary>
    /// <exception cref="InvalidOperationException">Two rows claim the same encoding.</exception>
    public InstructionDecoder(IEnumerable<InstructionDefinition> table)
    {
        foreach (InstructionDefinition d in table)
        {
            Definitions.Add(d);
            if (d.ExtendedOpcode < 0)
            {
                Claim(ref _primary[d.Opcode], d);
                continue;
            }

            InstructionDefinition?[] ext = _extended[d.Opcode] ??= new InstructionDefinition?[1024];
            switch (d.Form)
            {
                case InstructionForm.A:
                    for (int i = 0; i < 1024; i++)
                    {
                        if ((i & 0x1F) == d.ExtendedOpcode)
                        {
                            Claim(ref ext[i], d);
                        }
                    }

                    break;
                case InstructionForm.XO:
                    Claim(ref ext[d.ExtendedOpcode], d);
                    Claim(ref ext[d.ExtendedOpcode | 0x200], d);
                    break;
                default:
                    Claim(ref ext[d.ExtendedOpcode], d);
                    break;
            }
        }
    }

    /// <summary>Every row, in table order.</summary>
    public List<InstructionDefinition> Definitions { get; } = [];

    /// <summary>The row for <paramref name="word"/>, or null when the encoding is illegal.</summary>
    public InstructionDefinition? Decode(uint word)
    {
        int op = (int)(word >> 26);
        InstructionDefinition?[]? ext = _extended[op];
        if (ext is null)
        {
            return _primary[op];
        }

        return ext[(word >> 1) & 0x3FF];
    }

    private static void Claim(ref InstructionDefinition? slot, InstructionDefinition d)
    {
        if (slot is not null && slot != d)
        {
            throw new InvalidOperationException($"{d} collides with {slot}.");
        }

        slot = d;
    }
}
