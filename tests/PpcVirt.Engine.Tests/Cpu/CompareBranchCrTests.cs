using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Compares, branches and CR/XER moves (Power ISA 2.06 Book I §2.4, §3.3.10, §3.3.15).</summary>
public sealed class CompareBranchCrTests
{
    [Fact]
    public void ComparesWriteTheirOwnCrField()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0xFFFF_FFFF);
        h.SetR(5, 1);
        h.SetR(6, 5);
        h["CR"] = 0;
        h["XER"] = 0;
        h.Run(
            Asm.Cmp(3, 4, 5),        // −1 < 1 signed → cr3 LT
            Asm.Cmpl(5, 4, 5),       // 0xFFFFFFFF > 1 unsigned → cr5 GT
            Asm.Cmpi(1, 4, -1),      // −1 == −1 → cr1 EQ
            Asm.Cmpli(7, 6, 0xFFFF), // 5 < 0xFFFF unsigned (UI zero-extended) → cr7 LT
            Asm.Cmpi(6, 6, -32768)); // 5 > −32768 → cr6 GT
        Assert.Equal(0x0208_0448u, h.Cr);
    }

    [Fact]
    public void CompareCopiesXerSo()
    {
        using var h = new CpuHarness();
        h.SetR(4, 7);
        h["CR"] = 0;
        h["XER"] = 0x8000_0000;
        h.Run(Asm.Cmpi(2, 4, 7), Asm.Cmpli(0, 4, 8));
        Assert.Equal(0x3u, h.CrField(2));
        Assert.Equal(0x9u, h.CrField(0));
    }

    /// <summary>bc BO,2,+8 at 0x1000; 0x1004: li r3,1 (fall-through marker); 0x1008: li r4,1 (target). Two instructions run.</summary>
    [Theory]
    [InlineData(0b10100, 0u, 5u, true, 5u)]          // branch always, CTR untouched
    [InlineData(0b01100, 0x2000_0000u, 5u, true, 5u)] // CR[2]=1 required: set
    [InlineData(0b01100, 0u, 5u, false, 5u)]         // CR[2]=1 required: clear
    [InlineData(0b00100, 0u, 5u, true, 5u)]          // CR[2]=0 required
    [InlineData(0b00100, 0x2000_0000u, 5u, false, 5u)]
    [InlineData(0b10000, 0u, 2u, true, 1u)]          // --CTR != 0
    [InlineData(0b10000, 0u, 1u, false, 0u)]
    [InlineData(0b10000, 0u, 0u, true, 0xFFFF_FFFFu)] // CTR wraps
    [InlineData(0b10010, 0u, 1u, true, 0u)]          // --CTR == 0
    [InlineData(0b10010, 0u, 2u, false, 1u)]
    [InlineData(0b01000, 0x2000_0000u, 2u, true, 1u)]  // --CTR != 0 && CR[2]
    [InlineData(0b01000, 0u, 2u, false, 1u)]
    [InlineData(0b01000, 0x2000_0000u, 1u, false, 0u)]
    [InlineData(0b00000, 0u, 3u, true, 2u)]            // --CTR != 0 && !CR[2]
    [InlineData(0b01010, 0x2000_0000u, 1u, true, 0u)]  // --CTR == 0 && CR[2]
    [InlineData(0b00010, 0x2000_0000u, 1u, false, 0u)] // --CTR == 0 && !CR[2]
    public void BcBoVariants(int bo, uint cr, uint ctr, bool taken, uint ctrAfter)
    {
        using var h = new CpuHarness();
        h["CR"] = cr;
        h["CTR"] = ctr;
        h.SetR(3, 0);
        h.SetR(4, 0);
        h.Load(CpuHarness.CodeBase, Asm.Bc(bo, 2, 8), Asm.Li(3, 1), Asm.Li(4, 1));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        h.Vcpu.Run(new() { MaxInstructions = 2 });
        Assert.Equal(taken ? 0u : 1u, h.R(3));
        Assert.Equal(taken ? 1u : 0u, h.R(4));
        Assert.Equal(taken ? 0x100Cu : 0x1008u, (uint)h["PC"]);
        Assert.Equal(ctrAfter, (uint)h["CTR"]);
    }

    [Fact]
    public void BcBackwardWithLinkAndAbsolute()
    {
        using var h = new CpuHarness();
        h.Load(0x1000, Asm.Bc(20, 0, -0x10, lk: true));
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new() { MaxInstructions = 1 });
        Assert.Equal(0xFF0u, (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["LR"]);

        h.Load(0x1000, Asm.Bc(20, 0, 0x2000, aa: true));
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new() { MaxInstructions = 1 });
        Assert.Equal(0x2000u, (uint)h["PC"]);
    }

    [Fact]
    public void BclrlBranchesToOldLrAndLinks()
    {
        using var h = new CpuHarness();
        h["LR"] = 0x2000;
        h.Load(0x2000, Asm.Li(5, 7));
        h.Run(Asm.Bclr(20, 0, lk: true), Asm.Nop);
        Assert.Equal(7u, h.R(5));
        Assert.Equal(0x1004u, (uint)h["LR"]);
        Assert.Equal(0x2004u, (uint)h["PC"]);
    }

    [Fact]
    public void BclrlNotTakenStillWritesLr()
    {
        using var h = new CpuHarness();
        h["LR"] = 0x2000;
        h["CR"] = 0x2000_0000; // EQ set; BO=0b00100 branches only if clear
        h.Run(Asm.Bclr(4, 2, lk: true));
        Assert.Equal(0x1004u, (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["LR"]);
    }

    [Fact]
    public void BclrDecrementsCtr()
    {
        using var h = new CpuHarness();
        h["LR"] = 0x2003; // low two bits ignored
        h["CTR"] = 2;
        h.Run(Asm.Bclr(16, 0));
        Assert.Equal(0x2000u, (uint)h["PC"]);
        Assert.Equal(1u, (uint)h["CTR"]);
    }

    [Fact]
    public void BcctrlBranchesToCtrAndLinks()
    {
        using var h = new CpuHarness();
        h["CTR"] = 0x3002;
        h.Run(Asm.Bcctr(20, 0, lk: true));
        Assert.Equal(0x3000u, (uint)h["PC"]);
        Assert.Equal(0x1004u, (uint)h["LR"]);
        Assert.Equal(0x3002u, (uint)h["CTR"]);
    }

    [Theory]
    [InlineData(0x100, false, false, 0x1100u, 0u)]
    [InlineData(-0x800, false, false, 0x0800u, 0u)]
    [InlineData(0x100, false, true, 0x1100u, 0x1004u)]
    [InlineData(0x3000, true, false, 0x3000u, 0u)]
    [InlineData(0x3000, true, true, 0x3000u, 0x1004u)]
    public void BranchIForm(int li, bool aa, bool lk, uint target, uint lr)
    {
        using var h = new CpuHarness();
        h["LR"] = 0;
        h.Run(Asm.B(li, aa, lk));
        Assert.Equal(target, (uint)h["PC"]);
        Assert.Equal(lr, (uint)h["LR"]);
    }

    [Fact]
    public void CrLogicalOps()
    {
        using var h = new CpuHarness();
        h["CR"] = 0x5000_0000; // bits 1 and 3 set
        h.Run(
            Asm.Crand(4, 1, 3), Asm.Crand(5, 0, 1),
            Asm.Cror(6, 0, 2), Asm.Cror(7, 0, 1),
            Asm.Crxor(8, 1, 3), Asm.Crxor(9, 0, 1),
            Asm.Crnand(10, 1, 3), Asm.Crnand(11, 0, 1),
            Asm.Crnor(12, 0, 2), Asm.Crnor(13, 0, 1),
            Asm.Creqv(14, 0, 2), Asm.Creqv(15, 0, 1),
            Asm.Crandc(16, 1, 0), Asm.Crandc(17, 1, 3),
            Asm.Crorc(18, 0, 1), Asm.Crorc(19, 0, 2));
        Assert.Equal(0x595A_9000u, h.Cr);
    }

    [Fact]
    public void CrxorClearsAndCrorMovesABit()
    {
        using var h = new CpuHarness();
        h["CR"] = 0xFFFF_FFFF;
        h.Run(Asm.Crxor(31, 31, 31), Asm.Cror(0, 31, 31));
        Assert.Equal(0x7FFF_FFFEu, h.Cr);
    }

    [Fact]
    public void Mcrf()
    {
        using var h = new CpuHarness();
        h["CR"] = 0x1234_5678;
        h.Run(Asm.Mcrf(7, 1), Asm.Mcrf(0, 6));
        Assert.Equal(0x7234_5672u, h.Cr);
    }

    [Fact]
    public void McrxrCopiesAndClearsSoOvCa()
    {
        using var h = new CpuHarness();
        h["CR"] = 0;
        h["XER"] = 0xE000_0012;
        h.Run(Asm.Mcrxr(2));
        Assert.Equal(0x00E0_0000u, h.Cr);
        Assert.Equal(0x12u, h.Xer);
    }

    [Fact]
    public void MtcrfMasksAndMfcr()
    {
        using var h = new CpuHarness();
        h["CR"] = 0xFFFF_FFFF;
        h.SetR(4, 0x1234_5678);
        h.Run(Asm.Mtcrf(0x81, 4), Asm.Mfcr(5), Asm.Mtcrf(0x24, 4), Asm.Mfcr(6), Asm.Mtcrf(0xFF, 4), Asm.Mfcr(7));
        Assert.Equal(0x1FFF_FFF8u, h.R(5));
        Assert.Equal(0x1F3F_F6F8u, h.R(6));
        Assert.Equal(0x1234_5678u, h.R(7));
    }

    [Fact]
    public void CountedLoopRunsCtrTimes()
    {
        using var h = new CpuHarness();
        h["CTR"] = 10;
        h.SetR(3, 0);
        // loop: addi r3,r3,3 ; bdnz loop ; (fall out)
        h.Load(0x1000, Asm.Addi(3, 3, 3), Asm.Bc(16, 0, -4), Asm.Nop);
        h.Vcpu.ProgramCounter = 0x1000;
        h.Vcpu.Run(new() { MaxInstructions = 20 });
        Assert.Equal(30u, h.R(3));
        Assert.Equal(0u, (uint)h["CTR"]);
        Assert.Equal(0x1008u, (uint)h["PC"]);
    }
}
