namespace PpcVirt.Engine.Cpu.Fpu;

/// <summary>
/// Exact completion of results at the format's limits. Above all the results of an <em>enabled</em>
/// Overflow or Underflow Exception (Power ISA 2.06 Book I §4.4.4, §4.4.5): the exponent of the
/// normalized intermediate result is adjusted by −1536 (overflow) or +1536 (underflow) for
/// double-precision operations and by ∓192 for single-precision operations and frsp, and the result
/// is rounded to the target precision (never denormalized). OX or UX is set; XX only if that
/// rounding is inexact (§4.4.6); FR and FI describe that rounding; FPRF classifies the adjusted
/// result. Also the results near the limits that the host's error terms cannot round exactly:
/// in-range results there, and disabled tiny results, denormalized (§4.3.4) and rounded here.
/// </summary>
/// <remarks>
/// Each operation first describes its exact result as <c>(hi + lo) × 2^e</c>: <c>hi</c> is a normal
/// double equal to the exact value × 2^−e rounded to nearest (53 bits) and only the sign of
/// <c>lo</c> (exact − hi) is kept. Operands are normalized or scaled by powers of two (exact), so the
/// intermediate never leaves the double range. Only reached when <see cref="Near"/> (or, for
/// multiply-add, <see cref="ProductOutOfRange"/>) says so; allocation-free.
/// </remarks>
internal static class ScaledResult
{
    private static readonly double Sticky = Math.ScaleB(1.0, -930);
    private static readonly double HugeDouble = Math.ScaleB(1.0, 1023), HugeSingle = Math.ScaleB(1.0, 127);
    private static readonly double SmallDouble = Math.ScaleB(1.0, -968), TinySingle = Math.ScaleB(1.0, -125);

    /// <summary>
    /// Whether the round-to-nearest host result <paramref name="r"/> is close enough to the format's
    /// limits that the exact path must decide: an enabled overflow (OE=1) or underflow (UE=1) may
    /// occur, or a directed rounding mode may keep a value that overflowed in round-to-nearest finite
    /// (overflow is judged on the result rounded with FPSCR[RN] and an unbounded exponent, §4.4.4),
    /// or a single-precision result near 2^128 may sit on a tie the double result hides.
    /// Double results below 2^−968 always take the exact path: there the host's error terms (FMA
    /// residuals of products, quotients and multiply-adds) can themselves underflow and lose the
    /// inexactness and the rounding direction.
    /// </summary>
    public static bool Near(double r, bool overflowed, bool single, uint fpscr)
    {
        double a = Math.Abs(r);
        bool huge = overflowed || a >= (single ? HugeSingle : HugeDouble);
        if (huge)
        {
            // Double round-to-nearest overflow is exact on the host; a single-precision result is
            // rounded twice there (to double, then to single), which can misjudge a tie at 2^128.
            return single || (fpscr & (Fpscr.OE | Fpscr.RN)) != 0;
        }

        return single ? (fpscr & Fpscr.UE) != 0 && a < TinySingle : a < SmallDouble;
    }

    /// <summary>Whether a multiply-add's product is so large or so small (non-zero) that the host's product residual is lost, so that the exact path must complete the operation.</summary>
    public static bool ProductOutOfRange(double x, double y)
    {
        double p = Math.Abs(x * y);
        return p >= HugeDouble || (p < SmallDouble && x != 0 && y != 0);
    }

    /// <summary>Whether a dividend is so small that the host's remainder x − q × y can underflow.</summary>
    public static bool SmallDividend(double x) => Math.Abs(x) < SmallDouble;

    /// <summary>a × c for finite operands.</summary>
    public static bool Multiply(double x, double y, bool single, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (x == 0 || y == 0 || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return false;
        }

        double mx = Normalize(x, out int ex), my = Normalize(y, out int ey);
        double hi = mx * my;
        double lo = Math.FusedMultiplyAdd(mx, my, -hi);
        return Finish(hi, Math.Sign(lo), ex + ey, single, ref fpscr, out result);
    }

    /// <summary>a ÷ b for finite non-zero operands.</summary>
    public static bool Divide(double x, double y, bool single, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (x == 0 || y == 0 || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return false;
        }

        double mx = Normalize(x, out int ex), my = Normalize(y, out int ey);
        double hi = mx / my;
        double rem = Math.FusedMultiplyAdd(-hi, my, mx);
        return Finish(hi, Math.Sign(rem) * Math.Sign(my), ex - ey, single, ref fpscr, out result);
    }

    /// <summary>a + b for finite operands (b already negated for subtraction).</summary>
    public static bool Add(double x, double y, bool single, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (!double.IsFinite(x) || !double.IsFinite(y) || (x == 0 && y == 0))
        {
            return false;
        }

        if (x == 0 || y == 0)
        {
            double m = Normalize(x == 0 ? y : x, out int e0);
            return Finish(m, 0, e0, single, ref fpscr, out result);
        }

        int e = Math.Max(Math.ILogB(x), Math.ILogB(y));
        double xs = Shift(x, e), ys = Shift(y, e);
        double hi = xs + ys;
        if (hi == 0)
        {
            return false;
        }

        double bb = hi - xs;
        double lo = (xs - (hi - bb)) + (ys - bb);
        return Finish(hi, Math.Sign(lo), e, single, ref fpscr, out result);
    }

    /// <summary>a × c + b for finite operands (b already negated for the subtract forms; the result is not yet negated for fnmadd/fnmsub).</summary>
    public static bool MultiplyAdd(double x, double y, double z, bool single, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
        {
            return false;
        }

        if (x == 0 || y == 0)
        {
            return Add(0, z, single, ref fpscr, out result);
        }

        if (z == 0)
        {
            return Multiply(x, y, single, ref fpscr, out result);
        }

        double mx = Normalize(x, out int ex), my = Normalize(y, out int ey), mz = Normalize(z, out int ez);
        int ep = ex + ey;
        int e = Math.Max(ep, ez);
        double px = mx, py = Shift(my, e - ep), zs = Shift(mz, e - ez);
        double hi = Math.FusedMultiplyAdd(px, py, zs);
        if (hi == 0)
        {
            return false;
        }

        double ph = px * py;
        double pl = Math.FusedMultiplyAdd(px, py, -ph);
        return Finish(hi, SignOfSum(ph, pl, zs, -hi), e, single, ref fpscr, out result);
    }

    /// <summary>frsp of a finite non-zero operand.</summary>
    public static bool RoundToSingle(double x, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (x == 0 || !double.IsFinite(x))
        {
            return false;
        }

        double m = Normalize(x, out int e);
        return Finish(m, 0, e, single: true, ref fpscr, out result);
    }

    /// <summary>
    /// Completes the operation from its exact intermediate (hi + lo) × 2^e: an enabled Overflow
    /// (OE=1) or Underflow (UE=1) Exception delivers the adjusted rounded result; a result that is
    /// neither an overflow nor tiny is delivered as rounded. Returns false (FPSCR untouched) for a
    /// disabled overflow or a disabled tiny result, which the ordinary path completes (infinity or
    /// largest number by RN, or the denormalized result).
    /// </summary>
    private static bool Finish(double hi, int loSign, int e, bool single, ref uint fpscr, out ulong result)
    {
        result = 0;
        int emin = single ? -126 : -1022, emax = single ? 127 : 1023, adjust = single ? 192 : 1536;
        int k = Math.ILogB(hi) + e;
        bool exactBelowHiInMagnitude = loSign != 0 && (loSign < 0) == (hi > 0);
        bool tiny = k < emin || (k == emin && IsPowerOfTwo(hi) && exactBelowHiInMagnitude);
        int rn = (int)(fpscr & Fpscr.RN);
        double m = Round(hi, loSign, single, rn, out bool inexact, out bool incremented);
        bool overflow = Math.ILogB(m) + e > emax;
        uint raise;
        if (overflow && (fpscr & Fpscr.OE) != 0)
        {
            m = Math.ScaleB(m, e - adjust);
            raise = Fpscr.OX;
        }
        else if (tiny && !overflow && (fpscr & Fpscr.UE) != 0)
        {
            m = Math.ScaleB(m, e + adjust);
            raise = Fpscr.UX;
        }
        else if (!overflow && !tiny)
        {
            m = Math.ScaleB(m, e);
            raise = 0;
        }
        else if (tiny)
        {
            m = Denormalize(hi, loSign, e, single, rn, out inexact, out incremented);
            raise = inexact ? Fpscr.UX : 0; // disabled: underflow = tiny and loss of accuracy (§4.4.5)
        }
        else
        {
            return false;
        }

        fpscr &= ~(Fpscr.FR | Fpscr.FI);
        if (inexact)
        {
            raise |= Fpscr.XX;
            fpscr |= Fpscr.FI;
            if (incremented)
            {
                fpscr |= Fpscr.FR;
            }
        }

        if (raise != 0)
        {
            fpscr = Fpscr.Raise(fpscr, raise);
        }

        result = BitConverter.DoubleToUInt64Bits(m);
        fpscr = (fpscr & ~Fpscr.FPRF) | (FloatingPoint.Classify(result, single) << 12);
        return true;
    }

    /// <summary>
    /// Rounds hi + lo (hi a normal double, lo known by its sign only, |lo| ≤ ½ ulp(hi)) to 53 or 24
    /// significant bits with FPSCR[RN] (Book I §4.3.6), without any exponent limit.
    /// </summary>
    private static double Round(double hi, int loSign, bool single, int rn, out bool inexact, out bool incremented)
    {
        if (!single)
        {
            inexact = loSign != 0;
            incremented = false;
            if (!inexact)
            {
                return hi;
            }

            bool above = loSign > 0; // exact > hi
            double below = Math.BitDecrement(hi), over = Math.BitIncrement(hi);
            double r = rn switch
            {
                1 => hi > 0 ? (above ? hi : below) : (above ? over : hi),
                2 => above ? over : hi,
                3 => above ? hi : below,
                _ => hi,
            };
            incremented = r == hi ? (hi > 0) != above : Math.Abs(r) > Math.Abs(hi);
            return r;
        }

        int k = Math.ILogB(hi);
        double h1 = Math.ScaleB(hi, -k);
        float f = (float)h1;
        double d = h1 - f;
        int side = d != 0 ? Math.Sign(d) : loSign; // sign of (exact − f)
        if (side == 0)
        {
            inexact = false;
            incremented = false;
            return Math.ScaleB(f, k);
        }

        inexact = true;
        float low = side > 0 ? f : MathF.BitDecrement(f);
        float high = side > 0 ? MathF.BitIncrement(f) : f;
        float res;
        switch (rn)
        {
            case 1:
                res = h1 > 0 ? low : high;
                break;
            case 2:
                res = high;
                break;
            case 3:
                res = low;
                break;
            default:
                double dl = h1 - low, dh = high - h1;
                res = dl < dh ? low : dh < dl ? high : loSign > 0 ? high : loSign < 0 ? low : f;
                break;
        }

        incremented = h1 > 0 ? res == high : res == low;
        return Math.ScaleB(res, k);
    }

    /// <summary>
    /// A tiny result with UE=0: the exact value (hi + lo) × 2^e denormalized and rounded with
    /// FPSCR[RN] to a multiple of the format's smallest denormal (Book I §4.3.4, §4.3.6); ±0 keeps the
    /// sign of the exact result.
    /// </summary>
    private static double Denormalize(double hi, int loSign, int e, bool single, int rn, out bool inexact, out bool incremented)
    {
        int unitExponent = single ? -149 : -1074;
        int s = e - unitExponent;
        bool negative = hi < 0;
        int lm = negative ? -loSign : loSign; // sign of (|exact| − |hi| × 2^e)
        double low, high, av;
        if (Math.ILogB(hi) + s < -2)
        {
            // |exact| < ¼ unit: between 0 and one unit, well below the midpoint.
            low = 0;
            high = 1;
            av = 0.125;
        }
        else
        {
            av = Math.Abs(Math.ScaleB(hi, s));
            double fl = Math.Floor(av);
            low = fl;
            high = fl + 1;
            if (av == fl)
            {
                if (lm == 0)
                {
                    inexact = false;
                    incremented = false;
                    return Math.ScaleB(negative ? -fl : fl, unitExponent);
                }

                if (lm < 0)
                {
                    low = fl - 1;
                    high = fl;
                }
            }
        }

        inexact = true;
        double frac = av - low; // the exact magnitude is low + frac + (a residual of sign lm), in units
        bool toHigh = rn switch
        {
            1 => false,
            2 => !negative,
            3 => negative,
            _ => frac > 0.5 || (frac == 0.5 && (lm > 0 || (lm == 0 && Math.IEEERemainder(high, 2) == 0))),
        };
        incremented = toHigh;
        double magnitude = toHigh ? high : low;
        return Math.ScaleB(negative ? -magnitude : magnitude, unitExponent);
    }

    /// <summary>v = m × 2^e with 1 ≤ |m| &lt; 2 (exact; v finite and non-zero, subnormals included).</summary>
    private static double Normalize(double v, out int e)
    {
        e = Math.ILogB(v);
        return Math.ScaleB(v, -e);
    }

    /// <summary>v × 2^−e exactly or, when that would fall below 2^−900 (where next to a term of magnitude ≥ 1 only its sign can still matter), a same-signed stand-in of 2^−930.</summary>
    private static double Shift(double v, int e)
    {
        int k = Math.ILogB(v) - e;
        return k < -900 ? Math.CopySign(Sticky, v) : Math.ScaleB(v, -e);
    }

    private static bool IsPowerOfTwo(double v) => (BitConverter.DoubleToUInt64Bits(v) & 0x000F_FFFF_FFFF_FFFF) == 0;

    /// <summary>The exact sign of a + b + c + d (Shewchuk's grow-expansion: every step an error-free TwoSum).</summary>
    private static int SignOfSum(double a, double b, double c, double d)
    {
        Span<double> e = stackalloc double[4];
        int n = 0;
        Grow(e, ref n, a);
        Grow(e, ref n, b);
        Grow(e, ref n, c);
        Grow(e, ref n, d);
        for (int i = n - 1; i >= 0; i--)
        {
            if (e[i] != 0)
            {
                return Math.Sign(e[i]);
            }
        }

        return 0;
    }

    private static void Grow(Span<double> e, ref int n, double b)
    {
        double q = b;
        for (int i = 0; i < n; i++)
        {
            double s = q + e[i];
            double bb = s - q;
            double err = (q - (s - bb)) + (e[i] - bb);
            e[i] = err;
            q = s;
        }

        e[n++] = q;
    }
}
