using PpcVirt.Engine.Cpu.BookE;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Book III-E system instructions as the 440 has them: sc, rfi/rfci/rfmci, MSR, SPR, DCR and TLB management, synchronisation (Power ISA 2.06 Book III-E; PPC440 manual "Instruction Set").</summary>
internal static unsafe class SystemHandlers
{
    public static void Illegal(Ppc440Core c, uint w) => c.Raise(InterruptVector.Program, Esr.PIL);

    public static void Sc(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        c.Deliver(InterruptVector.SystemCall, s->Pc + 4);
    }

    /// <summary>Return from interrupt: MSR from the save/restore register pair's second half, PC from its first.</summary>
    private static void ReturnFrom(Ppc440Core c, uint savedPc, uint savedMsr)
    {
        c.RequireSupervisor();
        c.SetMsr(savedMsr);
        c.S->Npc = savedPc & ~3u;
    }

    public static void Rfi(Ppc440Core c, uint w) => ReturnFrom(c, c.S->Srr0, c.S->Srr1);

    public static void Rfci(Ppc440Core c, uint w) => ReturnFrom(c, c.S->Csrr0, c.S->Csrr1);

    public static void Rfmci(Ppc440Core c, uint w) => ReturnFrom(c, c.S->Mcsrr0, c.S->Mcsrr1);

    public static void Mfmsr(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        c.S->Gpr[Rt(w)] = c.S->Msr;
    }

    public static void Mtmsr(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        c.SetMsr(c.S->Gpr[Rt(w)]);
    }

    public static void Wrtee(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        c.SetMsr((s->Msr & ~Msr.EE) | (s->Gpr[Rt(w)] & Msr.EE));
    }

    public static void Wrteei(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        c.SetMsr((s->Msr & ~Msr.EE) | (w & Msr.EE));
    }

    public static void Mfspr(Ppc440Core c, uint w)
    {
        int spr = SprNumber(w);
        if (Spr.IsPrivileged(spr))
        {
            c.RequireSupervisor();
        }

        if (!Ppc440Core.IsImplementedSpr(spr))
        {
            c.Raise(InterruptVector.Program, Esr.PIL);
        }

        c.S->Gpr[Rt(w)] = c.ReadSpr(spr);
    }

    public static void Mtspr(Ppc440Core c, uint w)
    {
        int spr = SprNumber(w);
        if (Spr.IsPrivileged(spr))
        {
            c.RequireSupervisor();
        }

        if (!Ppc440Core.IsImplementedSpr(spr) || spr is Spr.TBLR or Spr.TBUR or (>= Spr.SPRG4R and <= Spr.SPRG7R))
        {
            c.Raise(InterruptVector.Program, Esr.PIL);
        }

        c.WriteSpr(spr, c.S->Gpr[Rt(w)]);
    }

    public static void Mfdcr(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        c.S->Gpr[Rt(w)] = c.ReadDcr((uint)SprNumber(w));
    }

    public static void Mtdcr(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        c.WriteDcr((uint)SprNumber(w), c.S->Gpr[Rt(w)]);
    }

    public static void Tlbwe(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        c.TlbWrite((int)(s->Gpr[Ra(w)] & 63), Rb(w), s->Gpr[Rt(w)]);
    }

    public static void Tlbre(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = c.TlbRead((int)(s->Gpr[Ra(w)] & 63), Rb(w));
    }

    public static void Tlbsx(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        uint ea = (Ra(w) == 0 ? 0 : s->Gpr[Ra(w)]) + s->Gpr[Rb(w)];
        int index = c.TlbSearch(ea);
        if (index >= 0)
        {
            s->Gpr[Rt(w)] = (uint)index;
        }

        if (Record(w))
        {
            uint f = (index >= 0 ? 2u : 0u) | (s->Xer >> 31);
            s->Cr = (s->Cr & 0x0FFF_FFFF) | (f << 28);
        }
    }

    public static void Tlbsync(Ppc440Core c, uint w) => c.RequireSupervisor();

    /// <summary>isync: context synchronisation; re-fetch the next instruction.</summary>
    public static void Isync(Ppc440Core c, uint w) => c.ContextSynchronize();

    /// <summary>sync/msync, mbar/eieio: ordering only (one vCPU, coherent memory).</summary>
    public static void Sync(Ppc440Core c, uint w)
    {
    }
}
