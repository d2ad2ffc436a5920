namespace PpcVirt.Engine.Cpu.BookE;

/// <summary>Exception Syndrome Register bits (Power ISA 2.06 Book III-E §2.2.9; PPC440 manual "ESR").</summary>
public static class Esr
{
    /// <summary>Machine check instruction-fetch.</summary>
    public const uint MCI = 0x8000_0000;
    /// <summary>Program interrupt: illegal instruction.</summary>
    public const uint PIL = 0x0800_0000;
    /// <summary>Program interrupt: privileged instruction.</summary>
    public const uint PPR = 0x0400_0000;
    /// <summary>Program interrupt: trap.</summary>
    public const uint PTR = 0x0200_0000;
    /// <summary>Floating-point operation.</summary>
    public const uint FP = 0x0100_0000;
    /// <summary>Store operation (data storage, data TLB, alignment).</summary>
    public const uint ST = 0x0080_0000;
    /// <summary>Data cache locking.</summary>
    public const uint DLK = 0x0020_0000;
    /// <summary>Instruction cache locking.</summary>
    public const uint ILK = 0x0010_0000;
    /// <summary>Auxiliary processor operation.</summary>
    public const uint AP = 0x0008_0000;
    /// <summary>Program interrupt: unimplemented operation.</summary>
    public const uint PUO = 0x0004_0000;
    /// <summary>Byte ordering.</summary>
    public const uint BO = 0x0002_0000;
    /// <summary>Imprecise exception; on the PPC440 the "delayed" Floating-Point Enabled Program interrupt, taken when MSR[FE0,FE1] becomes non-zero while FPSCR[FEX]=1 (PPC440x5 manual §6.5.7).</summary>
    public const uint PIE = 0x0001_0000;
    /// <summary>PPC440 (implementation-dependent, bit 27): the instruction whose Floating-Point Enabled exception caused the Program interrupt updates the CR (PPC440x5 manual §6.4.11, §6.5.7).</summary>
    public const uint PCRE = 0x0000_0010;
    /// <summary>PPC440 (bit 28): that instruction is a floating-point compare (PPC440x5 manual §6.5.7).</summary>
    public const uint PCMP = 0x0000_0008;
    /// <summary>PPC440 (bits 29:31): the number of the CR field that instruction updates (PPC440x5 manual §6.5.7).</summary>
    public const uint PCRF = 0x0000_0007;
}
