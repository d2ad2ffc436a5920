using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Fixed-point logical, rotate and shift instructions (Power ISA 2.06 Book I §3.3.12–3.3.14).</summary>
public sealed class LogicalRotateShiftTests
{
    private const uint Ca = 0x2000_0000;

    [Theory]
    [InlineData("and", 0x00F0_1200u)]
    [InlineData("or", 0xFFF0_FF34u)]
    [InlineData("xor", 0xFF00_ED34u)]
    [InlineData("nand", 0xFF0F_EDFFu)]
    [InlineData("nor", 0x000F_00CBu)]
    [InlineData("eqv", 0x00FF_12CBu)]
    [InlineData("andc", 0xF000_0034u)]
    [InlineData("orc", 0xF0FF_12FFu)]
    public void TwoOperandLogical(string op, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0xF0F0_1234);
        h.SetR(5, 0x0FF0_FF00);
        uint w = op switch
        {
            "and" => Asm.And(3, 4, 5, true),
            "or" => Asm.Or(3, 4, 5, true),
            "xor" => Asm.Xor(3, 4, 5, true),
            "nand" => Asm.Nand(3, 4, 5, true),
            "nor" => Asm.Nor(3, 4, 5, true),
            "eqv" => Asm.Eqv(3, 4, 5, true),
            "andc" => Asm.Andc(3, 4, 5, true),
            _ => Asm.Orc(3, 4, 5, true),
        };
        h["XER"] = 0;
        h.Run(w);
        Assert.Equal(expected, h.R(3));
        uint cr0 = (int)expected < 0 ? 8u : expected == 0 ? 2u : 4u;
        Assert.Equal(cr0, h.CrField(0));
    }

    [Theory]
    [InlineData(0x1234_5680u, 0xFFFF_FF80u, 0xFFFF_FFFFu, 0x0000_5680u)]
    [InlineData(0x0000_007Fu, 0x0000_007Fu, 0xFFFF_FFFFu, 0x0000_007Fu)]
    [InlineData(0x0000_8001u, 0x0000_0001u, 0xFFFF_FFFFu, 0xFFFF_8001u)]
    [InlineData(0xFFFF_7FFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0x0000_7FFFu)]
    public void ExtsbExtsh(uint input, uint sb, uint sbOfFf, uint sh)
    {
        using var h = new CpuHarness();
        h.SetR(4, input);
        h.SetR(6, input | 0xFF);
        h.Run(Asm.Extsb(3, 4), Asm.Extsh(5, 4));
        Assert.Equal(sb, h.R(3));
        Assert.Equal(sh, h.R(5));
        h.Run(Asm.Extsb(7, 6));
        Assert.Equal(sbOfFf, h.R(7));
    }

    [Theory]
    [InlineData(0u, 32u)]
    [InlineData(1u, 31u)]
    [InlineData(0x8000_0000u, 0u)]
    [InlineData(0x0001_0000u, 15u)]
    public void Cntlzw(uint input, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, input);
        h["XER"] = 0;
        h.Run(Asm.Cntlzw(3, 4, rc: true));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(expected == 0 ? 2u : 4u, h.CrField(0));
    }

    [Theory]
    [InlineData(8, 0, 31, 0x3456_7812u)]   // rotlwi 8
    [InlineData(0, 28, 3, 0x1000_0008u)]   // wrapping mask mb > me: 0xF000000F
    [InlineData(4, 16, 15, 0x2345_6781u)]  // mb == me + 1: full mask
    [InlineData(28, 4, 31, 0x0123_4567u)]  // srwi 4
    [InlineData(4, 0, 27, 0x2345_6780u)]   // slwi 4
    [InlineData(0, 3, 3, 0x1000_0000u)]    // single-bit mask
    [InlineData(0, 16, 31, 0x0000_5678u)]  // clrlwi 16
    [InlineData(17, 31, 0, 0x8000_0000u)]  // wrap: bits 31 and 0 of rotl(x,17)=0xACF02468
    public void Rlwinm(int sh, int mb, int me, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x1234_5678);
        h.Run(Asm.Rlwinm(3, 4, sh, mb, me));
        Assert.Equal(expected, h.R(3));
    }

    [Theory]
    [InlineData(4u, 0, 31, 0x2345_6781u)]
    [InlineData(36u, 0, 31, 0x2345_6781u)]    // only RB[27:31] is used
    [InlineData(0xFFFF_FFF8u, 0, 31, 0x7812_3456u)] // RB[27:31] = 24
    [InlineData(8u, 24, 7, 0x3400_0012u)]     // wrapping mask 0xFF0000FF
    public void Rlwnm(uint rb, int mb, int me, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x1234_5678);
        h.SetR(5, rb);
        h.Run(Asm.Rlwnm(3, 4, 5, mb, me));
        Assert.Equal(expected, h.R(3));
    }

    [Theory]
    [InlineData(8, 24, 7, 0x34AA_AA12u)]  // wrap mask 0xFF0000FF
    [InlineData(0, 16, 23, 0xAAAA_56AAu)] // mask 0x0000FF00
    [InlineData(4, 16, 15, 0x2345_6781u)] // full mask replaces everything
    public void Rlwimi(int sh, int mb, int me, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(3, 0xAAAA_AAAA);
        h.SetR(4, 0x1234_5678);
        h.Run(Asm.Rlwimi(3, 4, sh, mb, me));
        Assert.Equal(expected, h.R(3));
    }

    [Fact]
    public void RlwinmDotSetsCr0()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x8000_0000);
        h["XER"] = 0x8000_0000;
        h.Run(Asm.Rlwinm(3, 4, 0, 0, 0, rc: true), Asm.Mfcr(5), Asm.Rlwinm(6, 4, 0, 1, 31, rc: true));
        Assert.Equal(0x9u, h.R(5) >> 28);
        Assert.Equal(0u, h.R(6));
        Assert.Equal(0x3u, h.CrField(0));
    }

    [Theory]
    [InlineData(0u, 0x8000_0001u, 0x8000_0001u)]
    [InlineData(1u, 0x0000_0002u, 0x4000_0000u)]
    [InlineData(31u, 0x8000_0000u, 0x0000_0001u)]
    [InlineData(32u, 0u, 0u)]
    [InlineData(33u, 0u, 0u)]
    [InlineData(63u, 0u, 0u)]
    [InlineData(64u, 0x8000_0001u, 0x8000_0001u)]      // only RB[26:31]: 64 → 0
    [InlineData(0xFFFF_FFE1u, 0u, 0u)]                 // RB[26:31] = 0b100001 → ≥ 32
    public void SlwSrw(uint n, uint slw, uint srw)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x8000_0001);
        h.SetR(5, n);
        h.Run(Asm.Slw(3, 4, 5), Asm.Srw(6, 4, 5));
        Assert.Equal(slw, h.R(3));
        Assert.Equal(srw, h.R(6));
    }

    [Theory]
    [InlineData(0xFFFF_FFF1u, 4u, 0xFFFF_FFFFu, Ca)]   // negative, ones shifted out
    [InlineData(0xFFFF_FFF0u, 4u, 0xFFFF_FFFFu, 0u)]   // negative, only zeros shifted out
    [InlineData(0x7FFF_FFFFu, 4u, 0x07FF_FFFFu, 0u)]   // positive: never CA
    [InlineData(0x8000_0000u, 31u, 0xFFFF_FFFFu, 0u)]
    [InlineData(0x8000_0001u, 31u, 0xFFFF_FFFFu, Ca)]
    [InlineData(0x8000_0001u, 0u, 0x8000_0001u, 0u)]
    [InlineData(0x8000_0000u, 32u, 0xFFFF_FFFFu, Ca)]  // shift ≥ 32, negative
    [InlineData(0x8000_0000u, 63u, 0xFFFF_FFFFu, Ca)]
    [InlineData(0x7FFF_FFFFu, 32u, 0u, 0u)]            // shift ≥ 32, positive
    [InlineData(0x8000_0001u, 64u, 0x8000_0001u, 0u)]  // RB[26:31] = 0
    public void SrawCarry(uint value, uint n, uint expected, uint ca)
    {
        using var h = new CpuHarness();
        h.SetR(4, value);
        h.SetR(5, n);
        h["XER"] = Ca ^ ca;
        h.Run(Asm.Sraw(3, 4, 5));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(ca, h.Xer & Ca);
    }

    [Theory]
    [InlineData(0xFFFF_FFF1u, 4, 0xFFFF_FFFFu, Ca)]
    [InlineData(0xFFFF_FFF0u, 4, 0xFFFF_FFFFu, 0u)]
    [InlineData(0x7FFF_FFFFu, 31, 0u, 0u)]
    [InlineData(0x8000_0001u, 0, 0x8000_0001u, 0u)]
    [InlineData(0x8000_0001u, 1, 0xC000_0000u, Ca)]
    public void SrawiCarry(uint value, int sh, uint expected, uint ca)
    {
        using var h = new CpuHarness();
        h.SetR(4, value);
        h["XER"] = Ca ^ ca;
        h.Run(Asm.Srawi(3, 4, sh, rc: true));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(ca, h.Xer & Ca);
        Assert.Equal((int)expected < 0 ? 8u : expected == 0 ? 2u : 4u, h.CrField(0));
    }

    [Fact]
    public void ImmediateLogicals()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x1234_5678);
        h["XER"] = 0;
        h.Run(
            Asm.Ori(5, 4, 0x8001),
            Asm.Oris(6, 4, 0x8001),
            Asm.D(26, 4, 7, 0xFFFF), // xori r7,r4,0xFFFF
            Asm.D(27, 4, 8, 0xFFFF), // xoris r8,r4,0xFFFF
            Asm.D(28, 4, 9, 0x00F0), // andi. r9,r4,0xF0
            Asm.D(29, 4, 10, 0x0F00)); // andis. r10,r4,0x0F00 → 0x02000000 → CR0 GT
        Assert.Equal(0x1234_D679u, h.R(5));
        Assert.Equal(0x9235_5678u, h.R(6));
        Assert.Equal(0x1234_A987u, h.R(7));
        Assert.Equal(0xEDCB_5678u, h.R(8));
        Assert.Equal(0x0000_0070u, h.R(9));
        Assert.Equal(0x0200_0000u, h.R(10));
        Assert.Equal(4u, h.CrField(0));
    }
}
