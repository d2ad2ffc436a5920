namespace PpcVirt.Engine.Cpu.Fpu;

/// <summary>FPSCR bits (Power ISA 2.06 Book I §4.2.2). Bit 0 (FX) is 0x8000_0000.</summary>
public static class Fpscr
{
#pragma warning disable CS1591 // The names are the architecture's.
    public const uint FX = 0x8000_0000, FEX = 0x4000_0000, VX = 0x2000_0000, OX = 0x1000_0000, UX = 0x0800_0000, ZX = 0x0400_0000, XX = 0x0200_0000;
    public const uint VXSNAN = 0x0100_0000, VXISI = 0x0080_0000, VXIDI = 0x0040_0000, VXZDZ = 0x0020_0000, VXIMZ = 0x0010_0000, VXVC = 0x0008_0000;
    public const uint FR = 0x0004_0000, FI = 0x0002_0000, FPRF = 0x0001_F000, FPCC = 0x0000_F000;
    public const uint VXSOFT = 0x0000_0400, VXSQRT = 0x0000_0200, VXCVI = 0x0000_0100;
    public const uint VE = 0x80, OE = 0x40, UE = 0x20, ZE = 0x10, XE = 0x08, NI = 0x04, RN = 0x03;
#pragma warning restore CS1591

    /// <summary>All invalid-operation exception bits.</summary>
    public const uint AllVx = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;

    /// <summary>All sticky exception bits whose 0→1 transition sets FX.</summary>
    public const uint AllExceptions = OX | UX | ZX | XX | AllVx;

    /// <summary>Recomputes the summary bits VX and FEX.</summary>
    public static uint Summarize(uint fpscr)
    {
        fpscr = (fpscr & AllVx) != 0 ? fpscr | VX : fpscr & ~VX;
        bool fex = ((fpscr & VX) != 0 && (fpscr & VE) != 0) || ((fpscr & OX) != 0 && (fpscr & OE) != 0)
            || ((fpscr & UX) != 0 && (fpscr & UE) != 0) || ((fpscr & ZX) != 0 && (fpscr & ZE) != 0)
            || ((fpscr & XX) != 0 && (fpscr & XE) != 0);
        return fex ? fpscr | FEX : fpscr & ~FEX;
    }

    /// <summary>Sets exception bits, raising FX for each that goes from 0 to 1, and recomputes the summaries.</summary>
    public static uint Raise(uint fpscr, uint exceptions)
    {
        uint newly = exceptions & ~fpscr & AllExceptions;
        fpscr |= exceptions;
        if (newly != 0)
        {
            fpscr |= FX;
        }

        return Summarize(fpscr);
    }
}
