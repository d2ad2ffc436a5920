using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// mfspr/mtspr for the PPC440's SPRs (PPC440 manual "Register Summary"), including the
/// user-readable SPRG4R–7R and TBL/TBU, privilege checks, DBCR0[RST] and the MSR/PID side
/// effects on the shadow TLB.
/// </summary>
internal sealed unsafe partial class Ppc440Core
{
    private readonly uint[] _plainSprs = new uint[1024];

    /// <summary>True when <paramref name="spr"/> exists on the 440.</summary>
    internal static bool IsImplementedSpr(int spr) => spr switch
    {
        Spr.XER or Spr.LR or Spr.CTR or Spr.DEC or Spr.SRR0 or Spr.SRR1 or Spr.PID or Spr.DECAR => true,
        Spr.CSRR0 or Spr.CSRR1 or Spr.DEAR or Spr.ESR or Spr.IVPR or Spr.USPRG0 => true,
        >= Spr.SPRG4R and <= Spr.SPRG7R => true,
        Spr.TBLR or Spr.TBUR => true,
        >= Spr.SPRG0 and <= Spr.SPRG7 => true,
        Spr.TBLW or Spr.TBUW or Spr.PIR or Spr.PVR or Spr.DBSR => true,
        >= Spr.DBCR0 and <= Spr.DBCR2 => true,
        >= Spr.IAC1 and <= Spr.DVC2 => true,
        Spr.TSR or Spr.TCR => true,
        >= Spr.IVOR0 and <= Spr.IVOR15 => true,
        Spr.MCSRR0 or Spr.MCSRR1 or Spr.MCSR => true,
        >= Spr.INV0 and <= Spr.CCR1 => true,
        >= Spr.DNV0 and <= Spr.IVLIM => true,
        >= Spr.RSTCFG and <= Spr.ICDBTRH => true,
        Spr.MMUCR or Spr.CCR0 or Spr.ICDBDR or Spr.DBDR => true,
        _ => false,
    };

    /// <summary>mfspr semantics (privilege already checked).</summary>
    internal uint ReadSpr(int spr)
    {
        switch (spr)
        {
            case Spr.XER: return S->Xer;
            case Spr.LR: return S->Lr;
            case Spr.CTR: return S->Ctr;
            case Spr.DEC: return ReadDecrementer();
            case Spr.SRR0: return S->Srr0;
            case Spr.SRR1: return S->Srr1;
            case Spr.PID: return S->Pid;
            case Spr.CSRR0: return S->Csrr0;
            case Spr.CSRR1: return S->Csrr1;
            case Spr.DEAR: return S->Dear;
            case Spr.ESR: return S->Esr;
            case Spr.IVPR: return S->Ivpr;
            case Spr.USPRG0: return S->Usprg0;
            case >= Spr.SPRG4R and <= Spr.SPRG7R: return S->Sprg[spr - Spr.SPRG4R + 4];
            case Spr.TBLR: return (uint)ReadTimeBase();
            case Spr.TBUR: return (uint)(ReadTimeBase() >> 32);
            case >= Spr.SPRG0 and <= Spr.SPRG7: return S->Sprg[spr - Spr.SPRG0];
            case Spr.PIR: return S->Pir;
            case Spr.PVR: return Model.Pvr;
            case Spr.DBSR: return S->Dbsr;
            case Spr.DBCR0: return S->Dbcr0;
            case Spr.DBCR1: return S->Dbcr1;
            case Spr.DBCR2: return S->Dbcr2;
            case >= Spr.IAC1 and <= Spr.IAC4: return S->Iac[spr - Spr.IAC1];
            case Spr.DAC1 or Spr.DAC2: return S->Dac[spr - Spr.DAC1];
            case Spr.DVC1 or Spr.DVC2: return S->Dvc[spr - Spr.DVC1];
            case Spr.TSR: UpdateTimers(); return S->Tsr;
            case Spr.TCR: return S->Tcr;
            case >= Spr.IVOR0 and <= Spr.IVOR15: return S->Ivor[spr - Spr.IVOR0];
            case Spr.MCSRR0: return S->Mcsrr0;
            case Spr.MCSRR1: return S->Mcsrr1;
            case Spr.MCSR: return S->Mcsr;
            case Spr.MMUCR: return S->Mmucr;
            case Spr.CCR0: return S->Ccr0;
            case Spr.CCR1: return S->Ccr1;
            case Spr.RSTCFG: return S->Rstcfg;
            case Spr.DECAR: return S->Decar;
            default: return _plainSprs[spr];
        }
    }

    /// <summary>mtspr semantics (privilege already checked). Read-only SPRs ignore writes.</summary>
    internal void WriteSpr(int spr, uint value)
    {
        switch (spr)
        {
            case Spr.XER: S->Xer = value & XerBits.ImplementedMask; break;
            case Spr.LR: S->Lr = value; break;
            case Spr.CTR: S->Ctr = value; break;
            case Spr.DEC: WriteDecrementer(value); break;
            case Spr.SRR0: S->Srr0 = value; break;
            case Spr.SRR1: S->Srr1 = value; break;
            case Spr.PID:
                S->Pid = value & 0xFF;
                UpdateContext();
                break;
            case Spr.DECAR: S->Decar = value; break;
            case Spr.CSRR0: S->Csrr0 = value; break;
            case Spr.CSRR1: S->Csrr1 = value; break;
            case Spr.DEAR: S->Dear = value; break;
            case Spr.ESR: S->Esr = value; break;
            case Spr.IVPR: S->Ivpr = value & 0xFFFF_0000; break;
            case Spr.USPRG0: S->Usprg0 = value; break;
            case >= Spr.SPRG0 and <= Spr.SPRG7: S->Sprg[spr - Spr.SPRG0] = value; break;
            case Spr.TBLW: WriteTimeBase((ReadTimeBase() & 0xFFFF_FFFF_0000_0000UL) | value); break;
            case Spr.TBUW: WriteTimeBase((ReadTimeBase() & 0xFFFF_FFFFUL) | ((ulong)value << 32)); break;
            case Spr.DBSR: S->Dbsr &= ~value; break;
            case Spr.DBCR0:
                S->Dbcr0 = value & ~0x3000_0000u;
                if ((value & 0x3000_0000) != 0)
                {
                    string kind = ((value >> 28) & 3) switch { 1 => "core", 2 => "chip", _ => "system" };
                    RequestReset($"DBCR0[RST] {kind} reset");
                }

                break;
            case Spr.DBCR1: S->Dbcr1 = value; break;
            case Spr.DBCR2: S->Dbcr2 = value; break;
            case >= Spr.IAC1 and <= Spr.IAC4: S->Iac[spr - Spr.IAC1] = value; break;
            case Spr.DAC1 or Spr.DAC2: S->Dac[spr - Spr.DAC1] = value; break;
            case Spr.DVC1 or Spr.DVC2: S->Dvc[spr - Spr.DVC1] = value; break;
            case Spr.TSR: WriteTsr(value); break;
            case Spr.TCR: WriteTcr(value); break;
            case >= Spr.IVOR0 and <= Spr.IVOR15: S->Ivor[spr - Spr.IVOR0] = value & 0xFFF0; break;
            case Spr.MCSRR0: S->Mcsrr0 = value; break;
            case Spr.MCSRR1: S->Mcsrr1 = value; break;
            case Spr.MCSR: S->Mcsr &= ~value; break;
            case Spr.MMUCR: S->Mmucr = value & 0x03FF_00FF; break;
            case Spr.CCR0: S->Ccr0 = value; break;
            case Spr.CCR1: S->Ccr1 = value; break;
            case Spr.RSTCFG: S->Rstcfg = value; break;
            case Spr.PIR or Spr.PVR or Spr.TBLR or Spr.TBUR or (>= Spr.SPRG4R and <= Spr.SPRG7R):
                break;
            default: _plainSprs[spr] = value; break;
        }
    }

    // ---- TLB instructions -------------------------------------------------------------------

    /// <summary>tlbwe: writes word <paramref name="ws"/> of entry <paramref name="index"/>; PAGEID takes MMUCR[STID] as TID.</summary>
    internal void TlbWrite(int index, int ws, uint value)
    {
        bool wasValid = _tlb.Write(index & 63, ws > 2 ? 2 : ws, value, (byte)(S->Mmucr & 0xFF));
        if (wasValid || ws == 0)
        {
            // Seed 004 invalidates the shadow entries the old guest entry produced; a new generation does it in O(1).
            FlushShadow();
        }
    }

    /// <summary>tlbre: reads word <paramref name="ws"/>; reading PAGEID loads MMUCR[STID] with the entry's TID.</summary>
    internal uint TlbRead(int index, int ws)
    {
        index &= 63;
        switch (ws)
        {
            case 0:
                S->Mmucr = (S->Mmucr & ~0xFFu) | _tlb.Tid(index);
                return _tlb.Word0(index);
            case 1:
                return _tlb.Word1(index);
            default:
                return _tlb.Word2(index);
        }
    }

    /// <summary>tlbsx: searches with PID = MMUCR[STID] and AS = MMUCR[STS].</summary>
    internal int TlbSearch(uint ea) => _tlb.Search(ea, S->Mmucr & 0xFF, (S->Mmucr >> 16) & 1);

    public IReadOnlyList<BookETlbEntry> GetTlbEntries()
    {
        var list = new BookETlbEntry[Ppc440Tlb.Entries];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = new BookETlbEntry(i, _tlb.Word0(i), _tlb.Word1(i), _tlb.Word2(i), _tlb.Tid(i));
        }

        return list;
    }

    public void SetTlbEntry(BookETlbEntry entry)
    {
        if ((uint)entry.Index >= Ppc440Tlb.Entries)
        {
            throw new Hypervisor.KvmException(Hypervisor.Errno.EINVAL, "KVM_DIRTY_TLB", $"TLB index {entry.Index} is out of range (0..63).");
        }

        _tlb.Write(entry.Index, 0, entry.Word0, entry.Tid);
        _tlb.Write(entry.Index, 1, entry.Word1, entry.Tid);
        _tlb.Write(entry.Index, 2, entry.Word2, entry.Tid);
        FlushShadow();
    }

    public TranslationResult Translate(ulong effectiveAddress, AccessKind kind)
    {
        uint ea = (uint)effectiveAddress;
        bool exec = kind == AccessKind.Execute;
        uint space = (S->Msr & (exec ? Msr.IS : Msr.DS)) != 0 ? 1u : 0u;
        int index = _tlb.Search(ea, S->Pid, space);
        if (index < 0)
        {
            return new TranslationResult(ea, false, 0, -1, exec ? "InstructionTlbError" : "DataTlbError");
        }

        int ok = Translate(ea, kind, fault: false, out ulong pa, out _);
        return ok < 0
            ? new TranslationResult(ea, false, 0, index, exec ? "InstructionStorage" : "DataStorage")
            : new TranslationResult(ea, true, pa, index, null);
    }
}
