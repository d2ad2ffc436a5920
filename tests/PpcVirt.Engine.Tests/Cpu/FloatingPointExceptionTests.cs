using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// Enabled floating-point exceptions on the 440FP: results and FPSCR per Power ISA 2.06 Book I §4.4
/// (§4.4.1 invalid operation, §4.4.2 zero divide, §4.4.4 overflow, §4.4.5 underflow, §4.4.6
/// inexact) and the Floating-Point Enabled Program interrupt as the PPC440x5 manual §6.5.7 defines
/// it (precise in every non-zero MSR[FE0,FE1] mode, ESR[FP], no CR update but ESR[PCRE,PCMP,PCRF];
/// the "delayed" form with ESR[PIE] when MSR[FE0,FE1] becomes non-zero while FPSCR[FEX]=1).
/// Every expected value is derived from those texts, not from an emulator.
/// </summary>
public sealed class FloatingPointExceptionTests
{
    private const uint FX = 0x8000_0000, FEX = 0x4000_0000, VX = 0x2000_0000, OX = 0x1000_0000, UX = 0x0800_0000, ZX = 0x0400_0000, XX = 0x0200_0000;
    private const uint VXSNAN = 0x0100_0000, VXISI = 0x0080_0000, VXIMZ = 0x0010_0000, VXVC = 0x0008_0000, VXCVI = 0x0000_0100;
    private const uint FR = 0x0004_0000, FI = 0x0002_0000;
    private const uint VE = 0x80, OE = 0x40, UE = 0x20, ZE = 0x10, XE = 0x08;
    private const uint PlusNormal = 0x04u << 12, Unordered = 0x01u << 12;
    private const uint MsrPrecise = CpuHarness.MsrFp | 0x0900; // FE0=FE1=1
    private const uint EsrFp = 0x0100_0000, EsrPie = 0x0001_0000, EsrPcre = 0x10, EsrPcmp = 0x08;
    private const ulong SNaN = 0x7FF0_0000_0000_0001, PosInf = 0x7FF0_0000_0000_0000, One = 0x3FF0_0000_0000_0000, Zero = 0;
    private const ulong Marker = 0x0000_0000_0000_1234; // a value no instruction here produces: "FRT unchanged"

    private static CpuHarness Fp(uint fpscr, uint msr = CpuHarness.MsrFp)
    {
        var h = new CpuHarness();
        h["MSR"] = msr;
        h["FPSCR"] = fpscr;
        h["CR"] = 0;
        return h;
    }

    private static double P2(int n) => Math.ScaleB(1.0, n);

    private static void AssertProgramInterruptAt(CpuHarness h, uint srr0, uint esr, uint msr = MsrPrecise)
    {
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(srr0, (uint)h["SRR0"]);
        Assert.Equal(msr, (uint)h["SRR1"]);
        Assert.Equal(esr, (uint)h["ESR"]);
        Assert.Equal(0u, (uint)h["MSR"] & 0x0900); // FE0 FE1 cleared by the interrupt
    }

    // ---- §4.4.1 invalid operation, VE=1 ---------------------------------------------------------

    /// <summary>§4.4.1 VE=1: FRT unchanged, FR FI cleared, FPRF unchanged — on the second invalid operation too, when VXISI is already set.</summary>
    [Fact]
    public void SecondInvalidOperationWithVeLeavesFrtAndFprfUnchanged()
    {
        using var h = Fp(VE);
        h.SetF(1, Marker);
        h.SetF(2, PosInf);
        h.SetF(3, PosInf);
        h.SetF(5, 1.0);
        h.SetF(6, 3 * P2(-54)); // 1 + ¾ ulp: rounds up → FR=1 FI=1, FPRF = +normal
        h.Run(Asm.Fsub(1, 2, 3));
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | VX | VXISI | VE, h.Fpscr);

        h.Run(Asm.Fadd(4, 5, 6), Asm.Fsub(1, 2, 3));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1 + P2(-52)), h.F(4));
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | VX | XX | VXISI | PlusNormal | VE, h.Fpscr); // FR FI cleared, FPRF still +normal
    }

    /// <summary>§4.4.1: an SNaN operand with VE=1 leaves FRT unchanged; MSR[FE]≠0 → Program interrupt at the instruction, ESR[FP].</summary>
    [Fact]
    public void SnanOperandWithVeTakesProgramInterruptAndSuppressesTheResult()
    {
        using var h = Fp(VE, MsrPrecise);
        h.SetF(1, Marker);
        h.SetF(2, SNaN);
        h.SetF(3, 1.0);
        h.RunFor(3, Asm.Nop, Asm.Fadd(1, 2, 3));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase + 4, EsrFp);
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | VX | VXSNAN | VE, h.Fpscr);
    }

    /// <summary>fcmpu with an SNaN and VE=1 (§4.4.1, fcmpu: VXSNAN only): FEX=1 → precise Program interrupt; the 440 leaves the CR field alone and records it in ESR[PCRE,PCMP,PCRF].</summary>
    [Fact]
    public void FcmpuWithVeAndSnanTakesProgramInterrupt()
    {
        using var h = Fp(VE, MsrPrecise);
        h.SetF(2, SNaN);
        h.SetF(3, 1.0);
        h.RunFor(3, Asm.Nop, Asm.Fcmpu(3, 2, 3));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase + 4, EsrFp | EsrPcre | EsrPcmp | 3);
        Assert.Equal(FX | FEX | VX | VXSNAN | Unordered | VE, h.Fpscr);
        Assert.Equal(0u, h.CrField(3));
    }

    /// <summary>fcmpo with an SNaN and VE=1 sets VXSNAN but not VXVC (fcmpo: VXVC only if VE=0); with MSR[FE]=0 no interrupt and CR field = FU.</summary>
    [Fact]
    public void FcmpoWithVeAndSnanWithoutFeSetsBitsOnly()
    {
        using var h = Fp(VE);
        h.SetF(2, 1.0);
        h.SetF(3, SNaN);
        h.Run(Asm.Fcmpo(2, 2, 3));
        Assert.Equal(FX | FEX | VX | VXSNAN | Unordered | VE, h.Fpscr);
        Assert.Equal(0x1u, h.CrField(2));
        Assert.Equal(0u, h.Fpscr & VXVC);
    }

    /// <summary>fcmpo with a QNaN and VE=1: VXVC (Invalid Compare) is enabled → Program interrupt.</summary>
    [Fact]
    public void FcmpoWithQnanAndVeTakesProgramInterrupt()
    {
        using var h = Fp(VE, MsrPrecise);
        h.SetF(2, 0x7FF8_0000_0000_0000ul);
        h.SetF(3, 1.0);
        h.RunFor(2, Asm.Fcmpo(7, 2, 3));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp | EsrPcre | EsrPcmp | 7);
        Assert.Equal(FX | FEX | VX | VXVC | Unordered | VE, h.Fpscr);
    }

    /// <summary>fmadd ∞×0 + SNaN sets VXSNAN and VXIMZ (§4.4: the cases that set two exception bits); with VE=1 FRT is unchanged.</summary>
    [Fact]
    public void FmaddInfinityTimesZeroPlusSnanSetsBothBits()
    {
        using var h = Fp(VE);
        h.SetF(1, Marker);
        h.SetF(2, PosInf);
        h.SetF(3, Zero);
        h.SetF(4, SNaN);
        h.Run(Asm.Fmadd(1, 2, 3, 4));
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | VX | VXSNAN | VXIMZ | VE, h.Fpscr);
    }

    /// <summary>fctiw of a NaN with VE=1: FRT unchanged (§4.4.1, convert to integer), VXCVI VXSNAN.</summary>
    [Fact]
    public void FctiwInvalidWithVeLeavesFrtUnchanged()
    {
        using var h = Fp(VE);
        h.SetF(1, Marker);
        h.SetF(2, SNaN);
        h.Run(Asm.Fctiw(1, 2));
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | VX | VXSNAN | VXCVI | VE, h.Fpscr);
    }

    // ---- §4.4.2 zero divide, ZE=1 ---------------------------------------------------------------

    /// <summary>§4.4.2 ZE=1: FRT and FPRF unchanged, FR FI cleared, ZX FX FEX; again on a second zero divide with ZX already set.</summary>
    [Fact]
    public void ZeroDivideWithZeLeavesFrtAndFprfUnchanged()
    {
        using var h = Fp(ZE | FR | FI | PlusNormal);
        h.SetF(1, Marker);
        h.SetF(2, One);
        h.SetF(3, Zero);
        h.Run(Asm.Fdiv(1, 2, 3), Asm.Fdivs(1, 2, 3));
        Assert.Equal(Marker, h.F(1));
        Assert.Equal(FX | FEX | ZX | PlusNormal | ZE, h.Fpscr);
    }

    // ---- §4.4.4 overflow, OE=1: result × 2^−1536 (double) / 2^−192 (single, frsp) ------------------

    /// <summary>
    /// §4.4.4 OE=1: OX set; the exponent of the normalized intermediate result is adjusted by −1536
    /// (double) or −192 (single, frsp) and the rounded result delivered; FPRF = +normal; XX (and FI,
    /// FR) only if that rounding is inexact (§4.4.6).
    /// </summary>
    [Theory]
    // 2^1000 × 2^100 = 2^1100 → 2^−436, exact
    [InlineData("fmul", 0x7E70_0000_0000_0000ul, 0x4630_0000_0000_0000ul, 0ul, 0x24B0_0000_0000_0000ul, 0u)]
    // (1+2^−52)·2^1000 × (1+2^−52)·2^100 = (1 + 2^−51 + 2^−104)·2^1100 → (1+2^−51)·2^−436, inexact, rounded down
    [InlineData("fmul", 0x7E70_0000_0000_0001ul, 0x4630_0000_0000_0001ul, 0ul, 0x24B0_0000_0000_0002ul, XX | FI)]
    // MAX + MAX = (2 − 2^−52)·2^1024 → (2 − 2^−52)·2^−512, exact
    [InlineData("fadd", 0x7FEF_FFFF_FFFF_FFFFul, 0x7FEF_FFFF_FFFF_FFFFul, 0ul, 0x1FFF_FFFF_FFFF_FFFFul, 0u)]
    // MAX + 2^970 = a tie between MAX and 2^1024: RN to even → 2^1024 (overflow by rounding) → 2^−512, incremented
    [InlineData("fadd", 0x7FEF_FFFF_FFFF_FFFFul, 0x7C90_0000_0000_0000ul, 0ul, 0x1FF0_0000_0000_0000ul, XX | FI | FR)]
    // 2^1000 ÷ 2^−100 = 2^1100 → 2^−436
    [InlineData("fdiv", 0x7E70_0000_0000_0000ul, 0x39B0_0000_0000_0000ul, 0ul, 0x24B0_0000_0000_0000ul, 0u)]
    // 2^1023 ÷ (3·2^−100) = (4/3)·2^1121 → (4/3 rounded down)·2^−415
    [InlineData("fdiv", 0x7FE0_0000_0000_0000ul, 0x39C8_0000_0000_0000ul, 0ul, 0x2605_5555_5555_5555ul, XX | FI)]
    // 2^1000 × 2^100 + 1 → 2^1100 (the addend only makes it inexact) → 2^−436
    [InlineData("fmadd", 0x7E70_0000_0000_0000ul, 0x4630_0000_0000_0000ul, One, 0x24B0_0000_0000_0000ul, XX | FI)]
    // single: 2^100 × 2^100 = 2^200 → 2^8
    [InlineData("fmuls", 0x4630_0000_0000_0000ul, 0x4630_0000_0000_0000ul, 0ul, 0x4070_0000_0000_0000ul, 0u)]
    // single: MAXs + MAXs = (2 − 2^−23)·2^128 → (2 − 2^−23)·2^−64
    [InlineData("fadds", 0x47EF_FFFF_E000_0000ul, 0x47EF_FFFF_E000_0000ul, 0ul, 0x3BFF_FFFF_E000_0000ul, 0u)]
    // single: 2^100 ÷ 2^−100 = 2^200 → 2^8
    [InlineData("fdivs", 0x4630_0000_0000_0000ul, 0x39B0_0000_0000_0000ul, 0ul, 0x4070_0000_0000_0000ul, 0u)]
    // single: 2^100 × 2^100 + 2^−10 → 2^200, inexact → 2^8
    [InlineData("fmadds", 0x4630_0000_0000_0000ul, 0x4630_0000_0000_0000ul, 0x3F50_0000_0000_0000ul, 0x4070_0000_0000_0000ul, XX | FI)]
    // frsp of 2^200 → 2^8
    [InlineData("frsp", 0, 0x4C70_0000_0000_0000ul, 0ul, 0x4070_0000_0000_0000ul, 0u)]
    // frsp of (1 + 2^−30)·2^130 → 24 bits: 1.0·2^130, inexact, rounded down → 2^−62
    [InlineData("frsp", 0, 0x4810_0000_0040_0000ul, 0ul, 0x3C10_0000_0000_0000ul, XX | FI)]
    public void EnabledOverflowDeliversTheScaledResult(string op, ulong a, ulong b, ulong c, ulong expected, uint rounding)
    {
        using var h = Fp(OE);
        RunOp(h, op, a, b, c);
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | FEX | OX | rounding | PlusNormal | OE, h.Fpscr);
    }

    // ---- §4.4.5 underflow, UE=1: result × 2^+1536 (double) / 2^+192 (single, frsp) -----------------

    /// <summary>
    /// §4.4.5 UE=1: underflow occurs whenever the intermediate result is tiny (even if exact); UX set,
    /// the exponent adjusted by +1536 (double) or +192 (single, frsp), the rounded normalized result
    /// delivered, FPRF = +normal; XX only if inexact.
    /// </summary>
    [Theory]
    // 2^−1000 × 2^−100 = 2^−1100 → 2^436
    [InlineData("fmul", 0x0170_0000_0000_0000ul, 0x39B0_0000_0000_0000ul, 0ul, 0x5B30_0000_0000_0000ul, 0u)]
    // (1+2^−52)·2^−1000 × (1+2^−52)·2^−100 → (1+2^−51)·2^436, inexact, rounded down
    [InlineData("fmul", 0x0170_0000_0000_0001ul, 0x39B0_0000_0000_0001ul, 0ul, 0x5B30_0000_0000_0002ul, XX | FI)]
    // 2^−1074 + 0: exact but tiny → UX, 2^462
    [InlineData("fadd", 0x0000_0000_0000_0001ul, 0ul, 0ul, 0x5CD0_0000_0000_0000ul, 0u)]
    // 2^−1000 ÷ 2^100 = 2^−1100 → 2^436
    [InlineData("fdiv", 0x0170_0000_0000_0000ul, 0x4630_0000_0000_0000ul, 0ul, 0x5B30_0000_0000_0000ul, 0u)]
    // 2^−600 × 2^−500 + 2^−1074 = (1 + 2^−26)·2^−1074, exact → (1 + 2^−26)·2^462
    [InlineData("fmadd", 0x1A70_0000_0000_0000ul, 0x20B0_0000_0000_0000ul, 0x0000_0000_0000_0001ul, 0x5CD0_0000_0400_0000ul, 0u)]
    // single: 2^−100 × 2^−30 = 2^−130 → 2^62
    [InlineData("fmuls", 0x39B0_0000_0000_0000ul, 0x3E10_0000_0000_0000ul, 0ul, 0x43D0_0000_0000_0000ul, 0u)]
    // single: 2^−127 + 2^−128 = 1.5·2^−127 → 1.5·2^65
    [InlineData("fadds", 0x3800_0000_0000_0000ul, 0x37F0_0000_0000_0000ul, 0ul, 0x4408_0000_0000_0000ul, 0u)]
    // single: 2^−100 ÷ 2^30 = 2^−130 → 2^62
    [InlineData("fdivs", 0x39B0_0000_0000_0000ul, 0x41D0_0000_0000_0000ul, 0ul, 0x43D0_0000_0000_0000ul, 0u)]
    // single: 2^−100 × 2^−30 + 2^−140 = (1 + 2^−10)·2^−130 → (1 + 2^−10)·2^62
    [InlineData("fmadds", 0x39B0_0000_0000_0000ul, 0x3E10_0000_0000_0000ul, 0x3730_0000_0000_0000ul, 0x43D0_0400_0000_0000ul, 0u)]
    // frsp of 2^−130 → 2^62; of (1 + 2^−30)·2^−130 → 1.0·2^62, inexact
    [InlineData("frsp", 0, 0x37D0_0000_0000_0000ul, 0ul, 0x43D0_0000_0000_0000ul, 0u)]
    [InlineData("frsp", 0, 0x37D0_0000_0040_0000ul, 0ul, 0x43D0_0000_0000_0000ul, XX | FI)]
    public void EnabledUnderflowDeliversTheScaledResult(string op, ulong a, ulong b, ulong c, ulong expected, uint rounding)
    {
        using var h = Fp(UE);
        RunOp(h, op, a, b, c);
        Assert.Equal(expected, h.F(1));
        Assert.Equal(FX | FEX | UX | rounding | PlusNormal | UE, h.Fpscr);
    }

    /// <summary>OE=1 with MSR[FE]≠0: the scaled result is written and FPSCR updated, then the precise Program interrupt.</summary>
    [Fact]
    public void EnabledOverflowTakesProgramInterruptAfterWritingTheScaledResult()
    {
        using var h = Fp(OE, MsrPrecise);
        h.SetF(2, P2(1000));
        h.SetF(3, P2(100));
        h.RunFor(2, Asm.Fmul(1, 2, 3));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp);
        Assert.Equal(0x24B0_0000_0000_0000ul, h.F(1));
        Assert.Equal(FX | FEX | OX | PlusNormal | OE, h.Fpscr);
    }

    /// <summary>§4.4.4: overflow is judged on the result rounded with RN and an unbounded exponent. MAX + 2^970 toward zero is MAX: no overflow even with OE=1, only inexact.</summary>
    [Fact]
    public void RoundTowardZeroJustAboveMaxIsNotAnOverflow()
    {
        using var h = Fp(OE | 0x1);
        h.SetF(2, double.MaxValue);
        h.SetF(3, P2(970));
        h.Run(Asm.Fadd(1, 2, 3));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(double.MaxValue), h.F(1));
        Assert.Equal(FX | XX | FI | PlusNormal | OE | 0x1, h.Fpscr);
    }

    /// <summary>
    /// fmadds 31 × (1082401·2^103) − 2^−10: the product is 2^128 − 2^103, the midpoint between the
    /// largest single and 2^128, and the addend puts the exact result just below it. Rounded to
    /// single (RN) that is the largest single — no overflow (§4.4.4), XX FI; rounding to double first
    /// would land on the midpoint and tie to 2^128.
    /// </summary>
    [Fact]
    public void SingleResultJustBelowTheOverflowMidpointIsNotAnOverflow()
    {
        using var h = Fp(0);
        h.SetF(2, 31.0);
        h.SetF(3, Math.ScaleB(1082401.0, 103));
        h.SetF(4, -P2(-10));
        h.Run(Asm.Fmadds(1, 2, 3, 4));
        Assert.Equal(0x47EF_FFFF_E000_0000ul, h.F(1));
        Assert.Equal(FX | XX | FI | PlusNormal, h.Fpscr);
    }

    /// <summary>With OE=0 the disabled overflow is unchanged: +∞ by RN, OX XX FI FR (§4.4.4, disabled).</summary>
    [Fact]
    public void DisabledOverflowIsStillInfinity()
    {
        using var h = Fp(UE);
        h.SetF(2, P2(1000));
        h.SetF(3, P2(100));
        h.Run(Asm.Fmul(1, 2, 3));
        Assert.Equal(PosInf, h.F(1));
        Assert.Equal(FX | OX | XX | FI | FR | (0x05u << 12) | UE, h.Fpscr);
    }

    // ---- §4.4.6 inexact, XE=1 -------------------------------------------------------------------

    /// <summary>§4.4.6 XE=1: the rounded result is delivered as usual; XX FX FEX set; MSR[FE]=0 → no interrupt.</summary>
    [Fact]
    public void EnabledInexactDeliversTheResult()
    {
        using var h = Fp(XE);
        h.SetF(2, 1.0);
        h.SetF(3, P2(-60));
        h.Run(Asm.Fadd(1, 2, 3));
        Assert.Equal(One, h.F(1));
        Assert.Equal(FX | FEX | XX | FI | PlusNormal | XE, h.Fpscr);
    }

    /// <summary>XE=1 with MSR[FE]≠0: result written, then the Program interrupt; Rc=1 → the 440 leaves CR1 and sets ESR[PCRE], PCRF=1.</summary>
    [Fact]
    public void EnabledInexactWithRecordFormTakesProgramInterruptWithoutCr1()
    {
        using var h = Fp(XE, MsrPrecise);
        h.SetF(2, 1.0);
        h.SetF(3, P2(-60));
        h.RunFor(2, Asm.Fadd(1, 2, 3, rc: true));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp | EsrPcre | 1);
        Assert.Equal(One, h.F(1));
        Assert.Equal(0u, h.CrField(1));
    }

    /// <summary>Without MSR[FE] the record form copies FX FEX VX OX into CR1 as usual.</summary>
    [Fact]
    public void RecordFormWithoutFeCopiesFexIntoCr1()
    {
        using var h = Fp(XE);
        h.SetF(2, 1.0);
        h.SetF(3, P2(-60));
        h.Run(Asm.Fadd(1, 2, 3, rc: true));
        Assert.Equal(0xCu, h.CrField(1)); // FX FEX
    }

    // ---- MSR[FE0,FE1] modes ---------------------------------------------------------------------

    /// <summary>PPC440x5 manual §6.5.7: the interrupt occurs whenever MSR[FE0,FE1] is non-zero, so the two imprecise modes are precise on the 440 (SRR0 = the instruction).</summary>
    [Theory]
    [InlineData(0x0800u)] // FE0 only: imprecise recoverable
    [InlineData(0x0100u)] // FE1 only: imprecise non-recoverable
    [InlineData(0x0900u)] // precise
    public void EveryNonZeroFeModeIsPrecise(uint fe)
    {
        using var h = Fp(ZE, CpuHarness.MsrFp | fe);
        h.SetF(1, Marker);
        h.SetF(2, One);
        h.SetF(3, Zero);
        h.RunFor(4, Asm.Nop, Asm.Nop, Asm.Fdiv(1, 2, 3));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase + 8, EsrFp, CpuHarness.MsrFp | fe);
        Assert.Equal(Marker, h.F(1));
    }

    /// <summary>MSR[FE0,FE1]=0 (ignore exceptions): no interrupt, the bits are set and execution goes on.</summary>
    [Fact]
    public void FeZeroTakesNoInterrupt()
    {
        using var h = Fp(VE | ZE);
        h.SetF(2, One);
        h.SetF(3, Zero);
        h.Run(Asm.Fdiv(1, 2, 3), Asm.Fadd(4, 2, 2));
        Assert.Equal(CpuHarness.CodeBase + 8, (uint)h["PC"]);
        Assert.Equal(FX | FEX | ZX | PlusNormal | VE | ZE, h.Fpscr);
        Assert.Equal(0x4000_0000_0000_0000ul, h.F(4));
    }

    /// <summary>PPC440x5 §6.5.7, delayed form: mtmsr turning FE on while FEX=1 → Program interrupt with SRR0 = the next instruction, ESR[PIE].</summary>
    [Fact]
    public void MtmsrEnablingFeWhileFexIsSetTakesTheDelayedInterrupt()
    {
        using var h = Fp(ZE);
        h.SetF(2, One);
        h.SetF(3, Zero);
        h.SetR(5, MsrPrecise);
        h.RunFor(4, Asm.Fdiv(1, 2, 3), Asm.Mtmsr(5), Asm.Nop);
        AssertProgramInterruptAt(h, CpuHarness.CodeBase + 8, EsrFp | EsrPie);
    }

    /// <summary>Delayed form through rfi: SRR0 = the address rfi returned to.</summary>
    [Fact]
    public void RfiEnablingFeWhileFexIsSetTakesTheDelayedInterruptAtTheTarget()
    {
        using var h = Fp(FX | FEX | ZX | ZE);
        h["SRR0"] = 0x2000;
        h["SRR1"] = MsrPrecise;
        h.Write32(0x2000, Asm.Nop);
        h.RunFor(3, Asm.Rfi);
        AssertProgramInterruptAt(h, 0x2000, EsrFp | EsrPie);
    }

    // ---- FPSCR moves that enable an exception ---------------------------------------------------

    /// <summary>mtfsb1 of an exception bit whose enable is set (Book I §4.4: "the Move To FPSCR instructions" may cause an enabled exception): FX, FEX → precise interrupt at mtfsb1.</summary>
    [Fact]
    public void Mtfsb1SettingAnEnabledExceptionBitInterrupts()
    {
        using var h = Fp(ZE, MsrPrecise);
        h.RunFor(3, Asm.Nop, Asm.Mtfsb1(5)); // ZX
        AssertProgramInterruptAt(h, CpuHarness.CodeBase + 4, EsrFp);
        Assert.Equal(FX | FEX | ZX | ZE, h.Fpscr);
    }

    /// <summary>mtfsb1 of an enable bit while its exception bit is set: FEX becomes 1 → interrupt.</summary>
    [Fact]
    public void Mtfsb1SettingAnEnableOfASetExceptionInterrupts()
    {
        using var h = Fp(FX | OX, MsrPrecise);
        h.RunFor(2, Asm.Mtfsb1(25)); // OE
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp);
        Assert.Equal(FX | FEX | OX | OE, h.Fpscr);
    }

    /// <summary>mtfsfi setting VE while VXSNAN is set: VX and FEX recomputed → interrupt.</summary>
    [Fact]
    public void MtfsfiEnablingVeWithVxsnanSetInterrupts()
    {
        using var h = Fp(FX | VX | VXSNAN, MsrPrecise);
        h.RunFor(2, Asm.Mtfsfi(6, 0x8));
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp);
        Assert.Equal(FX | FEX | VX | VXSNAN | VE, h.Fpscr);
    }

    /// <summary>mtfsf. writing UX and UE: FEX=1 → interrupt; Rc=1 → ESR[PCRE], PCRF=1 and CR1 untouched (PPC440x5 §6.5.7).</summary>
    [Fact]
    public void MtfsfRecordFormEnablingAnExceptionInterruptsWithoutCr1()
    {
        using var h = Fp(0, MsrPrecise);
        h.SetF(2, (ulong)(FX | UX | UE));
        h.RunFor(2, Asm.Mtfsf(0xFF, 2) | 1);
        AssertProgramInterruptAt(h, CpuHarness.CodeBase, EsrFp | EsrPcre | 1);
        Assert.Equal(FX | FEX | UX | UE, h.Fpscr);
        Assert.Equal(0u, h.CrField(1));
    }

    /// <summary>With MSR[FE]=0 mtfsb1 just sets the bits; FEX follows the enables.</summary>
    [Fact]
    public void Mtfsb1WithoutFeSetsFex()
    {
        using var h = Fp(XE);
        h.Run(Asm.Mtfsb1(6)); // XX
        Assert.Equal(FX | FEX | XX | XE, h.Fpscr);
        h.Run(Asm.Mtfsb0(28)); // XE off → FEX recomputed to 0
        Assert.Equal(FX | XX, h.Fpscr);
    }

    /// <summary>mcrfs copying field 1 clears UX ZX XX VXSNAN and recomputes FEX and VX.</summary>
    [Fact]
    public void McrfsClearingTheEnabledExceptionRecomputesFexAndVx()
    {
        using var h = Fp(FX | FEX | VX | ZX | VXSNAN | ZE);
        h.Run(Asm.Mcrfs(2, 1));
        Assert.Equal(0x5u, h.CrField(2)); // UX ZX XX VXSNAN = 0 1 0 1
        Assert.Equal(FX | ZE, h.Fpscr);
    }

    private static void RunOp(CpuHarness h, string op, ulong a, ulong b, ulong c)
    {
        h.SetF(2, a);
        h.SetF(3, b);
        h.SetF(4, c);
        uint w = op switch
        {
            "fadd" => Asm.Fadd(1, 2, 3),
            "fadds" => Asm.Fadds(1, 2, 3),
            "fmul" => Asm.Fmul(1, 2, 3),
            "fmuls" => Asm.Fmuls(1, 2, 3),
            "fdiv" => Asm.Fdiv(1, 2, 3),
            "fdivs" => Asm.Fdivs(1, 2, 3),
            "fmadd" => Asm.Fmadd(1, 2, 3, 4),
            "fmadds" => Asm.Fmadds(1, 2, 3, 4),
            "frsp" => Asm.Frsp(1, 3),
            _ => throw new ArgumentException(op),
        };
        h.Run(w);
    }
}
