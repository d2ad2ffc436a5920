namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>
/// Whether an instruction's RA field is 0, chosen once at decode time (<see cref="Decoding.InstructionDefinition.HandlerFor"/>):
/// for addi/addis and the D-form loads and stores, RA = 0 means the value 0, not GPR 0 (Power ISA 2.06
/// Book I §3.3.2 "(RA|0)"), so the variant for RA = 0 needs no register read and no test per execution.
/// </summary>
internal interface IBaseForm
{
    /// <summary>RA = 0: the base is the value 0.</summary>
    static abstract bool RaIsZero { get; }
}

/// <summary>RA ≠ 0: the base is GPR[RA].</summary>
internal readonly struct BaseRa : IBaseForm
{
    public static bool RaIsZero => false;
}

/// <summary>RA = 0: the base is 0.</summary>
internal readonly struct BaseZero : IBaseForm
{
    public static bool RaIsZero => true;
}
