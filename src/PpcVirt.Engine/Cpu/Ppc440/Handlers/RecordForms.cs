namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>
/// The Rc/OE variant of an instruction, chosen once at decode time (<see cref="Decoding.InstructionDefinition.HandlerFor"/>)
/// instead of testing the word's Rc (bit 31) and OE (bit 21) bits on every execution (Power ISA 2.06 Book I
/// §3.3: Rc=1 records CR0, OE=1 records XER[OV,SO]). A handler generic over this type is compiled once
/// per variant, with the tests folded away.
/// </summary>
internal interface IRecordForm
{
    /// <summary>Rc = 1: CR0 is set from the result.</summary>
    static abstract bool Record { get; }

    /// <summary>OE = 1: XER[OV] (and sticky SO) is set from the overflow.</summary>
    static abstract bool Overflow { get; }
}

/// <summary>Rc = 0, OE = 0.</summary>
internal readonly struct FormPlain : IRecordForm
{
    public static bool Record => false;

    public static bool Overflow => false;
}

/// <summary>Rc = 1 (the "." form).</summary>
internal readonly struct FormRc : IRecordForm
{
    public static bool Record => true;

    public static bool Overflow => false;
}

/// <summary>OE = 1 (the "o" form).</summary>
internal readonly struct FormOe : IRecordForm
{
    public static bool Record => false;

    public static bool Overflow => true;
}

/// <summary>OE = 1, Rc = 1 (the "o." form).</summary>
internal readonly struct FormOeRc : IRecordForm
{
    public static bool Record => true;

    public static bool Overflow => true;
}
