using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Classic FPU of the 440FP (Power ISA 2.06 Book I ch. 4): results, FPSCR exception/status bits, FPRF, rounding modes, conversions, compares, moves, FPSCR access and FP loads/stores.</summary>
public sealed class FloatingPointTests
{
    private const uint FX = 0x8000_0000, FEX = 0x4000_0000, VX = 0x2000_0000, OX = 0x1000_0000, UX = 0x0800_0000, ZX = 0x0400_0000, XX = 0x0200_0000;
    private const uint VXSNAN = 0x0100_0000, VXISI = 0x0080_0000, VXIDI = 0x0040_0000, VXZDZ = 0x0020_0000, VXIMZ = 0x0010_0000, VXVC = 0x0008_0000;
    private const uint FR = 0x0004_0000, FI = 0x0002_0000, FPRF = 0x0001_F000, VXCVI = 0x0000_0100;
    private const ulong QNaN = 0x7FF8_0000_0000_0000, SNaN = 0x7FF0_0000_0000_0001, PosInf = 0x7FF0_0000_0000_0000, NegInf = 0xFFF0_0000_0000_0000;
    private const ulong One = 0x3FF0_0000_0000_0000, Two = 0x4000_0000_0000_0000, Three = 0x4008_0000_0000_0000, Zero = 0, NegZero = 0x8000_0000_0000_0000;
    private const ulong Denorm = 0x0000_0000_0000_0001;

    private static CpuHarness Fp(uint fpscr = 0)
    {
        var h = new CpuHarness();
        h["MSR"] = CpuHarness.MsrFp;
        h["FPSCR"] = fpscr;
        return h;
    }

    private static uint Op(string op) => op switch
    {
        "fadd" => Asm.Fadd(1, 2, 3),
        "fsub" => Asm.Fsub(1, 2, 3),
        "fmul" => Asm.Fmul(1, 2, 3),
        "fdiv" => Asm.Fdiv(1, 2, 3),
        "fadds" => Asm.Fadds(1, 2, 3),
        "fsubs" => Asm.Fsubs(1, 2, 3),
        "fmuls" => Asm.Fmuls(1, 2, 3),
        "fdivs" => Asm.Fdivs(1, 2, 3),
        _ => throw new ArgumentException(op),
    };

    /// <summary>f1 = f2 op f3 (fmul uses FRC = f3): exact result bits and the whole FPSCR afterwards (starting from 0).</summary>
    [Theory]
    // exact results: FI=FR=XX=0, FPRF from the class
    [InlineData("fadd", One, Two, Three, 0x04u << 12)]
    [InlineData("fsub", One, Two, 0xBFF0_0000_0000_0000ul, 0x08u << 12)]
    [InlineData("fsub", One, One, Zero, 0x02u << 12)]
    [InlineData("fadd", NegZero, NegZero, NegZero, 0x12u << 12)]
    [InlineData("fadd", Denorm, Zero, Denorm, 0x14u << 12)]
    [InlineData("fadd", PosInf, One, PosInf, 0x05u << 12)]
    [InlineData("fmul", Two, Three, 0x4018_0000_0000_0000ul, 0x04u << 12)]
    [InlineData("fdiv", Three, Two, 0x3FF8_0000_0000_0000ul, 0x04u << 12)]
    [InlineData("fadds", One, Two, Three, 0x04u << 12)]
    // QNaN operand propagates unchanged, no exception
    [InlineData("fadd", 0x7FF8_0000_0000_1234ul, One, 0x7FF8_0000_0000_1234ul, 0x11u << 12)]
    [InlineData("fmul", One, 0xFFF8_0000_0000_0000ul, 0xFFF8_0000_0000_0000ul, 0x11u << 12)]
    // invalid operations → default QNaN, FX VX + the specific VX bit, FPRF = QNaN
    [InlineData("fsub", PosInf, PosInf, QNaN, FX | VX | VXISI | (0x11u << 12))]
    [InlineData("fadd", PosInf, NegInf, QNaN, FX | VX | VXISI | (0x11u << 12))]
    [InlineData("fdiv", Zero, Zero, QNaN, FX | VX | VXZDZ | (0x11u << 12))]
    [InlineData("fdiv", PosInf, NegInf, QNaN, FX | VX | VXIDI | (0x11u << 12))]
    [InlineData("fmul", PosInf, Zero, QNaN, FX | VX | VXIMZ | (0x11u << 12))]
    [InlineData("fdivs", Zero, Zero, QNaN, FX | VX | VXZDZ | (0x11u << 12))]
    // SNaN operand: the quieted SNaN is the result (Book I §4.3.2), VXSNAN
    [InlineData("fadd", SNaN, One, 0x7FF8_0000_0000_0001ul, FX | VX | VXSNAN | (0x11u << 12))]
    [InlineData("fmul", One, SNaN, 0x7FF8_0000_0000_0001ul, FX | VX | VXSNAN | (0x11u << 12))]
    // divide by zero → ±∞, ZX
    [InlineData("fdiv", One, Zero, PosInf, FX | ZX | (0x05u << 12))]
    [InlineData("fdiv", 0xBFF0_0000_0000_0000ul, Zero, NegInf, FX | ZX | (0x09u << 12))]
    [InlineData("fdiv", One, NegZero, NegInf, FX | ZX | (0x09u << 12))]
    public void ArithmeticResultAndFpscr(string op, ulong a, ulong b, ulong expected, uint expectedFpscr)
    {
        using var h = Fp();
        h.SetF(2, a);
        h.SetF(3, b);
        h.Run(Op(op));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(expectedFpscr, h.Fpscr);
    }

    [Fact]
    public void InexactAddSetsXxFiAndFx()
    {
        using var h = Fp();
        h.SetF(2, 1.0);
        h.SetF(3, Math.ScaleB(1.0, -60));
        h.Run(Asm.Fadd(1, 2, 3));
        Assert.Equal(One, h.F(1));
        Assert.Equal(FX | XX | FI | (0x04u << 12), h.Fpscr);
    }

    [Fact]
    public void XxIsStickyAndFxOnlyOnTransition()
    {
        using var h = Fp(XX);
        h.SetF(2, 1.0);
        h.SetF(3, 2.0);
        h.Run(Asm.Fadd(1, 2, 3));
        Assert.Equal(XX | (0x04u << 12), h.Fpscr); // exact op: FI/FR cleared, XX kept, FX not set
    }

    /// <summary>1/3 and −1/3 in each FPSCR[RN] mode. Double: 1/3 = 0x3FD5555555555555 + 1/3 ulp; single: 1/3 lies 1/3 ulp below 0x3EAAAAAB.</summary>
    [Theory]
    [InlineData(0u, false, 0x3FD5_5555_5555_5555ul, 0u)]
    [InlineData(1u, false, 0x3FD5_5555_5555_5555ul, 0u)]
    [InlineData(2u, false, 0x3FD5_5555_5555_5556ul, FR)]
    [InlineData(3u, false, 0x3FD5_5555_5555_5555ul, 0u)]
    [InlineData(0u, true, 0x3FD5_5555_6000_0000ul, FR)]
    [InlineData(1u, true, 0x3FD5_5555_4000_0000ul, 0u)]
    [InlineData(2u, true, 0x3FD5_5555_6000_0000ul, FR)]
    [InlineData(3u, true, 0x3FD5_5555_4000_0000ul, 0u)]
    public void RoundingModesOnOneThird(uint rn, bool single, ulong expected, uint fr)
    {
        using var h = Fp(rn);
        h.SetF(2, 1.0);
        h.SetF(3, 3.0);
        h.Run(single ? Asm.Fdivs(1, 2, 3) : Asm.Fdiv(1, 2, 3));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | XX | FI | fr | (0x04u << 12) | rn, h.Fpscr);
    }

    [Theory]
    [InlineData(0u, 0xBFD5_5555_5555_5555ul, 0u)]
    [InlineData(1u, 0xBFD5_5555_5555_5555ul, 0u)]
    [InlineData(2u, 0xBFD5_5555_5555_5555ul, 0u)]
    [InlineData(3u, 0xBFD5_5555_5555_5556ul, FR)]
    public void RoundingModesOnMinusOneThird(uint rn, ulong expected, uint fr)
    {
        using var h = Fp(rn);
        h.SetF(2, -1.0);
        h.SetF(3, 3.0);
        h.Run(Asm.Fdiv(1, 2, 3));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | XX | FI | fr | (0x08u << 12) | rn, h.Fpscr);
    }

    [Fact]
    public void RoundTowardMinusInfinityGivesMinusZeroForExactCancellation()
    {
        using var h = Fp(3);
        h.SetF(2, 1.0);
        h.SetF(3, 1.0);
        h.Run(Asm.Fsub(1, 2, 3), Asm.Fadd(4, 2, 3));
        Assert.Equal(NegZero, h.F(1));
        Assert.Equal(Two, h.F(4));
    }

    [Fact]
    public void MultiplyAddFamilyIsFused()
    {
        using var h = Fp();
        h.SetF(2, 1.0 + Math.ScaleB(1.0, -52));
        h.SetF(3, 1.0 - Math.ScaleB(1.0, -52));
        h.SetF(4, -1.0);
        h.SetF(5, 2.0);
        h.SetF(6, 3.0);
        h.SetF(7, 1.0);
        h.Run(
            Asm.Fmadd(1, 2, 3, 4),   // a*c + b, exact −2^-104 (a non-fused multiply-add gives 0)
            Asm.Fmadd(8, 5, 6, 7),   // 2*3+1 = 7
            Asm.Fmsub(9, 5, 6, 7),   // 2*3−1 = 5
            Asm.Fnmadd(10, 5, 6, 7), // −7
            Asm.Fnmsub(11, 5, 6, 7), // −5
            Asm.Fmadds(12, 5, 6, 7));
        Assert.Equal(0xB970_0000_0000_0000ul, h.F(1));
        Assert.Equal(0x401C_0000_0000_0000ul, h.F(8));
        Assert.Equal(0x4014_0000_0000_0000ul, h.F(9));
        Assert.Equal(0xC01C_0000_0000_0000ul, h.F(10));
        Assert.Equal(0xC014_0000_0000_0000ul, h.F(11));
        Assert.Equal(0x401C_0000_0000_0000ul, h.F(12));
    }

    [Fact]
    public void FmaddInfinityTimesZeroIsVximz()
    {
        using var h = Fp();
        h.SetF(2, PosInf);
        h.SetF(3, Zero);
        h.SetF(4, One);
        h.Run(Asm.Fmadd(1, 2, 3, 4));
        Assert.Equal(QNaN, h.F(1));
        Assert.Equal(FX | VX | VXIMZ | (0x11u << 12), h.Fpscr);
    }

    [Fact]
    public void FrspRoundsToSingle()
    {
        using var h = Fp();
        h.SetF(2, 0x3FD5_5555_5555_5555);
        h.Run(Asm.Frsp(1, 2));
        Assert.Equal(0x3FD5_5555_6000_0000ul, h.F(1));
        Assert.Equal(FX | XX | FI | FR | (0x04u << 12), h.Fpscr);
    }

    [Fact]
    public void FrspOfExactSingleIsExact()
    {
        using var h = Fp();
        h.SetF(2, 1.5);
        h.Run(Asm.Frsp(1, 2));
        Assert.Equal(0x3FF8_0000_0000_0000ul, h.F(1));
        Assert.Equal(0x04u << 12, h.Fpscr);
    }

    [Theory]
    [InlineData(1e300, 0u, PosInf)]
    [InlineData(-1e300, 0u, NegInf)]
    [InlineData(1e300, 1u, 0x47EF_FFFF_E000_0000ul)] // toward zero: largest single
    public void FrspOverflow(double value, uint rn, ulong expected)
    {
        using var h = Fp(rn);
        h.SetF(2, value);
        h.Run(Asm.Frsp(1, 2));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | OX | XX, h.Fpscr & (FX | OX | XX | VX));
    }

    [Theory]
    [InlineData(2.5, 0u, false, 2u, FI)]
    [InlineData(3.5, 0u, false, 4u, FI | FR)]
    [InlineData(-2.5, 0u, false, 0xFFFF_FFFEu, FI)]
    [InlineData(2.9, 0u, true, 2u, FI)]
    [InlineData(-2.9, 0u, true, 0xFFFF_FFFEu, FI)]
    [InlineData(2.1, 2u, false, 3u, FI | FR)]
    [InlineData(-2.1, 3u, false, 0xFFFF_FFFDu, FI | FR)]
    [InlineData(7.0, 0u, false, 7u, 0u)]
    [InlineData(2147483647.4, 0u, false, 0x7FFF_FFFFu, FI)]
    [InlineData(-2147483648.5, 0u, false, 0x8000_0000u, FI)]
    public void FctiwRounding(double value, uint rn, bool toZero, uint expected, uint status)
    {
        using var h = Fp(rn);
        h.SetF(2, value);
        h.Run(toZero ? Asm.Fctiwz(1, 2) : Asm.Fctiw(1, 2));
        Assert.Equal(expected, (uint)h.F(1));
        Assert.Equal(status, h.Fpscr & (FI | FR));
        Assert.Equal(status != 0 ? FX | XX : 0u, h.Fpscr & (FX | XX | VX));
    }

    [Theory]
    [InlineData(0x41E6_5A0B_C000_0000ul, 0x7FFF_FFFFu, VXCVI)]              // 3e9
    [InlineData(0xC1E6_5A0B_C000_0000ul, 0x8000_0000u, VXCVI)]              // −3e9
    [InlineData(0x41DF_FFFF_FFE0_0000ul, 0x7FFF_FFFFu, VXCVI)]              // 2147483647.5 rounds (RN=0) to 2^31
    [InlineData(PosInf, 0x7FFF_FFFFu, VXCVI)]
    [InlineData(NegInf, 0x8000_0000u, VXCVI)]
    [InlineData(QNaN, 0x8000_0000u, VXCVI)]
    [InlineData(SNaN, 0x8000_0000u, VXCVI | VXSNAN)]
    public void FctiwSaturatesWithVxcvi(ulong value, uint expected, uint vx)
    {
        using var h = Fp();
        h.SetF(2, value);
        h.Run(Asm.Fctiw(1, 2));
        Assert.Equal(expected, (uint)h.F(1));
        Assert.Equal(FX | VX | vx, h.Fpscr & (FX | VX | VXCVI | VXSNAN | XX));
    }

    [Theory]
    [InlineData(1.0, 2.0, false, 0x8u, 0u)]
    [InlineData(2.0, 1.0, false, 0x4u, 0u)]
    [InlineData(-0.0, 0.0, false, 0x2u, 0u)]
    public void FcmpOrdered(double a, double b, bool ordered, uint cc, uint fpscr)
    {
        using var h = Fp();
        h.SetF(2, a);
        h.SetF(3, b);
        h.Run(ordered ? Asm.Fcmpo(3, 2, 3) : Asm.Fcmpu(3, 2, 3));
        Assert.Equal(cc, h.CrField(3));
        Assert.Equal(fpscr | (cc << 12), h.Fpscr);
    }

    [Theory]
    [InlineData(QNaN, false, 0u)]
    [InlineData(QNaN, true, FX | VX | VXVC)]
    [InlineData(SNaN, false, FX | VX | VXSNAN)]
    [InlineData(SNaN, true, FX | VX | VXSNAN | VXVC)] // VE=0: VXVC as well
    public void FcmpWithNaNIsUnordered(ulong nan, bool ordered, uint exceptions)
    {
        using var h = Fp();
        h["CR"] = 0;
        h.SetF(2, One);
        h.SetF(3, nan);
        h.Run(ordered ? Asm.Fcmpo(5, 2, 3) : Asm.Fcmpu(5, 2, 3));
        Assert.Equal(0x1u, h.CrField(5));
        Assert.Equal(0u, h.Cr & 0xFFFF_F0FF);
        Assert.Equal(exceptions | (0x1u << 12), h.Fpscr);
    }

    [Fact]
    public void SignMovesDoNotTouchFpscrAndKeepNaNs()
    {
        const uint before = 0x0002_5000 | 0x3; // arbitrary FI + FPRF + RN
        using var h = Fp(before);
        h.SetF(2, SNaN);
        h.SetF(3, 0xC000_0000_0000_0000);
        h.Run(Asm.Fmr(4, 2), Asm.Fneg(5, 2), Asm.Fabs(6, 3), Asm.Fnabs(7, 3), Asm.Fneg(8, 3), Asm.Fabs(9, 2));
        Assert.Equal(SNaN, h.F(4));
        Assert.Equal(0xFFF0_0000_0000_0001ul, h.F(5));
        Assert.Equal(Two, h.F(6));
        Assert.Equal(0xC000_0000_0000_0000ul, h.F(7));
        Assert.Equal(Two, h.F(8));
        Assert.Equal(SNaN, h.F(9));
        Assert.Equal(before, h.Fpscr);
    }

    [Fact]
    public void MffsMtfsfMtfsfi()
    {
        using var h = Fp(0x0000_00F2);
        h.SetF(2, 0x0000_0000_9000_0003ul);
        h.Run(
            Asm.Mffs(1),
            Asm.Mtfsf(0x81, 2),  // fields 0 and 7: FX OX from the source, RN=3; FEX/VX not taken from the source
            Asm.Mffs(3),
            Asm.Mtfsfi(7, 1),    // RN = 1
            Asm.Mtfsfi(6, 0x8),  // VE only (OE cleared → FEX recomputed to 0)
            Asm.Mffs(4));
        Assert.Equal(0xF2u, (uint)h.F(1));
        Assert.Equal(0xD000_00F3u, (uint)h.F(3)); // FEX recomputed: OX with OE=1
        Assert.Equal(0x9000_0081u, (uint)h.F(4));
        Assert.Equal(0x9000_0081u, h.Fpscr);
    }

    [Fact]
    public void MtfsfiField0CannotSetFexOrVxDirectly()
    {
        using var h = Fp();
        h.Run(Asm.Mtfsfi(0, 0xF));
        Assert.Equal(FX | OX, h.Fpscr);
    }

    [Fact]
    public void Mtfsb1AndMtfsb0()
    {
        using var h = Fp();
        h.Run(Asm.Mtfsb1(3), Asm.Mffs(1), Asm.Mtfsb0(3), Asm.Mtfsb1(30), Asm.Mtfsb1(25));
        Assert.Equal(FX | OX, (uint)h.F(1));        // setting an exception bit sets FX
        Assert.Equal(FX | 0x2u | 0x40u, h.Fpscr);   // OX cleared, FX stays; RN bit 30 = 0x2, OE bit 25 = 0x40
    }

    [Fact]
    public void McrfsCopiesAndClearsExceptionBits()
    {
        using var h = Fp(FX | OX | ZX | XX | 0x3);
        h["CR"] = 0;
        h.Run(Asm.Mcrfs(2, 0), Asm.Mcrfs(4, 1));
        Assert.Equal(0x9u, h.CrField(2)); // FX FEX VX OX = 1 0 0 1
        Assert.Equal(0x6u, h.CrField(4)); // UX ZX XX VXSNAN = 0 1 1 0
        Assert.Equal(0x3u, h.Fpscr);
    }

    [Fact]
    public void LfsConvertsSingleToDouble()
    {
        using var h = Fp();
        uint d = CpuHarness.DataBase;
        h.Write32(d, 0x3F80_0000);     // 1.0f
        h.Write32(d + 4, 0x0000_0001); // smallest single denormal 2^-149
        h.Write32(d + 8, 0x7F80_0001); // single SNaN
        h.Write32(d + 12, 0xFF80_0000); // −∞
        h.Write32(d + 16, 0x8040_0000); // −2^-127 (denormal)
        h.SetR(4, d);
        h.Run(Asm.Lfs(1, 0, 4), Asm.Lfs(2, 4, 4), Asm.Lfs(3, 8, 4), Asm.Lfs(5, 12, 4), Asm.Lfs(6, 16, 4));
        Assert.Equal(One, h.F(1));
        Assert.Equal(0x36A0_0000_0000_0000ul, h.F(2));
        Assert.Equal(0x7FF0_0000_2000_0000ul, h.F(3)); // still signalling
        Assert.Equal(NegInf, h.F(5));
        Assert.Equal(0xB800_0000_0000_0000ul, h.F(6));
        Assert.Equal(0u, h.Fpscr);
    }

    [Fact]
    public void StfsSelectsBitsWithoutRounding()
    {
        using var h = Fp(0);
        uint d = CpuHarness.DataBase;
        h.SetF(1, 0x3FD5_5555_5555_5555); // 1/3: nearest single would be 0x3EAAAAAB
        h.SetF(2, 0x37D0_0000_0000_0000); // 2^-130 → single denormal 0x00080000
        h.SetF(3, 0x7FF0_0000_2000_0000); // SNaN stays SNaN
        h.SetF(5, NegZero);
        h.SetF(6, 0xFFF8_0000_1234_5678);
        h.SetR(4, d);
        h.SetR(7, 16);
        h.Run(Asm.Stfs(1, 0, 4), Asm.Stfs(2, 4, 4), Asm.Stfs(3, 8, 4), Asm.Stfs(5, 12, 4), Asm.Stfiwx(6, 4, 7));
        Assert.Equal(0x3EAA_AAAAu, h.Read32(d));
        Assert.Equal(0x0008_0000u, h.Read32(d + 4));
        Assert.Equal(0x7F80_0001u, h.Read32(d + 8));
        Assert.Equal(0x8000_0000u, h.Read32(d + 12));
        Assert.Equal(0x1234_5678u, h.Read32(d + 16));
        Assert.Equal(0u, h.Fpscr);
    }

    [Fact]
    public void LfdStfdRoundTripBits()
    {
        using var h = Fp();
        uint d = CpuHarness.DataBase;
        h.Write64(d, SNaN);
        h.SetR(4, d);
        h.Run(Asm.Lfd(1, 0, 4), Asm.Stfd(1, 8, 4));
        Assert.Equal(SNaN, h.F(1));
        Assert.Equal(SNaN, h.Read64(d + 8));
    }

    [Fact]
    public void RecordFormCopiesFpscrSummaryToCr1()
    {
        using var h = Fp();
        h["CR"] = 0;
        h.SetF(2, PosInf);
        h.SetF(3, PosInf);
        h.Run(Asm.A(63, 1, 2, 3, 0, 20, rc: true)); // fsub. ∞−∞
        Assert.Equal(0xAu, h.CrField(1)); // FX, VX
    }

    [Theory]
    [InlineData("fadd")]
    [InlineData("lfd")]
    [InlineData("mffs")]
    [InlineData("fmr")]
    public void FpInstructionWithMsrFpClearIsFpUnavailable(string op)
    {
        using var h = new CpuHarness();
        h["MSR"] = 0x1000;
        h.SetR(4, CpuHarness.DataBase);
        uint w = op switch
        {
            "fadd" => Asm.Fadd(1, 2, 3),
            "lfd" => Asm.Lfd(1, 0, 4),
            "mffs" => Asm.Mffs(1),
            _ => Asm.Fmr(1, 2),
        };
        h.RunFor(2, Asm.Nop, w);
        Assert.Equal(CpuHarness.Vector(7), (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["SRR0"]);
        Assert.Equal(0x1000u, (uint)h["SRR1"]);
    }

    [Fact]
    public void EnabledZeroDivideTakesProgramInterruptAndSuppressesTheResult()
    {
        using var h = new CpuHarness();
        h["MSR"] = CpuHarness.MsrFp | 0x0900; // FE0 FE1: precise mode
        h["FPSCR"] = 0x10;                     // ZE
        h.SetF(1, 0x1234ul);
        h.SetF(2, One);
        h.SetF(3, Zero);
        h.RunFor(1, Asm.Fdiv(1, 2, 3));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
        Assert.Equal(0x0100_0000u, (uint)h["ESR"]); // ESR[FP]
        Assert.Equal(0x1234ul, h.F(1));
        Assert.Equal(FX | FEX | ZX, h.Fpscr & (FX | FEX | ZX | VX));
    }

    [Fact]
    public void SingleOverflowAndExactSingleDenormal()
    {
        using var h = Fp();
        h.SetF(2, 1e30);
        h.SetF(4, Math.ScaleB(1.0, -100));
        h.SetF(5, Math.ScaleB(1.0, -40));
        h.Run(Asm.Fmuls(1, 2, 2));
        Assert.Equal(PosInf, h.F(1));
        Assert.Equal(FX | OX | XX, h.Fpscr & (FX | OX | XX | UX | VX));
        Assert.Equal(0x05u << 12, h.Fpscr & FPRF);

        h["FPSCR"] = 0;
        h.Run(Asm.Fmuls(6, 4, 5));
        Assert.Equal(0x3730_0000_0000_0000ul, h.F(6)); // 2^-140: a single denormal, exact
        Assert.Equal(0x14u << 12, h.Fpscr);
    }

    [Theory]
    [InlineData(0x36A8_0000_0000_0000ul, 0x36B0_0000_0000_0000ul, FR, 0x14u)] // 1.5 × 2^-149 → tie → even 2^-148
    [InlineData(0x3690_0000_0000_0000ul, 0x0000_0000_0000_0000ul, 0u, 0x02u)]  // 2^-150 → tie → even 0
    [InlineData(0x3694_0000_0000_0000ul, 0x36A0_0000_0000_0000ul, FR, 0x14u)] // 1.25 × 2^-150 → 2^-149
    public void FrspIntoTheSingleDenormalRange(ulong input, ulong expected, uint fr, uint fprf)
    {
        using var h = Fp();
        h.SetF(2, input);
        h.Run(Asm.Frsp(1, 2));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | UX | XX | FI | fr | (fprf << 12), h.Fpscr);
    }

    /// <summary>1 + 2^-24 + 2^-80 rounds (single, nearest) to 1 + 2^-23: the intermediate double 1 + 2^-24 is a single tie, so a naive double-then-single rounding gives 1.0.</summary>
    [Fact]
    public void SingleArithmeticAvoidsDoubleRounding()
    {
        using var h = Fp();
        h.SetF(2, 1.0 + Math.ScaleB(1.0, -24));
        h.SetF(3, Math.ScaleB(1.0, -80));
        h.SetF(4, Zero);
        h.Run(Asm.Fadds(1, 2, 3), Asm.Fadds(5, 2, 4)); // second: (1 + 2^-24) + 0 → exact tie → even 1.0
        Assert.Equal(0x3FF0_0000_2000_0000ul, h.F(1));
        Assert.Equal(One, h.F(5));
    }

    [Fact]
    public void SquareRoot()
    {
        using var h = Fp();
        h.SetF(2, 4.0);
        h.SetF(3, -1.0);
        h.SetF(4, NegZero);
        h.Run(Asm.X(63, 1, 0, 2, 22), Asm.X(63, 5, 0, 4, 22), Asm.X(63, 6, 0, 3, 22));
        Assert.Equal(Two, h.F(1));
        Assert.Equal(NegZero, h.F(5));
        Assert.Equal(QNaN, h.F(6));
        Assert.Equal(FX | VX | 0x200u, h.Fpscr & (FX | VX | 0x200u));
    }

    [Fact]
    public void FselTreatsMinusZeroAsNonNegativeAndNaNAsFalse()
    {
        using var h = Fp();
        h.SetF(2, NegZero);
        h.SetF(3, QNaN);
        h.SetF(4, One);  // FRB
        h.SetF(5, Two);  // FRC
        h.Run(Asm.A(63, 1, 2, 4, 5, 23), Asm.A(63, 6, 3, 4, 5, 23));
        Assert.Equal(Two, h.F(1));
        Assert.Equal(One, h.F(6));
        Assert.Equal(0u, h.Fpscr);
    }

    [Fact]
    public void FnmaddKeepsTheSignOfNaNs()
    {
        using var h = Fp();
        h.SetF(2, 0x7FF8_0000_0000_1234ul);
        h.SetF(3, One);
        h.SetF(4, One);
        h.SetF(5, PosInf);
        h.SetF(6, Zero);
        h.Run(Asm.Fnmadd(1, 2, 3, 4), Asm.Fnmadd(7, 5, 6, 4), Asm.Fnmadd(8, 3, 3, 4));
        Assert.Equal(0x7FF8_0000_0000_1234ul, h.F(1)); // propagated QNaN: sign unchanged
        Assert.Equal(QNaN, h.F(7));                    // default QNaN: sign 0
        Assert.Equal(0xC000_0000_0000_0000ul, h.F(8)); // −(1×1+1)
    }

    [Fact]
    public void FctiwOfMinusZeroIsExactZero()
    {
        using var h = Fp();
        h.SetF(2, NegZero);
        h.Run(Asm.Fctiw(1, 2));
        Assert.Equal(0u, (uint)h.F(1));
        Assert.Equal(0u, h.Fpscr & (FX | XX | FI | FR | VX));
    }

    /// <summary>Finite ÷ ∞ is an exact zero; no exception (IEEE 754 §7.3, Power ISA Book I §4.4.3).</summary>
    [Fact]
    public void FiniteDividedByInfinityIsExactZero()
    {
        using var h = Fp();
        h.SetF(2, One);
        h.SetF(3, NegInf);
        h.Run(Asm.Fdiv(1, 2, 3));
        Assert.Equal(NegZero, h.F(1));
        Assert.Equal(0x12u << 12, h.Fpscr);
    }

    /// <summary>ZX is defined only for a finite nonzero dividend (Power ISA Book I §4.4.3): ∞ ÷ 0 is an exact ∞ with no exception.</summary>
    [Theory]
    [InlineData("fdiv")]
    [InlineData("fdivs")]
    public void InfinityDividedByZeroIsInfinityWithoutZx(string op)
    {
        using var h = Fp();
        h.SetF(2, PosInf);
        h.SetF(3, Zero);
        h.Run(Op(op));
        Assert.Equal(PosInf, h.F(1));
        Assert.Equal(0x05u << 12, h.Fpscr);
    }

    [Theory]
    [InlineData(0u, Zero, 0u, 0x02u)]
    [InlineData(1u, Zero, 0u, 0x02u)]
    [InlineData(2u, Denorm, FR, 0x14u)]
    [InlineData(3u, Zero, 0u, 0x02u)]
    public void MultiplyUnderflowToZeroOrSmallestDenormal(uint rn, ulong expected, uint fr, uint fprf)
    {
        using var h = Fp(rn);
        h.SetF(2, 1e-300);
        h.SetF(3, 1e-300);
        h.Run(Asm.Fmul(1, 2, 3));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | UX | XX | FI | fr | (fprf << 12) | rn, h.Fpscr);
    }

    [Theory]
    [InlineData(0u, PosInf)]
    [InlineData(1u, 0x7FEF_FFFF_FFFF_FFFFul)]
    [InlineData(2u, PosInf)]
    [InlineData(3u, 0x7FEF_FFFF_FFFF_FFFFul)]
    public void AddOverflowFollowsRoundingMode(uint rn, ulong expected)
    {
        using var h = Fp(rn);
        h.SetF(2, double.MaxValue);
        h.SetF(3, double.MaxValue);
        h.Run(Asm.Fadd(1, 2, 3));
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | OX | XX | FI, h.Fpscr & (FX | OX | XX | FI | UX | VX));
    }

    [Fact]
    public void MultiplyAddInfinityMinusInfinityIsVxisi()
    {
        using var h = Fp();
        h.SetF(2, PosInf);
        h.SetF(3, One);
        h.SetF(4, PosInf);
        h.Run(Asm.Fmsub(1, 2, 3, 4));
        Assert.Equal(QNaN, h.F(1));
        Assert.Equal(FX | VX | VXISI | (0x11u << 12), h.Fpscr);
    }

    [Fact]
    public void ReciprocalEstimatesOfInfinityAreZeroWithoutExceptions()
    {
        using var h = Fp();
        h.SetF(2, PosInf);
        h.Run(Asm.A(59, 1, 0, 2, 0, 24), Asm.A(63, 3, 0, 2, 0, 26)); // fres, frsqrte
        Assert.Equal(Zero, h.F(1));
        Assert.Equal(Zero, h.F(3));
        Assert.Equal(0u, h.Fpscr & (FX | VX | ZX | XX));
    }
}
