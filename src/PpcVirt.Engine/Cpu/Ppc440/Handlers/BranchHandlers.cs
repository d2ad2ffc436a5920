using System.Runtime.CompilerServices;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Branch and condition-register instructions (Power ISA 2.06 Book I §2.4).</summary>
internal static unsafe class BranchHandlers
{
    /// <summary>Evaluates BO/BI, decrementing CTR when BO[2]=0.</summary>
    private static bool Condition(Ppc440State* s, uint w, bool allowCtr)
    {
        int bo = Rt(w);
        int bi = Ra(w);
        bool ctrOk = true;
        if (allowCtr && (bo & 4) == 0)
        {
            s->Ctr--;
            ctrOk = (s->Ctr != 0) ^ ((bo & 2) != 0);
        }

        bool condOk = (bo & 16) != 0 || (((s->Cr >> (31 - bi)) & 1) == ((uint)bo >> 3 & 1));
        return ctrOk && condOk;
    }

    public static void B(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint li = (uint)((int)(w << 6) >> 6) & ~3u;
        uint target = (w & 2) != 0 ? li : s->Pc + li;
        if ((w & 1) != 0)
        {
            s->Lr = s->Pc + 4;
        }

        s->Npc = target;
    }

    public static void Bc(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        bool taken = Condition(s, w, allowCtr: true);
        if ((w & 1) != 0)
        {
            s->Lr = s->Pc + 4;
        }

        if (taken)
        {
            uint bd = (uint)(short)(w & 0xFFFC);
            s->Npc = (w & 2) != 0 ? bd : s->Pc + bd;
        }
    }

    public static void Bclr(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        bool taken = Condition(s, w, allowCtr: true);
        uint target = s->Lr & ~3u;
        if ((w & 1) != 0)
        {
            s->Lr = s->Pc + 4;
        }

        if (taken)
        {
            s->Npc = target;
        }
    }

    public static void Bcctr(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        bool taken = Condition(s, w, allowCtr: false);
        if ((w & 1) != 0)
        {
            s->Lr = s->Pc + 4;
        }

        if (taken)
        {
            s->Npc = s->Ctr & ~3u;
        }
    }

    // ---- CR logical ---------------------------------------------------------------------------------

    // Direct code per operation (no delegate call per execution): CR[BT] = op(CR[BA], CR[BB]).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CrBa(Ppc440State* s, uint w) => (s->Cr >> (31 - Ra(w))) & 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CrBb(Ppc440State* s, uint w) => (s->Cr >> (31 - Rb(w))) & 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetCrBt(Ppc440State* s, uint w, uint bit)
    {
        int bt = 31 - Rt(w);
        s->Cr = (s->Cr & ~(1u << bt)) | ((bit & 1) << bt);
    }

    public static void Crand(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, CrBa(s, w) & CrBb(s, w)); }

    public static void Cror(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, CrBa(s, w) | CrBb(s, w)); }

    public static void Crxor(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, CrBa(s, w) ^ CrBb(s, w)); }

    public static void Crnand(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, ~(CrBa(s, w) & CrBb(s, w))); }

    public static void Crnor(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, ~(CrBa(s, w) | CrBb(s, w))); }

    public static void Creqv(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, ~(CrBa(s, w) ^ CrBb(s, w))); }

    public static void Crandc(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, CrBa(s, w) & ~CrBb(s, w)); }

    public static void Crorc(Ppc440Core c, uint w) { Ppc440State* s = c.S; SetCrBt(s, w, CrBa(s, w) | ~CrBb(s, w)); }

    public static void Mcrf(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint f = (s->Cr >> (28 - (4 * CrfS(w)))) & 0xF;
        int shift = 28 - (4 * CrfD(w));
        s->Cr = (s->Cr & ~(0xFu << shift)) | (f << shift);
    }

    public static void Mcrxr(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        int shift = 28 - (4 * CrfD(w));
        s->Cr = (s->Cr & ~(0xFu << shift)) | ((s->Xer >> 28) << shift);
        s->Xer &= ~(XerBits.SO | XerBits.OV | XerBits.CA);
    }

    public static void Mfcr(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = s->Cr; }

    public static void Mtcrf(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint fxm = (w >> 12) & 0xFF;
        uint mask = 0;
        for (int i = 0; i < 8; i++)
        {
            if ((fxm & (0x80u >> i)) != 0)
            {
                mask |= 0xF000_0000u >> (4 * i);
            }
        }

        s->Cr = (s->Cr & ~mask) | (s->Gpr[Rt(w)] & mask);
    }
}
