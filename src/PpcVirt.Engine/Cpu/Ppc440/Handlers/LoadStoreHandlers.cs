using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Mmu;
using static PpcVirt.Engine.Cpu.Ppc440.Handlers.Fields;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Fixed-point loads and stores incl. update, indexed, byte-reverse, multiple, string and reservation forms (Power ISA 2.06 Book I §3.3.2–3.3.6; Book II §4.4).</summary>
internal static unsafe class LoadStoreHandlers
{
    private static uint EaD(Ppc440State* s, uint w) => (Ra(w) == 0 ? 0 : s->Gpr[Ra(w)]) + Simm(w);

    /// <summary>(RA|0) + d with the RA = 0 test taken at decode time (<see cref="IBaseForm"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint EaD<TBase>(Ppc440State* s, uint w)
        where TBase : struct, IBaseForm => (TBase.RaIsZero ? 0 : s->Gpr[Ra(w)]) + Simm(w);

    private static uint EaX(Ppc440State* s, uint w) => (Ra(w) == 0 ? 0 : s->Gpr[Ra(w)]) + s->Gpr[Rb(w)];

    private static uint EaDu(Ppc440State* s, uint w) => s->Gpr[Ra(w)] + Simm(w);

    private static uint EaXu(Ppc440State* s, uint w) => s->Gpr[Ra(w)] + s->Gpr[Rb(w)];

    // ---- loads ------------------------------------------------------------------------------------

    public static void Lbz<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = c.Load8(EaD<TBase>(s, w));
    }

    public static void Lbzu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); uint v = c.Load8(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lbzx(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = c.Load8(EaX(s, w)); }

    public static void Lbzux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); uint v = c.Load8(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lhz<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = c.Load16(EaD<TBase>(s, w));
    }

    public static void Lhzu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); uint v = c.Load16(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lhzx(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = c.Load16(EaX(s, w)); }

    public static void Lhzux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); uint v = c.Load16(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lha<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = (uint)(short)c.Load16(EaD<TBase>(s, w));
    }

    public static void Lhau(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); uint v = (uint)(short)c.Load16(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lhax(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = (uint)(short)c.Load16(EaX(s, w)); }

    public static void Lhaux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); uint v = (uint)(short)c.Load16(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lwz<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        s->Gpr[Rt(w)] = c.Load32(EaD<TBase>(s, w));
    }

    public static void Lwzu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); uint v = c.Load32(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lwzx(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = c.Load32(EaX(s, w)); }

    public static void Lwzux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); uint v = c.Load32(ea); s->Gpr[Rt(w)] = v; s->Gpr[Ra(w)] = ea; }

    public static void Lhbrx(Ppc440Core c, uint w) { Ppc440State* s = c.S; ushort v = c.Load16(EaX(s, w)); s->Gpr[Rt(w)] = (uint)((v >> 8) | ((v & 0xFF) << 8)); }

    public static void Lwbrx(Ppc440Core c, uint w) { Ppc440State* s = c.S; s->Gpr[Rt(w)] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(c.Load32(EaX(s, w))); }

    // ---- stores -----------------------------------------------------------------------------------

    public static void Stb<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        c.Store8(EaD<TBase>(s, w), (byte)s->Gpr[Rt(w)]);
    }

    public static void Stbu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); c.Store8(ea, (byte)s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Stbx(Ppc440Core c, uint w) { Ppc440State* s = c.S; c.Store8(EaX(s, w), (byte)s->Gpr[Rt(w)]); }

    public static void Stbux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); c.Store8(ea, (byte)s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Sth<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        c.Store16(EaD<TBase>(s, w), (ushort)s->Gpr[Rt(w)]);
    }

    public static void Sthu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); c.Store16(ea, (ushort)s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Sthx(Ppc440Core c, uint w) { Ppc440State* s = c.S; c.Store16(EaX(s, w), (ushort)s->Gpr[Rt(w)]); }

    public static void Sthux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); c.Store16(ea, (ushort)s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Stw<TBase>(Ppc440Core c, uint w)
        where TBase : struct, IBaseForm
    {
        Ppc440State* s = c.S;
        c.Store32(EaD<TBase>(s, w), s->Gpr[Rt(w)]);
    }

    public static void Stwu(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaDu(s, w); c.Store32(ea, s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Stwx(Ppc440Core c, uint w) { Ppc440State* s = c.S; c.Store32(EaX(s, w), s->Gpr[Rt(w)]); }

    public static void Stwux(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint ea = EaXu(s, w); c.Store32(ea, s->Gpr[Rt(w)]); s->Gpr[Ra(w)] = ea; }

    public static void Sthbrx(Ppc440Core c, uint w) { Ppc440State* s = c.S; uint v = s->Gpr[Rt(w)]; c.Store16(EaX(s, w), (ushort)(((v & 0xFF) << 8) | ((v >> 8) & 0xFF))); }

    public static void Stwbrx(Ppc440Core c, uint w) { Ppc440State* s = c.S; c.Store32(EaX(s, w), System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(s->Gpr[Rt(w)])); }

    // ---- multiple and string ---------------------------------------------------------------------

    public static void Lmw(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint ea = EaD(s, w);
        int rt = Rt(w);
        Span<uint> values = stackalloc uint[32];
        for (int r = rt; r < 32; r++)
        {
            values[r] = c.Load32(ea + (uint)(4 * (r - rt)));
        }

        for (int r = rt; r < 32; r++)
        {
            if (r != Ra(w) || r == 31)
            {
                s->Gpr[r] = values[r];
            }
        }
    }

    public static void Stmw(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint ea = EaD(s, w);
        int rs = Rt(w);

        // Translation and permission can differ only between 1 KiB blocks (the 440's smallest
        // page), so one probe per block finds the same first fault as one per word.
        uint block = ~0u;
        for (int r = rs; r < 32; r++)
        {
            uint a = ea + (uint)(4 * (r - rs));
            if ((a >> 10) != block)
            {
                c.ProbeWrite(a);
                block = a >> 10;
            }
        }

        for (int r = rs; r < 32; r++)
        {
            c.Store32(ea + (uint)(4 * (r - rs)), s->Gpr[r]);
        }
    }

    private static void LoadString(Ppc440Core c, uint w, uint ea, int nb)
    {
        Ppc440State* s = c.S;
        Span<byte> bytes = stackalloc byte[128];
        for (int i = 0; i < nb; i++)
        {
            bytes[i] = c.Load8(ea + (uint)i);
        }

        int r = Rt(w) - 1;
        for (int i = 0; i < nb; i++)
        {
            if ((i & 3) == 0)
            {
                r = (r + 1) & 31;
                s->Gpr[r] = 0;
            }

            s->Gpr[r] |= (uint)bytes[i] << (24 - (8 * (i & 3)));
        }
    }

    private static void StoreString(Ppc440Core c, uint w, uint ea, int nb)
    {
        Ppc440State* s = c.S;
        uint block = ~0u;
        for (int i = 0; i < nb; i++)
        {
            uint a = ea + (uint)i;
            if ((a >> 10) != block)
            {
                c.ProbeWrite(a); // once per 1 KiB block, as in Stmw
                block = a >> 10;
            }
        }

        int r = Rt(w) - 1;
        for (int i = 0; i < nb; i++)
        {
            if ((i & 3) == 0)
            {
                r = (r + 1) & 31;
            }

            c.Store8(ea + (uint)i, (byte)(s->Gpr[r] >> (24 - (8 * (i & 3)))));
        }
    }

    public static void Lswi(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        int nb = Rb(w) == 0 ? 32 : Rb(w);
        LoadString(c, w, Ra(w) == 0 ? 0 : s->Gpr[Ra(w)], nb);
    }

    public static void Lswx(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        LoadString(c, w, EaX(s, w), (int)(s->Xer & XerBits.ByteCountMask));
    }

    public static void Stswi(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        int nb = Rb(w) == 0 ? 32 : Rb(w);
        StoreString(c, w, Ra(w) == 0 ? 0 : s->Gpr[Ra(w)], nb);
    }

    public static void Stswx(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        StoreString(c, w, EaX(s, w), (int)(s->Xer & XerBits.ByteCountMask));
    }

    // ---- reservations -------------------------------------------------------------------------------

    public static void Lwarx(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint ea = EaX(s, w);
        if ((ea & 3) != 0)
        {
            c.RaiseData(InterruptVector.Alignment, ea, 0);
        }

        uint v = c.Load32(ea);
        s->ReserveAddress = ea;
        s->ReserveValid = 1;
        s->Gpr[Rt(w)] = v;
    }

    public static void Stwcx(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint ea = EaX(s, w);
        if ((ea & 3) != 0)
        {
            c.RaiseData(InterruptVector.Alignment, ea, Esr.ST);
        }

        bool ok = s->ReserveValid != 0 && s->ReserveAddress == ea;
        if (ok)
        {
            c.Store32(ea, s->Gpr[Rt(w)]);
        }
        else
        {
            c.ProbeWrite(ea);
        }

        s->ReserveValid = 0;
        s->Cr = (s->Cr & 0x0FFF_FFFF) | ((ok ? 2u : 0u) << 28) | ((s->Xer >> 31) << 28);
    }

    // ---- cache management ---------------------------------------------------------------------------

    /// <summary>dcbz: zeroes the aligned 32-byte block (the 440's cache line); alignment interrupt on write-through or caching-inhibited storage, as the 440 raises.</summary>
    public static void Dcbz(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        uint ea = EaX(s, w) & ~31u;
        c.Translate(EaX(s, w), AccessKind.Write, fault: true, out _, out uint attrib);
        if ((attrib & (Mmu.Ppc440Tlb.AttrI | Mmu.Ppc440Tlb.AttrW)) != 0)
        {
            c.RaiseData(InterruptVector.Alignment, EaX(s, w), Esr.ST);
        }

        for (uint i = 0; i < 32; i += 8)
        {
            c.Store64(ea + i, 0);
        }
    }

    /// <summary>dcbst, dcbf, icbi: no cache to maintain, but the 440 translates the address like a load (data TLB error / data storage).</summary>
    public static void CacheBlockTranslated(Ppc440Core c, uint w)
    {
        Ppc440State* s = c.S;
        c.Translate(EaX(s, w), AccessKind.Read, fault: true, out _, out _);
    }

    /// <summary>dcbi: privileged, translated like a store.</summary>
    public static void Dcbi(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        Ppc440State* s = c.S;
        c.Translate(EaX(s, w), AccessKind.Write, fault: true, out _, out _);
    }

    /// <summary>Hints (dcbt, dcbtst, icbt, dcba): no effect, no exception.</summary>
    public static void Hint(Ppc440Core c, uint w)
    {
    }

    /// <summary>iccci, dccci: privileged; flush the (nonexistent) caches.</summary>
    public static void CacheCongruenceInvalidate(Ppc440Core c, uint w) => c.RequireSupervisor();

    /// <summary>dcread/icread: privileged cache debug reads; return 0.</summary>
    public static void CacheRead(Ppc440Core c, uint w)
    {
        c.RequireSupervisor();
        c.S->Gpr[Rt(w)] = 0;
    }
}
