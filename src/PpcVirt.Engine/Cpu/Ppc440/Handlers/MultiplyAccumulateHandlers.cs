using System.Runtime.CompilerServices;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>
/// The 440 integer multiply-accumulate and multiply-halfword instructions (PPC440x5 CPU Core User's
/// Manual, "Instruction Set": macchw … nmaclhws, mulchw … mullhwu; Power ISA 2.06 Book I category
/// "Legacy Integer Multiply-Accumulate", primary opcode 4).
/// <para>
/// Operand halves: "c" (cross) multiplies RA[16:31] by RB[0:15], "h" RA[0:15] by RB[0:15], "l"
/// RA[16:31] by RB[16:31]. The 32-bit product is added to (nmac*: subtracted from) RT into a 33-bit
/// sum, signed or unsigned ("u"). Modulo forms keep the low 32 bits of the sum; saturating forms ("s")
/// return the nearest representable value: 0x80000000 / 0x7FFFFFFF (signed), 0xFFFFFFFF (unsigned).
/// </para>
/// <para>
/// OE=1: XER[OV] is set when the sum, considered as a whole (Power ISA 2.06 Book I §3.2.2: XER bits
/// are "set based on the operation of an instruction considered as a whole, not on intermediate
/// results"), cannot be represented in 32 bits in the instruction's signedness — i.e. 33-bit signed
/// overflow for the signed forms, carry out of bit 0 for the unsigned forms — and cleared otherwise;
/// XER[SO] is set with OV and is sticky. The saturating forms set OV under the same condition, which
/// for them is exactly "the result was saturated" (PPC440 manual pseudocode: saturation when
/// prod₀ = RT₀ ∧ RT₀ ≠ temp₁, resp. temp₀ = 1). Rc=1: CR0 LT/GT/EQ from the signed 32-bit result,
/// CR0[SO] = XER[SO] (after the OV/SO update). No instruction here touches XER[CA].
/// </para>
/// </summary>
internal static unsafe class MultiplyAccumulateHandlers
{
    // ---- shared helpers -------------------------------------------------------------------------

    /// <summary>The 16-bit operand: the high halfword (bits 0:15) or the low one (bits 16:31).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Half(uint register, bool high) => high ? register >> 16 : register & 0xFFFF;

    /// <summary>
    /// (n)mac[c|h|l]hw[s][u][o][.]: RT ← RT ± (half(RA) × half(RB)), modulo or saturating; XER[OV,SO]
    /// when OE=1, CR0 when Rc=1 (see the class remarks for the exact definitions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Ppc440Core c, uint w, bool highA, bool highB, bool signed, bool negate, bool saturate)
    {
        Ppc440State* s = c.S;
        uint a = Half(s->Gpr[Ra(w)], highA), b = Half(s->Gpr[Rb(w)], highB);
        uint rt = s->Gpr[Rt(w)];
        uint result;
        bool overflow;
        if (signed)
        {
            long product = (short)a * (short)b;
            long sum = negate ? (int)rt - product : (int)rt + product;
            overflow = sum != (int)sum;
            result = overflow && saturate ? (sum < 0 ? 0x8000_0000u : 0x7FFF_FFFFu) : (uint)sum;
        }
        else
        {
            // Unsigned negative forms do not exist (PPC440 manual: nmac* are signed only).
            ulong sum = (ulong)rt + (a * b);
            overflow = sum > uint.MaxValue;
            result = overflow && saturate ? uint.MaxValue : (uint)sum;
        }

        s->Gpr[Rt(w)] = result;
        if (Oe(w))
        {
            IntegerHandlers.SetOv(s, overflow);
        }

        if (Record(w))
        {
            IntegerHandlers.SetCr0(c, result);
        }
    }

    /// <summary>mul[c|h|l]hw[u][.]: RT ← half(RA) × half(RB), signed or unsigned; CR0 when Rc=1. No OE form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(Ppc440Core c, uint w, bool highA, bool highB, bool signed)
    {
        Ppc440State* s = c.S;
        uint a = Half(s->Gpr[Ra(w)], highA), b = Half(s->Gpr[Rb(w)], highB);
        uint r = signed ? (uint)((short)a * (short)b) : a * b;
        s->Gpr[Rt(w)] = r;
        if (Record(w))
        {
            IntegerHandlers.SetCr0(c, r);
        }
    }

    // ---- multiply accumulate: cross (RA low × RB high) -------------------------------------------

    public static void Macchw(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: true, negate: false, saturate: false);

    public static void Macchws(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: true, negate: false, saturate: true);

    public static void Macchwu(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: false, negate: false, saturate: false);

    public static void Macchwsu(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: false, negate: false, saturate: true);

    public static void Nmacchw(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: true, negate: true, saturate: false);

    public static void Nmacchws(Ppc440Core c, uint w) => Accumulate(c, w, false, true, signed: true, negate: true, saturate: true);

    // ---- multiply accumulate: high (RA high × RB high) -------------------------------------------

    public static void Machhw(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: true, negate: false, saturate: false);

    public static void Machhws(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: true, negate: false, saturate: true);

    public static void Machhwu(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: false, negate: false, saturate: false);

    public static void Machhwsu(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: false, negate: false, saturate: true);

    public static void Nmachhw(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: true, negate: true, saturate: false);

    public static void Nmachhws(Ppc440Core c, uint w) => Accumulate(c, w, true, true, signed: true, negate: true, saturate: true);

    // ---- multiply accumulate: low (RA low × RB low) ----------------------------------------------

    public static void Maclhw(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: true, negate: false, saturate: false);

    public static void Maclhws(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: true, negate: false, saturate: true);

    public static void Maclhwu(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: false, negate: false, saturate: false);

    public static void Maclhwsu(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: false, negate: false, saturate: true);

    public static void Nmaclhw(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: true, negate: true, saturate: false);

    public static void Nmaclhws(Ppc440Core c, uint w) => Accumulate(c, w, false, false, signed: true, negate: true, saturate: true);

    // ---- multiply halfword to word ---------------------------------------------------------------

    public static void Mulchw(Ppc440Core c, uint w) => Multiply(c, w, false, true, signed: true);

    public static void Mulchwu(Ppc440Core c, uint w) => Multiply(c, w, false, true, signed: false);

    public static void Mulhhw(Ppc440Core c, uint w) => Multiply(c, w, true, true, signed: true);

    public static void Mulhhwu(Ppc440Core c, uint w) => Multiply(c, w, true, true, signed: false);

    public static void Mullhw(Ppc440Core c, uint w) => Multiply(c, w, false, false, signed: true);

    public static void Mullhwu(Ppc440Core c, uint w) => Multiply(c, w, false, false, signed: false);
}
