namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>Per-instruction metadata the interpreter, decode cache and a future translator share.</summary>
[Flags]
public enum InstructionFlags
{
    /// <summary>Nothing special.</summary>
    None = 0,
    /// <summary>Needs MSR[PR]=0 (privileged-instruction program interrupt otherwise).</summary>
    Privileged = 1,
    /// <summary>May change the program counter: ends a translation block.</summary>
    EndsBlock = 2,
    /// <summary>Needs MSR[FP]=1 (FP-unavailable interrupt otherwise).</summary>
    FloatingPoint = 4,
    /// <summary>Reads storage.</summary>
    Load = 8,
    /// <summary>Writes storage.</summary>
    Store = 16,
    /// <summary>Has an Rc bit (record form, CR0 or CR1 updated when set).</summary>
    Record = 32,
    /// <summary>XO-form with an OE bit (XER[OV,SO] updated when set).</summary>
    Overflow = 64,
    /// <summary>Changes MSR or interrupt state: the interpreter re-checks pending interrupts after it.</summary>
    ContextSynchronizing = 128,
}
