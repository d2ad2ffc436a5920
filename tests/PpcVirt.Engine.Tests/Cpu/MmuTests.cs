using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>PPC440 software-managed TLB (PPC440 user manual "Memory Management"; Power ISA 2.06 Book III-E ch. 6) and the shadow translation built from it.</summary>
public sealed class MmuTests
{
    private const int Mmucr = 946, Pid = 48;
    private const uint EsrSt = 0x0080_0000;
    private const uint Va = 0x4000_0000;

    /// <summary>Entry 1: EA 0x40000000, 4 KiB (SIZE=1), V, TS=<paramref name="ts"/> → <paramref name="pa"/>.</summary>
    private static void Map4K(CpuHarness h, int index, uint ea, uint pa, uint perms, byte tid = 0, int ts = 0) =>
        h.Vcpu.SetTlbEntry(new BookETlbEntry(index, ea | 0x210 | (uint)(ts << 8), pa, perms, tid));

    [Fact]
    public void TlbweTlbreRoundTripMasksReservedBitsAndLoadsStid()
    {
        using var h = new CpuHarness();
        h["MMUCR"] = 0x42;
        h.SetR(3, 5);
        h.SetR(4, 0xFFFF_FFFF);
        h.SetR(11, 0);
        h.Run(
            Asm.Tlbwe(4, 3, 0), Asm.Tlbwe(4, 3, 1), Asm.Tlbwe(4, 3, 2),
            Asm.Mtspr(Mmucr, 11),
            Asm.Tlbre(7, 3, 0), Asm.Tlbre(8, 3, 1), Asm.Tlbre(9, 3, 2),
            Asm.Mfspr(10, Mmucr));
        Assert.Equal(0xFFFF_FFF0u, h.R(7));
        Assert.Equal(0xFFFF_FC0Fu, h.R(8));
        Assert.Equal(0x0000_FFBFu, h.R(9));
        Assert.Equal(0x42u, h.R(10) & 0xFF);
        BookETlbEntry e = h.Vcpu.GetTlbEntries()[5];
        Assert.Equal((byte)0x42, e.Tid);
        Assert.Equal(0xFFFF_FFF0u, e.Word0);
    }

    [Fact]
    public void TlbsxSearchesWithStidAndSts()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, tid: 7);
        Map4K(h, 2, Va, 0x30000, 0x3F, tid: 0, ts: 1);
        Map4K(h, 3, 0x5000_0000, 0x40000, 0x3F, tid: 0);
        h.SetR(4, Va + 0x123);
        h.SetR(5, 0x5000_0010);
        h.SetR(20, 7);           // STID 7, STS 0
        h.SetR(21, 9);           // STID 9
        h.SetR(22, 0x0001_0000); // STS 1, STID 0
        h.SetR(6, 0xEEEE);
        h["XER"] = 0;
        h.Run(
            Asm.Mtspr(Mmucr, 20), Asm.Tlbsx(3, 0, 4, rc: true), Asm.Mfcr(13),
            Asm.Mtspr(Mmucr, 21), Asm.Tlbsx(6, 0, 4, rc: true), Asm.Mfcr(14),
            Asm.Tlbsx(7, 0, 5, rc: true),
            Asm.Mtspr(Mmucr, 22), Asm.Tlbsx(8, 0, 4));
        Assert.Equal(1u, h.R(3));
        Assert.Equal(0x2u, h.R(13) >> 28);
        Assert.Equal(0xEEEEu, h.R(6));     // not found: RT unchanged
        Assert.Equal(0x0u, h.R(14) >> 28); // CR0[EQ] clear
        Assert.Equal(3u, h.R(7));          // TID 0 matches any STID
        Assert.Equal(2u, h.R(8));          // TS 1 entry
    }

    [Fact]
    public void PidMismatchOnLoadIsDataTlbErrorWithoutSt()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, tid: 7);
        h["PID"] = 5;
        h["ESR"] = 0xFFFF_FFFF;
        h.SetR(4, Va + 0x10);
        h.RunFor(1, Asm.Lwz(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(Va + 0x10, (uint)h["DEAR"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
        Assert.Equal(0u, (uint)h["ESR"]);
    }

    [Fact]
    public void PidMismatchOnStoreIsDataTlbErrorWithSt()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, tid: 7);
        h["PID"] = 5;
        h.SetR(4, Va + 0x20);
        h.RunFor(1, Asm.Stw(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(Va + 0x20, (uint)h["DEAR"]);
        Assert.Equal(EsrSt, (uint)h["ESR"]);
    }

    [Fact]
    public void MatchingPidTranslates()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, tid: 7);
        h.Write32(0x20010, 0xABCD_0123);
        h["PID"] = 7;
        h.SetR(4, Va + 0x10);
        h.Run(Asm.Lwz(3, 0, 4));
        Assert.Equal(0xABCD_0123u, h.R(3));
    }

    [Fact]
    public void InstructionTlbErrorReportsTheFetchAddress()
    {
        using var h = new CpuHarness();
        h["CTR"] = 0x6000_0000;
        h.RunFor(2, Asm.Bcctr(20, 0));
        Assert.Equal(CpuHarness.Vector(14), (uint)h["PC"]);
        Assert.Equal(0x6000_0000u, (uint)h["SRR0"]);
    }

    [Fact]
    public void StoreToPageWithoutSwIsDataStorageWithSt()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x01); // SR only
        h.Write32(0x20000, 0x1234_5678);
        h.SetR(4, Va + 8);
        h.SetR(5, Va);
        h.RunFor(2, Asm.Lwz(3, 0, 5), Asm.Stw(3, 0, 4));
        Assert.Equal(0x1234_5678u, h.R(3));
        Assert.Equal(CpuHarness.Vector(2), (uint)h["PC"]);
        Assert.Equal(Va + 8, (uint)h["DEAR"]);
        Assert.Equal(EsrSt, (uint)h["ESR"]);
        Assert.Equal(0x1004u, (uint)h["SRR0"]);
    }

    [Fact]
    public void UserLoadFromSupervisorOnlyPageIsDataStorage()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x03); // SR SW only
        h["MSR"] = 0x4000;
        h.SetR(4, Va);
        h.RunFor(1, Asm.Lwz(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(2), (uint)h["PC"]);
        Assert.Equal(Va, (uint)h["DEAR"]);
        Assert.Equal(0u, (uint)h["ESR"]);
    }

    [Fact]
    public void SupervisorUsesSBitsNotUBits()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x08); // UR only
        h.SetR(4, Va);
        h.RunFor(1, Asm.Lwz(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(2), (uint)h["PC"]);

        using var u = new CpuHarness();
        Map4K(u, 1, Va, 0x20000, 0x08);
        u.Write32(0x20000, 0x600D_F00D);
        u["MSR"] = 0x4000;
        u.SetR(4, Va);
        u.Run(Asm.Lwz(3, 0, 4));
        Assert.Equal(0x600D_F00Du, u.R(3));
    }

    [Fact]
    public void UserFetchFromPageWithoutUxIsInstructionStorage()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x1F); // everything but UX
        h["CTR"] = Va;
        h["MSR"] = 0x4000;
        h.RunFor(2, Asm.Bcctr(20, 0));
        Assert.Equal(CpuHarness.Vector(3), (uint)h["PC"]);
        Assert.Equal(Va, (uint)h["SRR0"]);
    }

    [Fact]
    public void OneKilobytePageMapsOnlyOneKilobyte()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x200, 0x20000, 0x3F, 0)); // SIZE 0 = 1 KiB
        h.Write32(0x203FC, 0x1111_2222);
        h.SetR(4, Va + 0x3FC);
        h.SetR(5, Va + 0x400);
        h.RunFor(2, Asm.Lwz(3, 0, 4), Asm.Lwz(6, 0, 5));
        Assert.Equal(0x1111_2222u, h.R(3));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(Va + 0x400, (uint)h["DEAR"]);
        Assert.Equal(0x20000ul, h.Vcpu.Translate(Va).PhysicalAddress);
        Assert.False(h.Vcpu.Translate(Va + 0x400).Valid);
    }

    [Fact]
    public void TranslationSpaceMustMatchMsrDs()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, ts: 1);
        h.Write32(0x20000, 0x7777_7777);
        h.SetR(4, Va);
        h["MSR"] = 0x10; // DS=1, IS=0: code still comes from the TS=0 entry 0
        h.Run(Asm.Lwz(3, 0, 4));
        Assert.Equal(0x7777_7777u, h.R(3));

        h["MSR"] = 0;
        h.RunFor(1, Asm.Lwz(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
    }

    [Fact]
    public void TlbweOnLiveEntryTakesEffectForTheNextAccess()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F);
        h.Write32(0x20000, 0xAAAA_AAAA);
        h.Write32(0x30000, 0xBBBB_BBBB);
        h.SetR(4, Va);
        h.SetR(5, 1);          // entry index
        h.SetR(6, 0x30000);    // new XLAT word
        h.Run(Asm.Lwz(3, 0, 4), Asm.Tlbwe(6, 5, 1), Asm.Isync, Asm.Lwz(7, 0, 4), Asm.Stw(5, 4, 4));
        Assert.Equal(0xAAAA_AAAAu, h.R(3));
        Assert.Equal(0xBBBB_BBBBu, h.R(7));
        Assert.Equal(1u, h.Read32(0x30004));
        Assert.Equal(0u, h.Read32(0x20004));
    }

    [Fact]
    public void TlbweInvalidatingAnEntryFaultsTheNextAccess()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F);
        h.SetR(4, Va);
        h.SetR(5, 1);
        h.SetR(6, Va | 0x10); // V = 0
        h.RunFor(3, Asm.Lwz(3, 0, 4), Asm.Tlbwe(6, 5, 0), Asm.Lwz(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(0x1008u, (uint)h["SRR0"]);
    }

    [Fact]
    public void VcpuTranslate()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x09); // UR SR
        TranslationResult ok = h.Vcpu.Translate(Va + 0x123);
        Assert.True(ok.Valid);
        Assert.Equal(0x20123ul, ok.PhysicalAddress);
        Assert.Equal(1, ok.TlbIndex);
        TranslationResult miss = h.Vcpu.Translate(0x7000_0000);
        Assert.False(miss.Valid);
        Assert.Equal(-1, miss.TlbIndex);
        TranslationResult denied = h.Vcpu.Translate(Va, AccessKind.Write);
        Assert.False(denied.Valid);
        Assert.Equal(1, denied.TlbIndex);
        Assert.Equal(0x1234ul, h.Vcpu.Translate(0x1234, AccessKind.Execute).PhysicalAddress);
    }

    [Fact]
    public void ErpnSelectsAddressAbove4GiB()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x0002_0001, 0x3F); // ERPN = 1
        Assert.Equal(0x1_0002_0010ul, h.Vcpu.Translate(Va + 0x10).PhysicalAddress);
    }

    [Fact]
    public void SelfModifyingCodeByGuestStore()
    {
        using var h = new CpuHarness();
        h.Load(0x1000, Asm.Li(3, 1), Asm.B(0));
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 1 });
        Assert.Equal(1u, h.R(3));

        h.Load(0x1100, Asm.Stw(5, 0, 4), Asm.B(-0x104));
        h.SetR(4, 0x1000);
        h.SetR(5, Asm.Li(3, 2));
        h.Vcpu.ProgramCounter = 0x1100;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 3 });
        Assert.Equal(2u, h.R(3));
    }

    [Fact]
    public void SelfModifyingCodeInTheSameBlock()
    {
        using var h = new CpuHarness();
        // 0x1000: stw r5,8(r4) ; 0x1004: nop ; 0x1008: li r3,1 (replaced by li r3,2 before it runs)
        h.SetR(4, 0x1000);
        h.SetR(5, Asm.Li(3, 2));
        h.Load(0x1000, Asm.Stw(5, 8, 4), Asm.Nop, Asm.Li(3, 1));
        h.Vcpu.ProgramCounter = 0x1008;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 1 }); // decode li r3,1 first
        Assert.Equal(1u, h.R(3));
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 3 });
        Assert.Equal(2u, h.R(3));
    }

    [Fact]
    public void SelfModifyingCodeByHostWrite()
    {
        using var h = new CpuHarness();
        h.Run(Asm.Li(3, 1));
        Assert.Equal(1u, h.R(3));
        h.Run(Asm.Li(3, 5));
        Assert.Equal(5u, h.R(3));
    }

    [Fact]
    public void CodeRunsFromOneKilobytePagesAtUnalignedRealAddresses()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x200, 0x20C00, 0x3F, 0));         // EA 0x40000000 1K → PA 0x20C00
        h.Vcpu.SetTlbEntry(new BookETlbEntry(2, (Va + 0x400) | 0x200, 0x30000, 0x3F, 0)); // EA 0x40000400 1K → PA 0x30000
        h.Load(0x20C00, Asm.Li(5, 0x55));
        h.Load(0x20FFC, Asm.Li(3, 1));
        h.Load(0x30000, Asm.Li(4, 2), Asm.B(0));
        h.Load(0x1000, Asm.Li(5, 0x66)); // what a 4 KiB-granular fetch would wrongly see at PA 0x21000 is not involved; PA 0x1000 is a decoy
        h["CTR"] = Va;
        h.RunFor(2, Asm.Bcctr(20, 0));
        Assert.Equal(0x55u, h.R(5));
        h["CTR"] = Va + 0x3FC;
        h.RunFor(4, Asm.Bcctr(20, 0));
        Assert.Equal(1u, h.R(3));
        Assert.Equal(2u, h.R(4));
        Assert.Equal(Va + 0x404, (uint)h["PC"]);
    }

    [Fact]
    public void DcbzOnCachingInhibitedPageIsAlignment()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F | 0x400); // I bit
        h.SetR(4, Va + 0x24);
        h.RunFor(1, Asm.Dcbz(0, 4));
        Assert.Equal(CpuHarness.Vector(5), (uint)h["PC"]);
        Assert.Equal(Va + 0x24, (uint)h["DEAR"]);
    }

    [Fact]
    public void LoadFromUnbackedRealAddressExitsWithMmio()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x0200_0000, 0x3F); // 32 MiB: beyond the 16 MiB of RAM
        h.SetR(4, Va + 0x10);
        h.Load(CpuHarness.CodeBase, Asm.Lwz(3, 0, 4));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 1 });
        Assert.Equal(ExitReason.Mmio, exit.Reason);
        Assert.NotNull(exit.Mmio);
        Assert.Equal(0x0200_0010ul, exit.Mmio.PhysicalAddress);
        Assert.Equal(4, exit.Mmio.Length);
        Assert.False(exit.Mmio.IsWrite);
    }

    [Fact]
    public void UnalignedStoreIntoUnmappedPageWritesNothing()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F); // EA 0x40001000 is unmapped
        h.WriteBytes(0x20FFC, 0x11, 0x22, 0x33, 0x44);
        h.SetR(4, Va + 0xFFE);
        h.SetR(5, 0xAABB_CCDD);
        h.RunFor(1, Asm.Stw(5, 0, 4));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(EsrSt, (uint)h["ESR"]);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44 }, h.ReadBytes(0x20FFC, 4));
    }

    [Fact]
    public void SelfModifyingCodeThroughAnAliasMapping()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x210, 0x1000, 0x3F, 0)); // EA 0x40000000 → PA 0x1000
        h.Load(0x1000, Asm.Li(3, 1), Asm.B(0));
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 1 });
        Assert.Equal(1u, h.R(3));
        h.Load(0x2000, Asm.Stw(5, 0, 4), Asm.B(-0x1004));
        h.SetR(4, Va);
        h.SetR(5, Asm.Li(3, 3));
        h.Vcpu.ProgramCounter = 0x2000;
        h.Vcpu.Run(new RunOptions { MaxInstructions = 3 });
        Assert.Equal(3u, h.R(3));
    }

    [Fact]
    public void PidChangeDropsCachedTranslations()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F, tid: 7);
        h.Write32(0x20000, 0x0707_0707);
        h["PID"] = 7;
        h.SetR(4, Va);
        h.SetR(6, 5);
        h.RunFor(3, Asm.Lwz(3, 0, 4), Asm.Mtspr(Pid, 6), Asm.Lwz(5, 0, 4));
        Assert.Equal(0x0707_0707u, h.R(3));
        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(0x1008u, (uint)h["SRR0"]);
    }

    [Fact]
    public void DroppingToUserModeRechecksPermissions()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x03); // SR SW only
        h.Write32(0x20000, 0x5555_0000);
        h.SetR(4, Va);
        h["SRR0"] = 0x2000;
        h["SRR1"] = 0x4000;
        h.Load(0x2000, Asm.Lwz(5, 0, 4));
        h.RunFor(3, Asm.Lwz(3, 0, 4), Asm.Rfi);
        Assert.Equal(0x5555_0000u, h.R(3));
        Assert.Equal(CpuHarness.Vector(2), (uint)h["PC"]);
        Assert.Equal(0x2000u, (uint)h["SRR0"]);
    }

    [Fact]
    public void MsrDsSwitchSelectsTheOtherTranslationSpace()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x30000, 0x3F, ts: 0);
        Map4K(h, 2, Va, 0x20000, 0x3F, ts: 1);
        h.Write32(0x30000, 0x0000_0000 | 0xD500);
        h.Write32(0x20000, 0x0000_0000 | 0xD510);
        h.SetR(4, Va);
        h.SetR(6, 0x10); // DS
        h.SetR(7, 0);
        h.Run(Asm.Lwz(3, 0, 4), Asm.Mtmsr(6), Asm.Lwz(5, 0, 4), Asm.Mtmsr(7), Asm.Lwz(8, 0, 4));
        Assert.Equal(0xD500u, h.R(3));
        Assert.Equal(0xD510u, h.R(5));
        Assert.Equal(0xD500u, h.R(8));
    }

    [Fact]
    public void LittleEndianPageSwapsBytes()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x3F | 0x80); // E
        h.WriteBytes(0x20000, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66);
        h.SetR(4, Va);
        h.SetR(6, 0xA1B2_C3D4);
        h.Run(Asm.Lwz(3, 0, 4), Asm.Lhz(5, 4, 4), Asm.Lbz(7, 1, 4), Asm.Stw(6, 8, 4), Asm.Lwz(8, 0, 4));
        Assert.Equal(0x4433_2211u, h.R(3));
        Assert.Equal(0x6655u, h.R(5));
        Assert.Equal(0x22u, h.R(7));
        Assert.Equal(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1 }, h.ReadBytes(0x20008, 4));
        Assert.Equal(0x4433_2211u, h.R(8));
    }

    [Fact]
    public void ReadPermissionDoesNotGrantWriteAfterAReadFilledTheCache()
    {
        using var h = new CpuHarness();
        Map4K(h, 1, Va, 0x20000, 0x01); // SR
        h.SetR(4, Va);
        h.RunFor(3, Asm.Lwz(3, 0, 4), Asm.Lwz(3, 4, 4), Asm.Stw(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(2), (uint)h["PC"]);
        Assert.Equal(0x1008u, (uint)h["SRR0"]);
        Assert.Equal(EsrSt, (uint)h["ESR"]);
    }
}
