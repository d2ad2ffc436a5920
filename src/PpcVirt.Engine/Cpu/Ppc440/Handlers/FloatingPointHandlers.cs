using PpcVirt.Engine.Cpu.Fpu;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Classic FPU instructions of the 440FP (Power ISA 2.06 Book I chapter 4): loads/stores, arithmetic, conversions, compares, moves and FPSCR access.</summary>
internal static unsafe class FloatingPointHandlers
{
    private static uint EaD(Ppc440State* s, uint w) => (Ra(w) == 0 ? 0 : s->Gpr[Ra(w)]) + Simm(w);

    private static uint EaX(Ppc440State* s, uint w) => (Ra(w) == 0 ? 0 : s->Gpr[Ra(w)]) + s->Gpr[Rb(w)];

    /// <summary>
    /// Commits an arithmetic instruction: FPSCR, then FRT unless an enabled invalid operation or zero
    /// divide suppressed it (<see cref="FloatingPoint.Suppressed"/>), then either the precise
    /// Floating-Point Enabled Program interrupt (FEX=1, MSR[FE0,FE1] ≠ 0) or, for Rc=1, CR1.
    /// </summary>
    private static void Result(Ppc440Core c, uint w, ulong value, uint fpscr)
    {
        Ppc440State* s = c.S;
        s->Fpscr = fpscr;
        if (value != FloatingPoint.Suppressed)
        {
            s->Fpr[Rt(w)] = value;
        }

        FpscrWritten(c, w);
    }

    /// <summary>After an instruction changed FPSCR: the enabled-exception Program interrupt, or else CR1 for Rc=1.</summary>
    private static void FpscrWritten(Ppc440Core c, uint w)
    {
        if (!c.FpEnabledException(Record(w) ? 1 : -1, compare: false))
        {
            Cr1(c, w);
        }
    }

    private static void Cr1(Ppc440Core c, uint w)
    {
        if (Record(w))
        {
            Ppc440State* s = c.S;
            s->Cr = (s->Cr & 0xF0FF_FFFF) | ((s->Fpscr >> 28) << 24);
        }
    }

    private static ulong F(Ppc440State* s, int r) => s->Fpr[r];

    // ---- loads and stores ------------------------------------------------------------------------

    public static void Lfs(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = FloatingPoint.SingleToDouble(c.Load32(EaD(s, w))); }

    public static void Lfsu(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + Simm(w); ulong v = FloatingPoint.SingleToDouble(c.Load32(ea)); s->Fpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lfsx(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = FloatingPoint.SingleToDouble(c.Load32(EaX(s, w))); }

    public static void Lfsux(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + s->Gpr[Rb(w)]; ulong v = FloatingPoint.SingleToDouble(c.Load32(ea)); s->Fpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lfd(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = c.Load64(EaD(s, w)); }

    public static void Lfdu(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + Simm(w); ulong v = c.Load64(ea); s->Fpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lfdx(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = c.Load64(EaX(s, w)); }

    public static void Lfdux(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + s->Gpr[Rb(w)]; ulong v = c.Load64(ea); s->Fpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Stfs(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; c.Store32(EaD(s, w), FloatingPoint.DoubleToSingle(F(s, Rt(w)))); }

    public static void Stfsu(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + Simm(w); c.Store32(ea, FloatingPoint.DoubleToSingle(F(s, Rt(w)))); s->Gpr[Ra(w)] = ea; }

    public static void Stfsx(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; c.Store32(EaX(s, w), FloatingPoint.DoubleToSingle(F(s, Rt(w)))); }

    public static void Stfsux(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + s->Gpr[Rb(w)]; c.Store32(ea, FloatingPoint.DoubleToSingle(F(s, Rt(w)))); s->Gpr[Ra(w)] = ea; }

    public static void Stfd(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; c.Store64(EaD(s, w), F(s, Rt(w))); }

    public static void Stfdu(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + Simm(w); c.Store64(ea, F(s, Rt(w))); s->Gpr[Ra(w)] = ea; }

    public static void Stfdx(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; c.Store64(EaX(s, w), F(s, Rt(w))); }

    public static void Stfdux(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint ea = s->Gpr[Ra(w)] + s->Gpr[Rb(w)]; c.Store64(ea, F(s, Rt(w))); s->Gpr[Ra(w)] = ea; }

    public static void Stfiwx(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; c.Store32(EaX(s, w), (uint)F(s, Rt(w))); }

    // ---- arithmetic -----------------------------------------------------------------------------

    private static bool Single(uint w) => (w >> 26) == 59;

    public static void Fadd(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.Add(F(s, Ra(w)), F(s, Rb(w)), false, Single(w), ref f); Result(c, w, r, f); }

    public static void Fsub(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.Add(F(s, Ra(w)), F(s, Rb(w)), true, Single(w), ref f); Result(c, w, r, f); }

    public static void Fmul(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.Multiply(F(s, Ra(w)), F(s, Rc(w)), Single(w), ref f); Result(c, w, r, f); }

    public static void Fdiv(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.Divide(F(s, Ra(w)), F(s, Rb(w)), Single(w), ref f); Result(c, w, r, f); }

    public static void Fsqrt(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.SquareRoot(F(s, Rb(w)), Single(w), ref f); Result(c, w, r, f); }

    public static void Fmadd(Ppc440Core c, uint w) => MulAdd(c, w, false, false);

    public static void Fmsub(Ppc440Core c, uint w) => MulAdd(c, w, true, false);

    public static void Fnmadd(Ppc440Core c, uint w) => MulAdd(c, w, false, true);

    public static void Fnmsub(Ppc440Core c, uint w) => MulAdd(c, w, true, true);

    private static void MulAdd(Ppc440Core c, uint w, bool subtract, bool negate)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        uint f = s->Fpscr;
        ulong r = FloatingPoint.MultiplyAdd(F(s, Ra(w)), F(s, Rc(w)), F(s, Rb(w)), subtract, negate, Single(w), ref f);
        Result(c, w, r, f);
    }

    public static void Frsp(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.RoundToSingle(F(s, Rb(w)), ref f); Result(c, w, r, f); }

    public static void Fctiw(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.ConvertToInt32(F(s, Rb(w)), false, ref f); Result(c, w, r, f); }

    public static void Fctiwz(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.ConvertToInt32(F(s, Rb(w)), true, ref f); Result(c, w, r, f); }

    public static void Fres(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.ReciprocalEstimate(F(s, Rb(w)), ref f); Result(c, w, r, f); }

    public static void Frsqrte(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; uint f = s->Fpscr; ulong r = FloatingPoint.ReciprocalSquareRootEstimate(F(s, Rb(w)), ref f); Result(c, w, r, f); }

    public static void Fsel(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        ulong a = F(s, Ra(w));
        double d = BitConverter.UInt64BitsToDouble(a);
        s->Fpr[Rt(w)] = !FloatingPoint.IsNaN(a) && d >= 0.0 ? F(s, Rc(w)) : F(s, Rb(w));
        Cr1(c, w);
    }

    // ---- moves ----------------------------------------------------------------------------------

    public static void Fmr(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = F(s, Rb(w)); Cr1(c, w); }

    public static void Fneg(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = F(s, Rb(w)) ^ 0x8000_0000_0000_0000; Cr1(c, w); }

    public static void Fabs(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = F(s, Rb(w)) & ~0x8000_0000_0000_0000; Cr1(c, w); }

    public static void Fnabs(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = F(s, Rb(w)) | 0x8000_0000_0000_0000; Cr1(c, w); }

    // ---- compare --------------------------------------------------------------------------------

    private static void Compare(Ppc440Core c, uint w, bool ordered)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        uint f = s->Fpscr;
        uint cc = FloatingPoint.Compare(F(s, Ra(w)), F(s, Rb(w)), ordered, ref f);
        s->Fpscr = f;
        if (c.FpEnabledException(CrfD(w), compare: true))
        {
            return;
        }

        int shift = 28 - (4 * CrfD(w));
        s->Cr = (s->Cr & ~(0xFu << shift)) | (cc << shift);
    }

    public static void Fcmpu(Ppc440Core c, uint w) => Compare(c, w, false);

    public static void Fcmpo(Ppc440Core c, uint w) => Compare(c, w, true);

    // ---- FPSCR ----------------------------------------------------------------------------------

    public static void Mffs(Ppc440Core c, uint w) { c.RequireFp(); Ppc440State* s = c.S; s->Fpr[Rt(w)] = s->Fpscr; Cr1(c, w); }

    public static void Mtfsf(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        uint flm = (w >> 17) & 0xFF;
        uint mask = 0;
        for (int i = 0; i < 8; i++)
        {
            if ((flm & (0x80u >> i)) != 0)
            {
                mask |= 0xF000_0000u >> (4 * i);
            }
        }

        uint v = (uint)F(s, Rb(w));
        s->Fpscr = Fpscr.Summarize((s->Fpscr & ~mask) | (v & mask & ~(Fpscr.FEX | Fpscr.VX)));
        FpscrWritten(c, w);
    }

    public static void Mtfsfi(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        int bf = CrfD(w);
        uint u = (w >> 12) & 0xF;
        int shift = 28 - (4 * bf);
        uint mask = 0xFu << shift;
        if (bf == 0)
        {
            mask &= ~(Fpscr.FEX | Fpscr.VX);
        }

        s->Fpscr = Fpscr.Summarize((s->Fpscr & ~mask) | ((u << shift) & mask));
        FpscrWritten(c, w);
    }

    public static void Mtfsb0(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        uint bit = 0x8000_0000u >> Rt(w);
        if ((bit & (Fpscr.FEX | Fpscr.VX)) == 0)
        {
            s->Fpscr = Fpscr.Summarize(s->Fpscr & ~bit);
        }

        FpscrWritten(c, w);
    }

    public static void Mtfsb1(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        uint bit = 0x8000_0000u >> Rt(w);
        if ((bit & (Fpscr.FEX | Fpscr.VX)) == 0)
        {
            s->Fpscr = (bit & Fpscr.AllExceptions) != 0 ? Fpscr.Raise(s->Fpscr, bit) : Fpscr.Summarize(s->Fpscr | bit);
        }

        FpscrWritten(c, w);
    }

    public static void Mcrfs(Ppc440Core c, uint w)
    {
        c.RequireFp();
        Ppc440State* s = c.S;
        int shiftS = 28 - (4 * CrfS(w));
        uint field = (s->Fpscr >> shiftS) & 0xF;
        int shiftD = 28 - (4 * CrfD(w));
        s->Cr = (s->Cr & ~(0xFu << shiftD)) | (field << shiftD);
        uint clear = (0xFu << shiftS) & (Fpscr.FX | Fpscr.AllExceptions);
        s->Fpscr = Fpscr.Summarize(s->Fpscr & ~clear);
    }
}
