namespace PpcVirt.Engine.Cpu.Fpu;

/// <summary>
/// The classic PowerPC FPU's arithmetic on IEEE double bit patterns with FPSCR semantics (Power ISA
/// 2.06 Book I chapter 4): NaN propagation order, invalid-operation cases, FPRF, FR/FI/XX, overflow
/// and underflow, and all four FPSCR[RN] rounding modes. The host computes in round-to-nearest; an
/// exact error term (TwoSum, FMA residuals) gives inexactness and the direction to step for the
/// directed modes. Enabled exceptions follow Book I §4.4 whatever MSR[FE0,FE1] is: with VE=1 or
/// ZE=1 an invalid operation or zero divide leaves the target FPR and FPRF unchanged and clears FR and
/// FI (the operation returns <see cref="Suppressed"/>); with OE=1 or UE=1 an overflow or tiny result
/// is delivered exponent-adjusted (<see cref="ScaledResult"/>).
/// </summary>
internal static class FloatingPoint
{
    public const ulong DefaultQNaN = 0x7FF8_0000_0000_0000;

    /// <summary>
    /// Returned instead of a result when an enabled Invalid Operation (VE=1) or Zero Divide (ZE=1)
    /// Exception suppresses the write of the target FPR (Book I §4.4.1, §4.4.2). It is a signaling
    /// NaN bit pattern, which no arithmetic instruction ever delivers (every NaN result is quiet, §4.3.2).
    /// </summary>
    public const ulong Suppressed = 0x7FF4_0000_0000_0000;
    private const ulong SignBit = 0x8000_0000_0000_0000;
    private const ulong QuietBit = 0x0008_0000_0000_0000;
    private const double MinNormal = 2.2250738585072014E-308;
    private const float MinNormalSingle = 1.17549435E-38f;

    public static bool IsNaN(ulong b) => (b & 0x7FF0_0000_0000_0000) == 0x7FF0_0000_0000_0000 && (b & 0x000F_FFFF_FFFF_FFFF) != 0;

    public static bool IsSNaN(ulong b) => IsNaN(b) && (b & QuietBit) == 0;

    public static bool IsInf(ulong b) => (b & ~SignBit) == 0x7FF0_0000_0000_0000;

    private static bool IsZero(ulong b) => (b & ~SignBit) == 0;

    private static double D(ulong b) => BitConverter.UInt64BitsToDouble(b);

    private static ulong B(double d) => BitConverter.DoubleToUInt64Bits(d);

    /// <summary>FPRF class code (C, FL, FG, FE, FU) of a result.</summary>
    public static uint Classify(ulong b, bool single)
    {
        bool neg = (b & SignBit) != 0;
        if (IsNaN(b))
        {
            return 0x11;
        }

        if (IsInf(b))
        {
            return neg ? 0x09u : 0x05u;
        }

        if (IsZero(b))
        {
            return neg ? 0x12u : 0x02u;
        }

        double d = Math.Abs(D(b));
        bool denormal = single ? d < MinNormalSingle : d < MinNormal;
        return denormal ? (neg ? 0x18u : 0x14u) : (neg ? 0x08u : 0x04u);
    }

    private static uint SetFprf(uint fpscr, ulong b, bool single) => (fpscr & ~Fpscr.FPRF) | (Classify(b, single) << 12);

    private static ulong ToSingleNaN(ulong b) => b & 0xFFFF_FFFF_E000_0000;

    /// <summary>The NaN an operation propagates: the first NaN operand in the given order, quieted.</summary>
    private static bool PropagateNaN(ref uint fpscr, out ulong result, bool single, params ReadOnlySpan<ulong> operands)
    {
        bool snan = false;
        ulong first = 0;
        bool found = false;
        foreach (ulong o in operands)
        {
            if (IsSNaN(o))
            {
                snan = true;
            }

            if (!found && IsNaN(o))
            {
                first = o;
                found = true;
            }
        }

        result = 0;
        if (!found)
        {
            return false;
        }

        if (snan)
        {
            fpscr = Fpscr.Raise(fpscr, Fpscr.VXSNAN);
            if ((fpscr & Fpscr.VE) != 0)
            {
                fpscr &= ~(Fpscr.FR | Fpscr.FI);
                result = Suppressed;
                return true;
            }
        }

        result = first | QuietBit;
        if (single)
        {
            result = ToSingleNaN(result);
        }

        fpscr = SetFprf(fpscr & ~(Fpscr.FR | Fpscr.FI), result, single);
        return true;
    }

    /// <summary>An invalid operation: the default QNaN, or with VE=1 no result and FPRF unchanged (§4.4.1).</summary>
    private static ulong Invalid(ref uint fpscr, uint bits)
    {
        fpscr = Fpscr.Raise(fpscr & ~(Fpscr.FR | Fpscr.FI), bits);
        if ((fpscr & Fpscr.VE) != 0)
        {
            return Suppressed;
        }

        fpscr = SetFprf(fpscr, DefaultQNaN, false);
        return DefaultQNaN;
    }

    /// <summary>A zero divide: ±∞ with the given sign, or with ZE=1 no result and FPRF unchanged (§4.4.2).</summary>
    private static ulong ZeroDivide(ref uint fpscr, ulong sign, bool single)
    {
        fpscr = Fpscr.Raise(fpscr & ~(Fpscr.FR | Fpscr.FI), Fpscr.ZX);
        if ((fpscr & Fpscr.ZE) != 0)
        {
            return Suppressed;
        }

        ulong inf = (sign & SignBit) | 0x7FF0_0000_0000_0000;
        fpscr = SetFprf(fpscr, inf, single);
        return inf;
    }

    // ---- rounding ----------------------------------------------------------------------------------

    /// <summary>
    /// Completes an operation whose round-to-nearest double result is <paramref name="r"/> and whose
    /// exact result is r + <paramref name="err"/> (only the sign of err must be exact): applies
    /// FPSCR[RN], single or double format, and sets FR, FI, XX, OX, UX and FPRF.
    /// </summary>
    private static ulong Complete(double r, double err, bool overflowed, bool single, ref uint fpscr)
    {
        int rn = (int)(fpscr & Fpscr.RN);
        fpscr &= ~(Fpscr.FR | Fpscr.FI);
        if (single)
        {
            return CompleteSingle(r, err, overflowed, rn, ref fpscr);
        }

        if (overflowed)
        {
            return Overflow(r > 0, rn, single: false, ref fpscr);
        }

        double exactSign = err;
        bool inexact = err != 0;
        double res = r;
        if (inexact)
        {
            res = Directed(r, err, rn);
        }

        if (double.IsInfinity(res) && !double.IsInfinity(r))
        {
            return Overflow(res > 0, rn, single: false, ref fpscr);
        }

        uint raise = 0;
        if (inexact)
        {
            raise |= Fpscr.XX;
            fpscr |= Fpscr.FI;
            if (RoundedUp(r, res, exactSign, rn))
            {
                fpscr |= Fpscr.FR;
            }

            bool tiny = Math.Abs(r) < MinNormal || (Math.Abs(r) == MinNormal && (err < 0) == (r > 0));
            if (tiny)
            {
                raise |= Fpscr.UX;
            }
        }

        if (raise != 0)
        {
            fpscr = Fpscr.Raise(fpscr, raise);
        }

        ulong bits = B(res);
        fpscr = SetFprf(fpscr, bits, false);
        return bits;
    }

    private static double Directed(double r, double err, int rn) => rn switch
    {
        1 when r != 0 && (err < 0) == (r > 0) => r > 0 ? Math.BitDecrement(r) : Math.BitIncrement(r),
        2 when err > 0 => Math.BitIncrement(r),
        3 when err < 0 => Math.BitDecrement(r),
        _ => r,
    };

    private static float DirectedSingle(float f, double err, int rn) => rn switch
    {
        1 when f != 0 && (err < 0) == (f > 0) => f > 0 ? MathF.BitDecrement(f) : MathF.BitIncrement(f),
        2 when err > 0 => MathF.BitIncrement(f),
        3 when err < 0 => MathF.BitDecrement(f),
        _ => f,
    };

    /// <summary>FR: the fraction was incremented, i.e. |result| &gt; |exact|.</summary>
    private static bool RoundedUp(double nearest, double result, double err, int rn)
    {
        if (result == nearest)
        {
            return nearest != 0 && (err < 0) == (nearest > 0);
        }

        return (rn == 2 && result > 0) || (rn == 3 && result < 0);
    }

    private static ulong Overflow(bool positive, int rn, bool single, ref uint fpscr)
    {
        fpscr = Fpscr.Raise(fpscr, Fpscr.OX | Fpscr.XX);
        fpscr |= Fpscr.FI;
        bool toInf = rn == 0 || (rn == 2 && positive) || (rn == 3 && !positive);
        double v = toInf ? double.PositiveInfinity : (single ? float.MaxValue : double.MaxValue);
        if (!positive)
        {
            v = -v;
        }

        ulong bits = B(v);
        if (toInf)
        {
            fpscr |= Fpscr.FR;
        }

        fpscr = SetFprf(fpscr, bits, single);
        return bits;
    }

    private static ulong CompleteSingle(double r, double err, bool overflowed, int rn, ref uint fpscr)
    {
        if (overflowed)
        {
            return Overflow(r > 0, rn, single: true, ref fpscr);
        }

        if (double.IsInfinity(r))
        {
            ulong inf = B(r);
            fpscr = SetFprf(fpscr, inf, true);
            return inf;
        }

        float f = (float)r;
        if (err != 0 && !float.IsInfinity(f))
        {
            float other = (double)f < r ? MathF.BitIncrement(f) : MathF.BitDecrement(f);
            if ((double)f != r && (double)f + (double)other == 2 * r)
            {
                // r sits exactly between two singles: the error term decides, not ties-to-even.
                f = (float)(err > 0 ? Math.BitIncrement(r) : Math.BitDecrement(r));
            }
        }

        double total = float.IsInfinity(f) ? 0 : (r - f) + err;
        if (total == 0 && (r - f) == 0)
        {
            total = err;
        }

        bool inexact = total != 0 || float.IsInfinity(f);
        if (float.IsInfinity(f))
        {
            return Overflow(r > 0, rn, single: true, ref fpscr);
        }

        float res = inexact ? DirectedSingle(f, total, rn) : f;
        if (float.IsInfinity(res))
        {
            return Overflow(res > 0, rn, single: true, ref fpscr);
        }

        uint raise = 0;
        if (inexact)
        {
            raise |= Fpscr.XX;
            fpscr |= Fpscr.FI;
            bool up = res == f ? f != 0 && (total < 0) == (f > 0) : (rn == 2 && res > 0) || (rn == 3 && res < 0);
            if (up)
            {
                fpscr |= Fpscr.FR;
            }

            double exactAbs = Math.Abs(r + err);
            if (Math.Abs(r) < MinNormalSingle || (Math.Abs(r) == MinNormalSingle && (err < 0) == (r > 0)) || exactAbs < MinNormalSingle)
            {
                raise |= Fpscr.UX;
            }
        }

        if (raise != 0)
        {
            fpscr = Fpscr.Raise(fpscr, raise);
        }

        ulong bits = B(res);
        fpscr = SetFprf(fpscr, bits, true);
        return bits;
    }

    // ---- operations -----------------------------------------------------------------------------

    /// <summary>fadd/fsub(s): a + (negate ? −b : b).</summary>
    public static ulong Add(ulong a, ulong b, bool negate, bool single, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, single, a, b))
        {
            return nan;
        }

        if (negate)
        {
            b ^= SignBit;
        }

        double x = D(a), y = D(b);
        if (double.IsInfinity(x) && double.IsInfinity(y) && ((a ^ b) & SignBit) != 0)
        {
            return Invalid(ref fpscr, Fpscr.VXISI);
        }

        double r = x + y;
        double err = 0;
        bool overflowed = double.IsInfinity(r) && !double.IsInfinity(x) && !double.IsInfinity(y);
        if (!double.IsInfinity(r))
        {
            double bb = r - x;
            err = (x - (r - bb)) + (y - bb);
        }

        if (r == 0 && err == 0)
        {
            // Exact zero sum: +0 except when rounding toward −∞ (or both operands −0).
            bool bothNegative = (a & SignBit) != 0 && (b & SignBit) != 0;
            bool bothPositive = (a & SignBit) == 0 && (b & SignBit) == 0;
            r = bothNegative || ((fpscr & Fpscr.RN) == 3 && !bothPositive) ? -0.0 : 0.0;
        }

        if (ScaledResult.Near(r, overflowed, single, fpscr) && ScaledResult.Add(x, y, single, ref fpscr, out ulong scaled))
        {
            return scaled;
        }

        return Complete(r, err, overflowed, single, ref fpscr);
    }

    /// <summary>fmul(s): a × c.</summary>
    public static ulong Multiply(ulong a, ulong c, bool single, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, single, a, c))
        {
            return nan;
        }

        double x = D(a), y = D(c);
        if ((double.IsInfinity(x) && y == 0) || (x == 0 && double.IsInfinity(y)))
        {
            return Invalid(ref fpscr, Fpscr.VXIMZ);
        }

        double r = x * y;
        bool overflowed = double.IsInfinity(r) && !double.IsInfinity(x) && !double.IsInfinity(y);
        double err = double.IsInfinity(r) ? 0 : Math.FusedMultiplyAdd(x, y, -r);
        if (err == 0 && x != 0 && y != 0 && !double.IsInfinity(x) && !double.IsInfinity(y) && Math.Abs(r) < MinNormal * 4)
        {
            err = Math.Sign(ResidualTiny(x, y, r)) * double.Epsilon;
        }

        if (ScaledResult.Near(r, overflowed, single, fpscr) && ScaledResult.Multiply(x, y, single, ref fpscr, out ulong scaled))
        {
            return scaled;
        }

        return Complete(r, err, overflowed, single, ref fpscr);
    }

    /// <summary>Residual of a product near the underflow range, where FMA's residual itself underflows: scale and redo.</summary>
    private static double ResidualTiny(double x, double y, double r)
    {
        double xs = Math.ScaleB(x, 500), ys = Math.ScaleB(y, 500);
        double rs = Math.ScaleB(r, 1000);
        double e = Math.FusedMultiplyAdd(xs, ys, -rs);
        return e;
    }

    /// <summary>fdiv(s): a ÷ b.</summary>
    public static ulong Divide(ulong a, ulong b, bool single, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, single, a, b))
        {
            return nan;
        }

        double x = D(a), y = D(b);
        if (double.IsInfinity(x) && double.IsInfinity(y))
        {
            return Invalid(ref fpscr, Fpscr.VXIDI);
        }

        if (x == 0 && y == 0)
        {
            return Invalid(ref fpscr, Fpscr.VXZDZ);
        }

        if (y == 0 && !double.IsInfinity(x))
        {
            return ZeroDivide(ref fpscr, a ^ b, single);
        }

        double r = x / y;
        bool overflowed = double.IsInfinity(r) && !double.IsInfinity(x);
        double err = 0;
        if (!double.IsInfinity(r) && r != 0 && !double.IsInfinity(y))
        {
            double rem = Math.FusedMultiplyAdd(-r, y, x);
            if (rem == 0 && ScaledResult.SmallDividend(x))
            {
                double rs = Math.ScaleB(r, 200);
                rem = Math.FusedMultiplyAdd(-rs, y, Math.ScaleB(x, 200));
            }

            err = rem == 0 ? 0 : ((rem > 0) == (y > 0) ? 1 : -1) * double.Epsilon;
        }
        else if (r == 0 && x != 0 && !double.IsInfinity(y))
        {
            err = ((x > 0) == (y > 0) ? 1 : -1) * double.Epsilon;
        }

        if (ScaledResult.Near(r, overflowed, single, fpscr) && ScaledResult.Divide(x, y, single, ref fpscr, out ulong scaled))
        {
            return scaled;
        }

        return Complete(r, err, overflowed, single, ref fpscr);
    }

    /// <summary>fsqrt(s).</summary>
    public static ulong SquareRoot(ulong b, bool single, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, single, b))
        {
            return nan;
        }

        double x = D(b);
        if (x < 0 || (double.IsNegativeInfinity(x)))
        {
            return Invalid(ref fpscr, Fpscr.VXSQRT);
        }

        double r = Math.Sqrt(x);
        double err = 0;
        if (!double.IsInfinity(r) && r != 0)
        {
            double rem = Math.FusedMultiplyAdd(-r, r, x);
            err = rem == 0 ? 0 : (rem > 0 ? 1 : -1) * double.Epsilon;
        }

        return Complete(r, err, false, single, ref fpscr);
    }

    /// <summary>fmadd/fmsub/fnmadd/fnmsub(s): ±((a × c) ± b).</summary>
    public static ulong MultiplyAdd(ulong a, ulong c, ulong b, bool subtract, bool negate, bool single, ref uint fpscr)
    {
        if (IsSNaN(b) && !IsNaN(a) && !IsNaN(c) && ((IsInf(a) && IsZero(c)) || (IsZero(a) && IsInf(c))))
        {
            // ∞ × 0 with an SNaN addend sets VXIMZ as well as VXSNAN (§4.4, the cases that set two exception bits).
            fpscr = Fpscr.Raise(fpscr, Fpscr.VXIMZ);
        }

        if (PropagateNaN(ref fpscr, out ulong nan, single, a, b, c))
        {
            return nan;
        }

        double x = D(a), y = D(c), z = D(subtract ? b ^ SignBit : b);
        if ((double.IsInfinity(x) && y == 0) || (x == 0 && double.IsInfinity(y)))
        {
            return Invalid(ref fpscr, Fpscr.VXIMZ);
        }

        double p = x * y;
        if (double.IsInfinity(p) && double.IsInfinity(z) && (p > 0) != (z > 0) && (double.IsInfinity(x) || double.IsInfinity(y)))
        {
            return Invalid(ref fpscr, Fpscr.VXISI);
        }

        double r = Math.FusedMultiplyAdd(x, y, z);
        bool overflowed = double.IsInfinity(r) && !double.IsInfinity(x) && !double.IsInfinity(y) && !double.IsInfinity(z);
        double err = 0;
        if (!double.IsInfinity(r))
        {
            double ph = x * y;
            double pl = double.IsInfinity(ph) ? 0 : Math.FusedMultiplyAdd(x, y, -ph);
            double s = ph + z;
            double bb = s - ph;
            double e1 = (ph - (s - bb)) + (z - bb);
            double d = s - r;
            err = d + e1 + pl;
            if (double.IsNaN(err))
            {
                err = 0;
            }
        }

        if (r == 0 && err == 0)
        {
            bool negZero = (fpscr & Fpscr.RN) == 3;
            if ((B(x * y) & SignBit) != 0 && (B(z) & SignBit) != 0)
            {
                negZero = true;
            }

            r = negZero ? -0.0 : 0.0;
        }

        bool exactPath = ScaledResult.Near(r, overflowed, single, fpscr) || ScaledResult.ProductOutOfRange(x, y);
        if (!exactPath || !ScaledResult.MultiplyAdd(x, y, z, single, ref fpscr, out ulong bits))
        {
            bits = Complete(r, err, overflowed, single, ref fpscr);
        }

        if (negate && !IsNaN(bits))
        {
            bits ^= SignBit;
            fpscr = SetFprf(fpscr, bits, single);
        }

        return bits;
    }

    /// <summary>frsp: rounds to single precision with FPSCR[RN].</summary>
    public static ulong RoundToSingle(ulong b, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, true, b))
        {
            return nan;
        }

        double x = D(b);
        if (ScaledResult.Near(x, false, true, fpscr) && ScaledResult.RoundToSingle(x, ref fpscr, out ulong scaled))
        {
            return scaled;
        }

        return Complete(x, 0, false, single: true, ref fpscr);
    }

    /// <summary>fctiw/fctiwz: converts to a signed 32-bit integer in FRT[32:63] (FRT[0:31] = 0xFFF80000 as on POWER implementations and QEMU; the ISA leaves them undefined).</summary>
    public static ulong ConvertToInt32(ulong b, bool truncate, ref uint fpscr)
    {
        fpscr &= ~(Fpscr.FR | Fpscr.FI);
        double x = D(b);
        int rn = truncate ? 1 : (int)(fpscr & Fpscr.RN);
        if (IsNaN(b))
        {
            fpscr = Fpscr.Raise(fpscr, Fpscr.VXCVI | (IsSNaN(b) ? Fpscr.VXSNAN : 0));
            return InvalidConvert(fpscr, 0x8000_0000);
        }

        double rounded = rn switch
        {
            0 => Math.Round(x, MidpointRounding.ToEven),
            1 => Math.Truncate(x),
            2 => Math.Ceiling(x),
            _ => Math.Floor(x),
        };
        if (rounded > int.MaxValue)
        {
            fpscr = Fpscr.Raise(fpscr, Fpscr.VXCVI);
            return InvalidConvert(fpscr, 0x7FFF_FFFF);
        }

        if (rounded < int.MinValue)
        {
            fpscr = Fpscr.Raise(fpscr, Fpscr.VXCVI);
            return InvalidConvert(fpscr, 0x8000_0000);
        }

        if (rounded != x)
        {
            fpscr |= Fpscr.FI;
            if (Math.Abs(rounded) > Math.Abs(x))
            {
                fpscr |= Fpscr.FR;
            }

            fpscr = Fpscr.Raise(fpscr, Fpscr.XX);
        }

        return Int32Result((uint)(int)rounded);
    }

    private static ulong Int32Result(uint v) => 0xFFF8_0000_0000_0000UL | v;

    /// <summary>An invalid integer conversion: the saturated value, or with VE=1 no result (§4.4.1; FR and FI are already 0).</summary>
    private static ulong InvalidConvert(uint fpscr, uint saturated) => (fpscr & Fpscr.VE) != 0 ? Suppressed : Int32Result(saturated);

    /// <summary>fres: single-precision reciprocal estimate (computed exactly, which the estimate's accuracy bound allows).</summary>
    public static ulong ReciprocalEstimate(ulong b, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, true, b))
        {
            return nan;
        }

        double x = D(b);
        if (x == 0)
        {
            return ZeroDivide(ref fpscr, b, true);
        }

        return Divide(B(1.0), b, single: true, ref fpscr);
    }

    /// <summary>frsqrte: reciprocal square root estimate (computed as 1/√x rounded to double).</summary>
    public static ulong ReciprocalSquareRootEstimate(ulong b, ref uint fpscr)
    {
        if (PropagateNaN(ref fpscr, out ulong nan, false, b))
        {
            return nan;
        }

        double x = D(b);
        if (x < 0 && x != 0)
        {
            return Invalid(ref fpscr, Fpscr.VXSQRT);
        }

        if (x == 0)
        {
            return ZeroDivide(ref fpscr, b, false);
        }

        ulong root = SquareRoot(b, false, ref fpscr);
        return Divide(B(1.0), root, false, ref fpscr);
    }

    /// <summary>fcmpu/fcmpo: returns the 4-bit FPCC (FL FG FE FU) and updates FPSCR[FPCC] and the invalid bits.</summary>
    public static uint Compare(ulong a, ulong b, bool ordered, ref uint fpscr)
    {
        uint cc;
        if (IsNaN(a) || IsNaN(b))
        {
            cc = 1;
            uint raise = 0;
            if (IsSNaN(a) || IsSNaN(b))
            {
                raise |= Fpscr.VXSNAN;
                if (ordered && (fpscr & Fpscr.VE) == 0)
                {
                    raise |= Fpscr.VXVC;
                }
            }
            else if (ordered)
            {
                raise |= Fpscr.VXVC;
            }

            if (raise != 0)
            {
                fpscr = Fpscr.Raise(fpscr, raise);
            }
        }
        else
        {
            double x = D(a), y = D(b);
            cc = x < y ? 8u : x > y ? 4u : 2u;
        }

        fpscr = (fpscr & ~Fpscr.FPCC) | (cc << 12);
        return cc;
    }

    /// <summary>lfs: single → double format conversion (exact, SNaN preserved; Power ISA Book I §4.6.2).</summary>
    public static ulong SingleToDouble(uint w)
    {
        uint exp = (w >> 23) & 0xFF;
        ulong sign = (ulong)(w >> 31) << 63;
        ulong frac = w & 0x7F_FFFF;
        if (exp == 0xFF)
        {
            return sign | 0x7FF0_0000_0000_0000 | (frac << 29);
        }

        if (exp == 0)
        {
            if (frac == 0)
            {
                return sign;
            }

            return sign | (B(frac * Math.ScaleB(1.0, -149)) & ~SignBit);
        }

        return sign | ((ulong)(exp - 127 + 1023) << 52) | (frac << 29);
    }

    /// <summary>stfs: double → single format by bit selection (no rounding; Power ISA Book I §4.6.3).</summary>
    public static uint DoubleToSingle(ulong b)
    {
        int exp = (int)((b >> 52) & 0x7FF);
        uint sign = (uint)(b >> 63) << 31;
        if (exp > 896 || exp == 0x7FF)
        {
            return (uint)((b >> 32) & 0xC000_0000) | (uint)((b >> 29) & 0x3FFF_FFFF);
        }

        if (exp >= 874)
        {
            ulong m = (1UL << 52) | (b & 0x000F_FFFF_FFFF_FFFF);
            int shift = 29 + (897 - exp);
            return sign | (uint)((m >> shift) & 0x7F_FFFF);
        }

        return sign | (BitConverter.SingleToUInt32Bits((float)D(b)) & 0x7FFF_FFFF);
    }
}
