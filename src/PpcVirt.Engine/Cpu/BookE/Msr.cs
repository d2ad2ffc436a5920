namespace PpcVirt.Engine.Cpu.BookE;

/// <summary>Machine State Register bits of a 32-bit Book E core (Power ISA 2.06 Book III-E §2.2.1; PPC440 manual "MSR").</summary>
public static class Msr
{
    /// <summary>Wait state enable (PPC440): the core stops fetching until an interrupt.</summary>
    public const uint WE = 0x0004_0000;
    /// <summary>Critical interrupt enable.</summary>
    public const uint CE = 0x0002_0000;
    /// <summary>External (non-critical) interrupt enable.</summary>
    public const uint EE = 0x0000_8000;
    /// <summary>Problem state (user mode).</summary>
    public const uint PR = 0x0000_4000;
    /// <summary>Floating-point available.</summary>
    public const uint FP = 0x0000_2000;
    /// <summary>Machine check enable.</summary>
    public const uint ME = 0x0000_1000;
    /// <summary>FP exception mode 0.</summary>
    public const uint FE0 = 0x0000_0800;
    /// <summary>Debug wait enable.</summary>
    public const uint DWE = 0x0000_0400;
    /// <summary>Debug interrupt enable.</summary>
    public const uint DE = 0x0000_0200;
    /// <summary>FP exception mode 1.</summary>
    public const uint FE1 = 0x0000_0100;
    /// <summary>Instruction address space.</summary>
    public const uint IS = 0x0000_0020;
    /// <summary>Data address space.</summary>
    public const uint DS = 0x0000_0010;

    /// <summary>Bits the PPC440 implements; writes to others are ignored (so Linux's RI bit reads back 0, as on QEMU's 440).</summary>
    public const uint Ppc440Mask = WE | CE | EE | PR | FP | ME | FE0 | DWE | DE | FE1 | IS | DS;
}
