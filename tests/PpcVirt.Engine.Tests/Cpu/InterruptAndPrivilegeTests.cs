using PpcVirt.Engine.Hypervisor;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Book III-E interrupts as the 440 takes them (Power ISA 2.06 Book III-E ch. 7; PPC440 manual "Interrupts and Exceptions", "Timer Facilities").</summary>
public sealed class InterruptAndPrivilegeTests
{
    private const uint EsrPil = 0x0800_0000, EsrPpr = 0x0400_0000, EsrPtr = 0x0200_0000;
    private const uint MsrWe = 0x0004_0000, MsrEe = 0x8000, MsrPr = 0x4000, MsrFp = 0x2000, MsrMe = 0x1000;

    [Fact]
    public void ScSavesNextPcAndOldMsrAndClearsEePr()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrEe | MsrPr | MsrFp | MsrMe;
        h.RunFor(1, Asm.Sc);
        Assert.Equal(CpuHarness.Vector(8), (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["SRR0"]);
        Assert.Equal(MsrEe | MsrPr | MsrFp | MsrMe, (uint)h["SRR1"]);
        Assert.Equal(MsrMe, (uint)h["MSR"]);
    }

    [Theory]
    [InlineData(0x0000_0000u)]  // primary opcode 0
    [InlineData(0x7C00_07FCu)]  // opcode 31, XO 1022: unassigned
    [InlineData(0xFC00_0030u)]  // opcode 63, XO 24 (A-form fre, not on the 440FP)
    public void IllegalInstructionTakesProgramInterruptWithPil(uint word)
    {
        using var h = new CpuHarness();
        h["ESR"] = 0;
        h.RunFor(1, word);
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
        Assert.Equal(EsrPil, (uint)h["ESR"]);
    }

    [Fact]
    public void UserMfmsrIsPrivileged()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.Mfmsr(3));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
        Assert.Equal(MsrPr, (uint)h["SRR1"]);
    }

    [Theory]
    [InlineData(287)] // PVR
    [InlineData(26)]  // SRR0
    [InlineData(272)] // SPRG0
    public void UserMfsprOfPrivilegedSprIsPrivileged(int spr)
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.Mfspr(3, spr));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
    }

    [Fact]
    public void UserMfsprOfUserSprsWorks()
    {
        using var h = new CpuHarness();
        h["LR"] = 0x1111;
        h["CTR"] = 0x2222;
        h["XER"] = 0x2000_0005;
        h["SPRG4"] = 0x4444;
        h["MSR"] = MsrPr;
        h.Run(Asm.Mfspr(3, 8), Asm.Mfspr(4, 9), Asm.Mfspr(5, 1), Asm.Mfspr(6, 260));
        Assert.Equal(0x1111u, h.R(3));
        Assert.Equal(0x2222u, h.R(4));
        Assert.Equal(0x2000_0005u, h.R(5));
        Assert.Equal(0x4444u, h.R(6));
    }

    [Fact]
    public void SupervisorMfsprPvrReadsTheModel()
    {
        using var h = new CpuHarness();
        h.Run(Asm.Mfspr(3, 287));
        Assert.Equal(0x4222_18D3u, h.R(3));
    }

    [Theory]
    [InlineData(4, 5u, 5u, true)]              // tweq
    [InlineData(16, 0xFFFF_FFFFu, 0u, true)]   // twlt (signed)
    [InlineData(2, 0xFFFF_FFFFu, 0u, false)]   // twllt (unsigned): 0xFFFFFFFF !< 0
    [InlineData(1, 0xFFFF_FFFFu, 0u, true)]    // twlgt
    [InlineData(8, 0u, 0u, false)]
    [InlineData(31, 0u, 0u, true)]             // trap
    public void TwTrapsWithPtr(int to, uint a, uint b, bool traps)
    {
        using var h = new CpuHarness();
        h.SetR(3, a);
        h.SetR(4, b);
        h["ESR"] = 0;
        h.RunFor(1, Asm.Tw(to, 3, 4));
        if (traps)
        {
            Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
            Assert.Equal(EsrPtr, (uint)h["ESR"]);
            Assert.Equal(0x1000u, (uint)h["SRR0"]);
        }
        else
        {
            Assert.Equal(0x1004u, (uint)h["PC"]);
        }
    }

    [Fact]
    public void TwiTrapsOnImmediate()
    {
        using var h = new CpuHarness();
        h.SetR(3, 0xFFFF_FFFF);
        h.RunFor(2, Asm.Twi(4, 3, 0), Asm.Twi(4, 3, -1));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["SRR0"]);
        Assert.Equal(EsrPtr, (uint)h["ESR"]);
    }

    [Fact]
    public void RfiRestoresMsrAndPc()
    {
        using var h = new CpuHarness();
        h["SRR0"] = 0x2000;
        h["SRR1"] = MsrPr | MsrFp | MsrMe;
        h.Load(0x2000, Asm.Li(5, 9));
        h.RunFor(2, Asm.Rfi);
        Assert.Equal(9u, h.R(5));
        Assert.Equal(0x2004u, (uint)h["PC"]);
        Assert.Equal(MsrPr | MsrFp | MsrMe, (uint)h["MSR"]);
    }

    [Fact]
    public void ScThenRfiRoundTrip()
    {
        using var h = new CpuHarness();
        h.Load(CpuHarness.Vector(8), Asm.Li(7, 0x77), Asm.Rfi);
        h["MSR"] = MsrPr | MsrMe;
        h.RunFor(4, Asm.Sc, Asm.Li(8, 0x88));
        Assert.Equal(0x77u, h.R(7));
        Assert.Equal(0x88u, h.R(8));
        Assert.Equal(MsrPr | MsrMe, (uint)h["MSR"]);
        Assert.Equal(0x1008u, (uint)h["PC"]);
    }

    [Fact]
    public void WrteeiAndWrtee()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrMe;
        h.SetR(3, 0);
        h.SetR(4, 0xFFFF_FFFF);
        h.Run(Asm.Wrteei(true), Asm.Mfmsr(5), Asm.Wrtee(3), Asm.Mfmsr(6), Asm.Wrtee(4), Asm.Mfmsr(7), Asm.Wrteei(false));
        Assert.Equal(MsrMe | MsrEe, h.R(5));
        Assert.Equal(MsrMe, h.R(6));
        Assert.Equal(MsrMe | MsrEe, h.R(7)); // only bit EE is taken from RS
        Assert.Equal(MsrMe, (uint)h["MSR"]);
    }

    [Fact]
    public void UserWrteeiIsPrivileged()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.Wrteei(true));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
        Assert.Equal(MsrPr, (uint)h["SRR1"]);
    }

    [Fact]
    public void DecrementerInterruptIsTaken()
    {
        using var h = new CpuHarness();
        h["TCR"] = 0x0400_0000; // DIE
        h["DEC"] = 1;
        h["MSR"] = MsrEe | MsrMe;
        VcpuExit exit = h.RunFor(100_000, Asm.B(0));
        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(CpuHarness.Vector(10), (uint)h["PC"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
        Assert.Equal(MsrEe | MsrMe, (uint)h["SRR1"]);
        Assert.Equal(0x0800_0000u, (uint)h["TSR"] & 0x0800_0000); // TSR[DIS]
        Assert.Equal(MsrMe, (uint)h["MSR"]);
    }

    [Fact]
    public void DecrementerWithEeClearSetsDisButIsNotTaken()
    {
        using var h = new CpuHarness();
        h["TCR"] = 0x0400_0000;
        h["DEC"] = 1;
        h["MSR"] = MsrMe;
        h.RunFor(100_000, Asm.B(0));
        Assert.Equal(0x1000u, (uint)h["PC"]);
        Assert.Equal(0x0800_0000u, (uint)h["TSR"] & 0x0800_0000);
        Assert.Equal(0u, (uint)h["DEC"]);
    }

    [Fact]
    public void Dbcr0ResetFieldExitsWithReset()
    {
        using var h = new CpuHarness();
        VcpuExit exit = h.RunFor(1000, Asm.Addis(3, 0, 0x3000), Asm.Mtspr(308, 3), Asm.B(0));
        Assert.Equal(ExitReason.Reset, exit.Reason);
    }

    [Fact]
    public void WaitStateDoesNotSpin()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrMe;
        h.Load(CpuHarness.CodeBase, Asm.Addis(3, 0, 0x0004), Asm.Mtmsr(3), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit exit = h.Vcpu.Run(new RunOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(ExitReason.Timeout, exit.Reason);
        Assert.True(exit.InstructionsExecuted <= 3, $"executed {exit.InstructionsExecuted} instructions in the wait state");
        Assert.Equal(MsrWe, (uint)h["MSR"]);
    }

    [Fact]
    public void UserMtmsrIsPrivileged()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.Mtmsr(3));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
    }

    [Fact]
    public void IvprSuppliesTheHighHalfOfTheVector()
    {
        using var h = new CpuHarness();
        h["IVPR"] = 0x0010_0000;
        h["IVOR8"] = 0x0120;
        h.RunFor(1, Asm.Sc);
        Assert.Equal(0x0010_0120u, (uint)h["PC"]);
    }

    [Fact]
    public void UnalignedLwarxIsAlignment()
    {
        using var h = new CpuHarness();
        h.SetR(4, CpuHarness.DataBase + 2);
        h.RunFor(1, Asm.Lwarx(3, 0, 4));
        Assert.Equal(CpuHarness.Vector(5), (uint)h["PC"]);
        Assert.Equal(CpuHarness.DataBase + 2, (uint)h["DEAR"]);
        Assert.Equal(0x1000u, (uint)h["SRR0"]);
    }

    [Fact]
    public void Sprg4WrittenBySupervisorIsReadableBySprg4RInUserMode()
    {
        using var h = new CpuHarness();
        h.SetR(3, 0xABCD);
        h["SRR0"] = 0x2000;
        h["SRR1"] = MsrPr;
        h.Load(0x2000, Asm.Mfspr(4, 260));
        h.RunFor(3, Asm.Mtspr(276, 3), Asm.Rfi);
        Assert.Equal(0xABCDu, h.R(4));
    }

    [Fact]
    public void UserMtsprToSrr0IsPrivileged()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.Mtspr(26, 3));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
    }

    [Fact]
    public void InterruptClearsIsAndDs()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new PpcVirt.Engine.Mmu.BookETlbEntry(1, 0x0000_0390, 0, 0x3F, 0)); // EA 0 256 MiB, TS=1
        h["MSR"] = 0x30 | MsrMe; // IS DS
        h.RunFor(1, Asm.Sc);
        Assert.Equal(MsrMe, (uint)h["MSR"]);
        Assert.Equal(0x30u | MsrMe, (uint)h["SRR1"]);
        Assert.Equal(CpuHarness.Vector(8), (uint)h["PC"]);
    }

    [Fact]
    public void TsrIsWriteOneToClear()
    {
        using var h = new CpuHarness();
        h["TSR"] = 0x0C00_0000; // DIS FIS
        h.SetR(3, 0x0800_0000);
        h.Run(Asm.Mtspr(336, 3), Asm.Mfspr(4, 336));
        Assert.Equal(0x0400_0000u, h.R(4) & 0x0C00_0000);
    }

    [Fact]
    public void DecrementerAutoReload()
    {
        using var h = new CpuHarness();
        h["TCR"] = 0x0040_0000; // ARE, no DIE
        h["DECAR"] = 0x7FFF_FFFF;
        h["DEC"] = 1;
        h["MSR"] = MsrMe;
        h.RunFor(100_000, Asm.B(0));
        Assert.Equal(0x0800_0000u, (uint)h["TSR"] & 0x0800_0000);
        Assert.NotEqual(0u, (uint)h["DEC"]); // reloaded from DECAR and counting
    }

    [Fact]
    public void PendingDecrementerIsTakenRightAfterWrteeiEnablesIt()
    {
        using var h = new CpuHarness();
        h["TCR"] = 0x0400_0000;
        h["TSR"] = 0x0800_0000; // DIS already pending
        h["MSR"] = MsrMe;
        h.SetR(3, 0);
        h.RunFor(3, Asm.Wrteei(true), Asm.Li(3, 1), Asm.Li(3, 2));
        Assert.Equal(0u, h.R(3));
        Assert.Equal(0x1004u, (uint)h["SRR0"]);
        Assert.Equal(CpuHarness.Vector(10), (uint)h["PC"]);
    }

    [Fact]
    public void DecrementerWakesTheWaitState()
    {
        using var h = new CpuHarness();
        h["TCR"] = 0x0400_0000;
        h["MSR"] = MsrMe | MsrEe;
        h.SetR(3, (uint)(MsrWe | MsrEe | MsrMe));
        h.SetR(4, 400_000); // 1 ms of time base at 400 MHz
        h.Load(CpuHarness.CodeBase, Asm.Mtspr(22, 4), Asm.Mtmsr(3), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 10, Timeout = TimeSpan.FromSeconds(20) });
        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(CpuHarness.Vector(10), (uint)h["PC"]);
        Assert.Equal(0x1008u, (uint)h["SRR0"]);
        Assert.Equal(MsrWe | MsrEe | MsrMe, (uint)h["SRR1"]);
        Assert.Equal(MsrMe, (uint)h["MSR"]);
    }

    [Fact]
    public void RfciUsesCsrr()
    {
        using var h = new CpuHarness();
        h["CSRR0"] = 0x2000;
        h["CSRR1"] = MsrMe | MsrFp;
        h["SRR0"] = 0x3000;
        h.RunFor(1, Asm.XL(0, 0, 0, 51));
        Assert.Equal(0x2000u, (uint)h["PC"]);
        Assert.Equal(MsrMe | MsrFp, (uint)h["MSR"]);
    }

    [Fact]
    public void IvorKeepsOnlyBits48To59()
    {
        using var h = new CpuHarness();
        h.SetR(3, 0xFFFF_1234);
        h.Run(Asm.Mtspr(400 + 8, 3), Asm.Mfspr(4, 408)); // IVOR8
        Assert.Equal(0x1230u, h.R(4));
    }

    [Fact]
    public void MfdcrOfUnclaimedDcrExitsToTheVmm()
    {
        using var h = new CpuHarness();
        h.Load(CpuHarness.CodeBase, Asm.X(31, 3, 0x0C, 0, 323)); // mfdcr r3,12
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 1 });
        Assert.Equal(ExitReason.Dcr, exit.Reason);
        Assert.NotNull(exit.Dcr);
        Assert.Equal(12u, exit.Dcr.DcrNumber);
        Assert.False(exit.Dcr.IsWrite);
    }

    [Fact]
    public void UserMfdcrIsPrivileged()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrPr;
        h.RunFor(1, Asm.X(31, 3, 0x0C, 0, 323));
        Assert.Equal(CpuHarness.Vector(6), (uint)h["PC"]);
        Assert.Equal(EsrPpr, (uint)h["ESR"]);
    }
}
