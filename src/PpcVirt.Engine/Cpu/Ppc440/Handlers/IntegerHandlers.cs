using System.Numerics;
using System.Runtime.CompilerServices;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Book I fixed-point arithmetic, logical, compare, rotate and shift instructions (Power ISA 2.06 Book I §3.3).</summary>
internal static unsafe class IntegerHandlers
{
    // ---- helpers -------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetCr0(Ppc440Core c, uint result)
    {
        Ppc440State* s = c.S;
        uint f = (int)result < 0 ? 8u : (int)result > 0 ? 4u : 2u;
        f |= s->Xer >> 31;
        s->Cr = (s->Cr & 0x0FFF_FFFF) | (f << 28);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetCa(Ppc440State* s, bool ca) => s->Xer = ca ? s->Xer | XerBits.CA : s->Xer & ~XerBits.CA;

    /// <summary>XER[OV] ← ov; XER[SO] ← 1 when ov (sticky). Power ISA 2.06 Book I §3.2.2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetOv(Ppc440State* s, bool ov) => s->Xer = ov ? s->Xer | XerBits.OV | XerBits.SO : s->Xer & ~XerBits.OV;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TForm>(Ppc440Core c, uint w, uint result, bool overflow)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = result;
        if (TForm.Overflow)
        {
            SetOv(s, overflow);
        }

        if (TForm.Record)
        {
            SetCr0(c, result);
        }
    }

    /// <summary>a + b + carry-in with CA and OV (signed overflow) as the add family defines them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AddCarrying(Ppc440State* s, uint a, uint b, uint cin, out bool ov)
    {
        ulong sum = (ulong)a + b + cin;
        uint r = (uint)sum;
        SetCa(s, (sum >> 32) != 0);
        ov = ((~(a ^ b) & (a ^ r)) >> 31) != 0;
        return r;
    }

    private static uint Ca(Ppc440State* s) => (s->Xer >> 29) & 1;

    private static uint RaOrZero(Ppc440State* s, uint w) => Ra(w) == 0 ? 0 : s->Gpr[Ra(w)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RaOrZero<TBase>(Ppc440State* s, uint w)
        where TBase : struct, IBaseForm => TBase.RaIsZero ? 0 : s->Gpr[Ra(w)];

    // ---- D-form arithmetic ------------------------------------------------------------------------

    public static void Addi<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = RaOrZero<TBase>(s, w) + Simm(w);
    }

    public static void Addis<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = RaOrZero<TBase>(s, w) + (w << 16);
    }

    public static void Addic(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = AddCarrying(s, s->Gpr[Ra(w)], Simm(w), 0, out _); }

    public static void AddicRecord(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint r = AddCarrying(s, s->Gpr[Ra(w)], Simm(w), 0, out _);
        s->Gpr[Rt(w)] = r;
        SetCr0(c, r);
    }

    public static void Subfic(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = AddCarrying(s, ~s->Gpr[Ra(w)], Simm(w), 1, out _); }

    public static void Mulli(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = (uint)((int)s->Gpr[Ra(w)] * (int)Simm(w)); }

    // ---- XO-form arithmetic ------------------------------------------------------------------------

    public static void Add<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint a = s->Gpr[Ra(w)], b = s->Gpr[Rb(w)], r = a + b;
        Finish<TForm>(c, w, r, ((~(a ^ b) & (a ^ r)) >> 31) != 0);
    }

    public static void Addc<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, s->Gpr[Ra(w)], s->Gpr[Rb(w)], 0, out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Adde<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, s->Gpr[Ra(w)], s->Gpr[Rb(w)], Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Addme<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, s->Gpr[Ra(w)], 0xFFFF_FFFF, Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Addze<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, s->Gpr[Ra(w)], 0, Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Subf<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint a = ~s->Gpr[Ra(w)], b = s->Gpr[Rb(w)], r = a + b + 1;
        Finish<TForm>(c, w, r, ((~(a ^ b) & (a ^ r)) >> 31) != 0);
    }

    public static void Subfc<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, ~s->Gpr[Ra(w)], s->Gpr[Rb(w)], 1, out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Subfe<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, ~s->Gpr[Ra(w)], s->Gpr[Rb(w)], Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Subfme<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, ~s->Gpr[Ra(w)], 0xFFFF_FFFF, Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Subfze<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; uint r = AddCarrying(s, ~s->Gpr[Ra(w)], 0, Ca(s), out bool ov); Finish<TForm>(c, w, r, ov); }
    }

    public static void Neg<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint a = s->Gpr[Ra(w)];
        Finish<TForm>(c, w, (uint)-(int)a, a == 0x8000_0000);
    }

    public static void Mullw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        long p = (long)(int)s->Gpr[Ra(w)] * (int)s->Gpr[Rb(w)];
        Finish<TForm>(c, w, (uint)p, p != (int)p);
    }

    public static void Mulhw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        long p = (long)(int)s->Gpr[Ra(w)] * (int)s->Gpr[Rb(w)];
        Finish<TForm>(c, w, (uint)(p >> 32), false);
    }

    public static void Mulhwu<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        ulong p = (ulong)s->Gpr[Ra(w)] * s->Gpr[Rb(w)];
        Finish<TForm>(c, w, (uint)(p >> 32), false);
    }

    /// <summary>divw: quotient rounded toward zero. For ÷0 and 0x80000000 ÷ −1 the ISA leaves RT undefined; like the 440 (and QEMU), RT = 0 for a positive dividend or ÷0 of non-negative, −1 for a negative dividend ÷ 0… see the note in the code.</summary>
    public static void Divw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        int a = (int)s->Gpr[Ra(w)], b = (int)s->Gpr[Rb(w)];
        if (b == 0 || (a == int.MinValue && b == -1))
        {
            // Undefined by the ISA. PPC440 manual: RT = 0xFFFFFFFF when the dividend is negative and
            // the divisor is zero or -1 overflowed, else 0 … QEMU returns (a >> 31) for these cases.
            Finish<TForm>(c, w, (uint)(a >> 31), true);
            return;
        }

        Finish<TForm>(c, w, (uint)(a / b), false);
    }

    public static void Divwu<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint a = s->Gpr[Ra(w)], b = s->Gpr[Rb(w)];
        if (b == 0)
        {
            Finish<TForm>(c, w, 0, true);
            return;
        }

        Finish<TForm>(c, w, a / b, false);
    }

    // ---- logical ----------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Logical<TForm>(Ppc440Core c, uint w, uint result)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Ra(w)] = result;
        if (TForm.Record)
        {
            SetCr0(c, result);
        }
    }

    public static void Ori(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Ra(w)] = s->Gpr[Rt(w)] | Uimm(w); }

    public static void Oris(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Ra(w)] = s->Gpr[Rt(w)] | (Uimm(w) << 16); }

    public static void Xori(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Ra(w)] = s->Gpr[Rt(w)] ^ Uimm(w); }

    public static void Xoris(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Ra(w)] = s->Gpr[Rt(w)] ^ (Uimm(w) << 16); }

    public static void Andi(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint r = s->Gpr[Rt(w)] & Uimm(w); s->Gpr[Ra(w)] = r; SetCr0(c, r); }

    public static void Andis(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint r = s->Gpr[Rt(w)] & (Uimm(w) << 16); s->Gpr[Ra(w)] = r; SetCr0(c, r); }

    public static void And<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, s->Gpr[Rt(w)] & s->Gpr[Rb(w)]); }
    }

    public static void Or<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, s->Gpr[Rt(w)] | s->Gpr[Rb(w)]); }
    }

    public static void Xor<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, s->Gpr[Rt(w)] ^ s->Gpr[Rb(w)]); }
    }

    public static void Nand<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, ~(s->Gpr[Rt(w)] & s->Gpr[Rb(w)])); }
    }

    public static void Nor<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, ~(s->Gpr[Rt(w)] | s->Gpr[Rb(w)])); }
    }

    public static void Eqv<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, ~(s->Gpr[Rt(w)] ^ s->Gpr[Rb(w)])); }
    }

    public static void Andc<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, s->Gpr[Rt(w)] & ~s->Gpr[Rb(w)]); }
    }

    public static void Orc<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, s->Gpr[Rt(w)] | ~s->Gpr[Rb(w)]); }
    }

    public static void Extsb<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, (uint)(sbyte)s->Gpr[Rt(w)]); }
    }

    public static void Extsh<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, (uint)(short)s->Gpr[Rt(w)]); }
    }

    public static void Cntlzw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        { Ppc440State* s = c.S; Logical<TForm>(c, w, (uint)BitOperations.LeadingZeroCount(s->Gpr[Rt(w)])); }
    }

    // ---- rotate and shift -----------------------------------------------------------------------

    public static void Rlwinm<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        Logical<TForm>(c, w, BitOperations.RotateLeft(s->Gpr[Rt(w)], Rb(w)) & Mask(Mb(w), Me(w)));
    }

    public static void Rlwnm<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        Logical<TForm>(c, w, BitOperations.RotateLeft(s->Gpr[Rt(w)], (int)(s->Gpr[Rb(w)] & 31)) & Mask(Mb(w), Me(w)));
    }

    public static void Rlwimi<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint m = Mask(Mb(w), Me(w));
        Logical<TForm>(c, w, (BitOperations.RotateLeft(s->Gpr[Rt(w)], Rb(w)) & m) | (s->Gpr[Ra(w)] & ~m));
    }

    public static void Slw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint n = s->Gpr[Rb(w)] & 63;
        Logical<TForm>(c, w, n > 31 ? 0 : s->Gpr[Rt(w)] << (int)n);
    }

    public static void Srw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        uint n = s->Gpr[Rb(w)] & 63;
        Logical<TForm>(c, w, n > 31 ? 0 : s->Gpr[Rt(w)] >> (int)n);
    }

    private static void ShiftRightAlgebraic<TForm>(Ppc440Core c, uint w, uint n)
        where TForm : struct, IRecordForm
    {
        Ppc440State* s = c.S;
        int v = (int)s->Gpr[Rt(w)];
        uint r;
        bool ca;
        if (n > 31)
        {
            r = (uint)(v >> 31);
            ca = v < 0;
        }
        else
        {
            r = (uint)(v >> (int)n);
            ca = v < 0 && n != 0 && ((uint)v & ((1u << (int)n) - 1)) != 0;
        }

        SetCa(s, ca);
        Logical<TForm>(c, w, r);
    }

    public static void Sraw<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm => ShiftRightAlgebraic<TForm>(c, w, c.S->Gpr[Rb(w)] & 63);

    public static void Srawi<TForm>(Ppc440Core c, uint w)
        where TForm : struct, IRecordForm => ShiftRightAlgebraic<TForm>(c, w, (uint)Rb(w));

    // ---- compare ------------------------------------------------------------------------------------

    private static void SetCrField(Ppc440State* s, int field, uint bits)
    {
        int shift = 28 - (4 * field);
        s->Cr = (s->Cr & ~(0xFu << shift)) | ((bits | (s->Xer >> 31)) << shift);
    }

    private static uint Signed(int a, int b) => a < b ? 8u : a > b ? 4u : 2u;

    private static uint Unsigned(uint a, uint b) => a < b ? 8u : a > b ? 4u : 2u;

    public static void Cmp(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrField(s, CrfD(w), Signed((int)s->Gpr[Ra(w)], (int)s->Gpr[Rb(w)])); }

    public static void Cmpl(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrField(s, CrfD(w), Unsigned(s->Gpr[Ra(w)], s->Gpr[Rb(w)])); }

    public static void Cmpi(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrField(s, CrfD(w), Signed((int)s->Gpr[Ra(w)], (int)Simm(w))); }

    public static void Cmpli(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrField(s, CrfD(w), Unsigned(s->Gpr[Ra(w)], Uimm(w))); }

    // ---- integer select ---------------------------------------------------------------------------

    /// <summary>
    /// isel RT,RA,RB,BC: RT ← CR[BC] = 1 ? (RA|0) : (RB) (PPC440 user manual "Integer Select
    /// Instruction" and isel page; Power ISA 2.06 Book I §3.3.11). A-form, XO 15 in bits 26–30; no
    /// Rc bit, XER and CR unchanged.
    /// </summary>
    public static void Isel(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        bool bit = ((s->Cr >> (31 - Rc(w))) & 1) != 0;
        s->Gpr[Rt(w)] = bit ? RaOrZero(s, w) : s->Gpr[Rb(w)];
    }

    // ---- traps ----------------------------------------------------------------------------------------

    private static void Trap(Ppc440Core c, int to, uint a, uint b)
    {
        bool t = ((to & 16) != 0 && (int)a < (int)b) || ((to & 8) != 0 && (int)a > (int)b) || ((to & 4) != 0 && a == b)
            || ((to & 2) != 0 && a < b) || ((to & 1) != 0 && a > b);
        if (t)
        {
            c.Raise(BookE.InterruptVector.Program, BookE.Esr.PTR);
        }
    }

    public static void Tw(Ppc440Core c, uint w) { Ppc440State* s = c.S; Trap(c, Rt(w), s->Gpr[Ra(w)], s->Gpr[Rb(w)]); }

    public static void Twi(Ppc440Core c, uint w) { Ppc440State* s = c.S; Trap(c, Rt(w), s->Gpr[Ra(w)], Simm(w)); }

    /// <summary>dlmzb: determine leftmost zero byte of RS:RB (440); byte count in RA and XER[57:63].</summary>
    public static void Dlmzb(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        ulong v = ((ulong)s->Gpr[Rt(w)] << 32) | s->Gpr[Rb(w)];
        uint n = 8;
        bool found = false;
        for (int i = 0; i < 8; i++)
        {
            if (((v >> (56 - (8 * i))) & 0xFF) == 0)
            {
                n = (uint)i + 1;
                found = true;
                break;
            }
        }

        s->Gpr[Ra(w)] = n;
        s->Xer = (s->Xer & ~XerBits.ByteCountMask) | n;
        if (Record(w))
        {
            uint f = !found ? 2u : n <= 4 ? 4u : 8u;
            s->Cr = (s->Cr & 0x0FFF_FFFF) | ((f | (s->Xer >> 31)) << 28);
        }
    }
}
