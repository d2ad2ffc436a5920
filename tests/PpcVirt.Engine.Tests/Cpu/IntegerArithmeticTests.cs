using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Fixed-point arithmetic (Power ISA 2.06 Book I §3.3.9): CA, OV/SO (sticky) and CR0 for the XO-form family, multiply and divide, addic./subfic.</summary>
public sealed class IntegerArithmeticTests
{
    private const uint So = 0x8000_0000, Ov = 0x4000_0000, Ca = 0x2000_0000;
    private const uint Lt = 8, Gt = 4, Eq = 2, Cr0So = 1;

    private static uint Encode(string op, bool oe, bool rc) => op switch
    {
        "add" => Asm.Add(3, 4, 5, oe, rc),
        "addc" => Asm.Addc(3, 4, 5, oe, rc),
        "adde" => Asm.Adde(3, 4, 5, oe, rc),
        "addme" => Asm.Addme(3, 4, oe, rc),
        "addze" => Asm.Addze(3, 4, oe, rc),
        "subf" => Asm.Subf(3, 4, 5, oe, rc),
        "subfc" => Asm.Subfc(3, 4, 5, oe, rc),
        "subfe" => Asm.Subfe(3, 4, 5, oe, rc),
        "subfme" => Asm.Subfme(3, 4, oe, rc),
        "subfze" => Asm.Subfze(3, 4, oe, rc),
        "neg" => Asm.Neg(3, 4, oe, rc),
        "mullw" => Asm.Mullw(3, 4, 5, oe, rc),
        "divw" => Asm.Divw(3, 4, 5, oe, rc),
        "divwu" => Asm.Divwu(3, 4, 5, oe, rc),
        _ => throw new ArgumentException(op),
    };

    /// <summary>op r3 = f(r4, r5) with OE=1 and Rc=1: exact result, XER[SO,OV,CA] and CR0.</summary>
    [Theory]
    // add: signed overflow, unsigned wrap (add never touches CA), SO sticky, OV cleared by OE=1.
    [InlineData("add", 0x7FFF_FFFFu, 1u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("add", 0xFFFF_FFFFu, 1u, 0u, 0u, 0u, Eq)]
    [InlineData("add", 0x8000_0000u, 0x8000_0000u, 0u, 0u, Ov | So, Eq | Cr0So)]
    [InlineData("add", 1u, 2u, So, 3u, So, Gt | Cr0So)]
    [InlineData("add", 1u, 2u, So | Ov | Ca, 3u, So | Ca, Gt | Cr0So)]
    // addc: CA = carry out.
    [InlineData("addc", 0xFFFF_FFFFu, 1u, 0u, 0u, Ca, Eq)]
    [InlineData("addc", 0x7FFF_FFFFu, 1u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("addc", 0x8000_0000u, 0x8000_0000u, 0u, 0u, Ca | Ov | So, Eq | Cr0So)]
    // adde: r4 + r5 + CA.
    [InlineData("adde", 0xFFFF_FFFFu, 0u, Ca, 0u, Ca, Eq)]
    [InlineData("adde", 0x7FFF_FFFFu, 0u, Ca, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("adde", 1u, 2u, Ca, 4u, 0u, Gt)]
    // addme: r4 + CA − 1.
    [InlineData("addme", 0u, 0u, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData("addme", 0x8000_0000u, 0u, 0u, 0x7FFF_FFFFu, Ca | Ov | So, Gt | Cr0So)]
    [InlineData("addme", 5u, 0u, Ca, 5u, Ca, Gt)]
    // addze: r4 + CA.
    [InlineData("addze", 0xFFFF_FFFFu, 0u, Ca, 0u, Ca, Eq)]
    [InlineData("addze", 0x7FFF_FFFFu, 0u, Ca, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("addze", 7u, 0u, 0u, 7u, 0u, Gt)]
    // subf: r5 − r4 (subf never touches CA).
    [InlineData("subf", 1u, 0u, Ca, 0xFFFF_FFFFu, Ca, Lt)]
    [InlineData("subf", 1u, 0x8000_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("subf", 0xFFFF_FFFFu, 0x7FFF_FFFFu, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("subf", 5u, 5u, 0u, 0u, 0u, Eq)]
    // subfc: CA = 1 iff r5 ≥ r4 unsigned.
    [InlineData("subfc", 1u, 0u, Ca, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData("subfc", 5u, 5u, 0u, 0u, Ca, Eq)]
    [InlineData("subfc", 0u, 0u, 0u, 0u, Ca, Eq)]
    [InlineData("subfc", 1u, 0x8000_0000u, 0u, 0x7FFF_FFFFu, Ca | Ov | So, Gt | Cr0So)]
    // subfe: ~r4 + r5 + CA.
    [InlineData("subfe", 0u, 0u, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData("subfe", 0u, 0u, Ca, 0u, Ca, Eq)]
    [InlineData("subfe", 1u, 0x8000_0000u, Ca, 0x7FFF_FFFFu, Ca | Ov | So, Gt | Cr0So)]
    // subfme: ~r4 + CA − 1.
    [InlineData("subfme", 0u, 0u, Ca, 0xFFFF_FFFFu, Ca, Lt)]
    [InlineData("subfme", 0xFFFF_FFFFu, 0u, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData("subfme", 0x7FFF_FFFFu, 0u, 0u, 0x7FFF_FFFFu, Ca | Ov | So, Gt | Cr0So)]
    // subfze: ~r4 + CA.
    [InlineData("subfze", 0u, 0u, Ca, 0u, Ca, Eq)]
    [InlineData("subfze", 0x8000_0000u, 0u, Ca, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("subfze", 1u, 0u, 0u, 0xFFFF_FFFEu, 0u, Lt)]
    // neg: only 0x80000000 overflows.
    [InlineData("neg", 0x8000_0000u, 0u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("neg", 1u, 0u, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData("neg", 0u, 0u, Ca, 0u, Ca, Eq)]
    // mullw: OV when the 64-bit product does not fit in 32 signed bits.
    [InlineData("mullw", 0x1_0000u, 0x1_0000u, 0u, 0u, Ov | So, Eq | Cr0So)]
    [InlineData("mullw", 0xFFFF_FFFDu, 7u, 0u, 0xFFFF_FFEBu, 0u, Lt)]
    [InlineData("mullw", 0x7FFF_FFFFu, 2u, 0u, 0xFFFF_FFFEu, Ov | So, Lt | Cr0So)]
    [InlineData("mullw", 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0u, 1u, 0u, Gt)]
    // divw / divwu: quotient truncated toward zero.
    [InlineData("divw", 100u, 7u, 0u, 14u, 0u, Gt)]
    [InlineData("divw", 0xFFFF_FF9Cu, 7u, 0u, 0xFFFF_FFF2u, 0u, Lt)]
    [InlineData("divw", 0x8000_0000u, 0xFFFF_FFFEu, 0u, 0x4000_0000u, 0u, Gt)]
    [InlineData("divwu", 0xFFFF_FFFFu, 2u, 0u, 0x7FFF_FFFFu, 0u, Gt)]
    [InlineData("divwu", 7u, 100u, 0u, 0u, 0u, Eq)]
    public void XoFormWithOeAndRc(string op, uint a, uint b, uint xerIn, uint expected, uint expectedXer, uint expectedCr0)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h.SetR(5, b);
        h["XER"] = xerIn;
        h["CR"] = 0;
        h.Run(Encode(op, oe: true, rc: true));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(expectedXer, h.Xer & (So | Ov | Ca));
        Assert.Equal(expectedCr0, h.CrField(0));
    }

    /// <summary>With OE=0 and Rc=0, XER[SO,OV] and CR are left alone even when the operation overflows.</summary>
    [Theory]
    [InlineData("add")]
    [InlineData("addc")]
    [InlineData("subf")]
    [InlineData("mullw")]
    public void OeZeroLeavesOvAndCrAlone(string op)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x7FFF_FFFF);
        h.SetR(5, 0x8000_0000); // subf: 0x80000000 − 0x7FFFFFFF = 1 (no overflow); others overflow or not, OV must not move.
        h["XER"] = Ov;
        h["CR"] = 0x1234_5678;
        h.Run(Encode(op, oe: false, rc: false));
        Assert.Equal(Ov, h.Xer & (So | Ov));
        Assert.Equal(0x1234_5678u, h.Cr);
    }

    /// <summary>Divide by zero and 0x80000000 ÷ −1: OV and SO set (OE=1), CR0[SO] set (Rc=1); RT and CR0[LT,GT,EQ] are undefined and not asserted.</summary>
    [Theory]
    [InlineData("divw", 5u, 0u)]
    [InlineData("divw", 0xFFFF_FFFBu, 0u)]
    [InlineData("divw", 0x8000_0000u, 0xFFFF_FFFFu)]
    [InlineData("divwu", 5u, 0u)]
    public void DivideOverflowSetsOvSo(string op, uint a, uint b)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h.SetR(5, b);
        h["XER"] = 0;
        h.Run(Encode(op, oe: true, rc: true));
        Assert.Equal(So | Ov, h.Xer & (So | Ov));
        Assert.Equal(Cr0So, h.CrField(0) & Cr0So);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu, 0x7FFF_FFFFu, 0x3FFF_FFFFu, 0x3FFF_FFFFu)]
    [InlineData(0xFFFF_FFFFu, 1u, 0xFFFF_FFFFu, 0u)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, 0u, 0xFFFF_FFFEu)]
    [InlineData(0x8000_0000u, 2u, 0xFFFF_FFFFu, 1u)]
    public void MulhwAndMulhwu(uint a, uint b, uint hiSigned, uint hiUnsigned)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h.SetR(5, b);
        h.Run(Asm.Mulhw(6, 4, 5), Asm.Mulhwu(7, 4, 5));
        Assert.Equal(hiSigned, h.R(6));
        Assert.Equal(hiUnsigned, h.R(7));
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu, -1, 0x8000_0001u)]
    [InlineData(0x1_0000u, 0x7FFF, 0x7FFF_0000u)]
    [InlineData(0xFFFF_FFFEu, -3, 6u)]
    public void Mulli(uint a, int imm, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h["XER"] = 0;
        h.Run(Asm.Mulli(3, 4, imm));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(0u, h.Xer & (So | Ov)); // mulli has no OE
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu, 1, 0u, Ca)]
    [InlineData(5u, -6, 0xFFFF_FFFFu, 0u)]
    [InlineData(5u, -5, 0u, Ca)]
    [InlineData(0x7FFF_FFFFu, 1, 0x8000_0000u, 0u)]
    public void AddicSetsCa(uint a, int imm, uint expected, uint expectedCa)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h["XER"] = Ca ^ expectedCa; // start with the opposite CA
        h.Run(Asm.Addic(3, 4, imm));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(expectedCa, h.Xer & Ca);
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu, 1, 0u, Ca, Eq)]
    [InlineData(5u, -6, 0xFFFF_FFFFu, 0u, Lt)]
    [InlineData(0x7FFF_FFFFu, 1, 0x8000_0000u, 0u, Lt)]
    [InlineData(1u, 1, 2u, 0u, Gt)]
    public void AddicDotSetsCaAndCr0(uint a, int imm, uint expected, uint expectedCa, uint cr0)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h["XER"] = Ca ^ expectedCa;
        h.Run(Asm.AddicDot(3, 4, imm));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(expectedCa, h.Xer & Ca);
        Assert.Equal(cr0, h.CrField(0));
    }

    [Theory]
    [InlineData(5u, 5, 0u, Ca)]
    [InlineData(6u, 5, 0xFFFF_FFFFu, 0u)]
    [InlineData(0u, 0, 0u, Ca)]
    [InlineData(0xFFFF_FFFFu, -1, 0u, Ca)]
    [InlineData(1u, -1, 0xFFFF_FFFEu, Ca)]
    public void SubficSetsCa(uint a, int imm, uint expected, uint expectedCa)
    {
        using var h = new CpuHarness();
        h.SetR(4, a);
        h["XER"] = Ca ^ expectedCa;
        h.Run(Asm.Subfic(3, 4, imm));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(expectedCa, h.Xer & Ca);
    }

    [Fact]
    public void AddiAndAddisTreatRaZeroAsZero()
    {
        using var h = new CpuHarness();
        h.SetR(0, 0x1000);
        h.Run(Asm.Addi(3, 0, -2), Asm.Addis(4, 0, 0x1234), Asm.Addis(5, 3, 1), Asm.Addi(6, 0, 0x7FFF));
        Assert.Equal(0xFFFF_FFFEu, h.R(3));
        Assert.Equal(0x1234_0000u, h.R(4));
        Assert.Equal(0x0000_FFFEu, h.R(5));
        Assert.Equal(0x7FFFu, h.R(6));
    }

    /// <summary>A 64-bit add with addc/adde: 0x00000001_FFFFFFFF + 0x00000000_00000001 = 0x00000002_00000000.</summary>
    [Fact]
    public void MultiwordAddPropagatesCarry()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x1); h.SetR(5, 0xFFFF_FFFF); h.SetR(6, 0); h.SetR(7, 1);
        h["XER"] = 0;
        h.Run(Asm.Addc(9, 5, 7), Asm.Adde(8, 4, 6));
        Assert.Equal(2u, h.R(8));
        Assert.Equal(0u, h.R(9));
        Assert.Equal(0u, h.Xer & Ca);
    }

    /// <summary>440 multiply-halfword (PPC440 manual): mulchw = RA[16:31] × RB[0:15], mulhhw = RA[0:15] × RB[0:15], mullhw = RA[16:31] × RB[16:31]; signed or unsigned.</summary>
    [Fact]
    public void MultiplyHalfwordFamily()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0xFFFE_0003); // hi −2 / 0xFFFE, lo 3
        h.SetR(5, 0x0005_FFF9); // hi 5, lo −7 / 0xFFF9
        h.Run(
            Asm.X(4, 3, 4, 5, 168),  // mulchw  3 × 5
            Asm.X(4, 6, 4, 5, 136),  // mulchwu 3 × 5
            Asm.X(4, 7, 4, 5, 40),   // mulhhw  −2 × 5
            Asm.X(4, 8, 4, 5, 8),    // mulhhwu 0xFFFE × 5
            Asm.X(4, 9, 4, 5, 424),  // mullhw  3 × −7
            Asm.X(4, 10, 4, 5, 392)); // mullhwu 3 × 0xFFF9
        Assert.Equal(15u, h.R(3));
        Assert.Equal(15u, h.R(6));
        Assert.Equal(0xFFFF_FFF6u, h.R(7));
        Assert.Equal(0x0004_FFF6u, h.R(8));
        Assert.Equal(0xFFFF_FFEBu, h.R(9));
        Assert.Equal(0x0002_FFEBu, h.R(10));
    }

    /// <summary>
    /// dlmzb (PPC440 manual): RA = XER[57:63] = 1-based index of the leftmost zero byte of RS‖RB (8 when none);
    /// with Rc=1, CR0 = 0b010 when the byte is in RS, 0b100 when it is in RB, 0b001 (EQ) when there is none.
    /// </summary>
    [Theory]
    [InlineData(0x0102_0004u, 0x0506_0708u, 3u, Gt)]
    [InlineData(0x0102_0304u, 0x0506_0008u, 7u, Lt)]
    [InlineData(0x0102_0304u, 0x0506_0708u, 8u, Eq)]
    public void Dlmzb(uint rs, uint rb, uint count, uint cr0)
    {
        using var h = new CpuHarness();
        h.SetR(4, rs);
        h.SetR(5, rb);
        h["XER"] = 0x7F;
        h.Run(Asm.X(31, 4, 3, 5, 78, rc: true));
        Assert.Equal(count, h.R(3));
        Assert.Equal(count, h.Xer & 0x7F);
        Assert.Equal(cr0, h.CrField(0));
    }

    /// <summary>A zero in the last byte of RB is "found in RB" (CR0 = LT) even though the count is 8, like the no-zero case.</summary>
    [Fact]
    public void DlmzbZeroInLastByteIsFoundInRb()
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x0102_0304);
        h.SetR(5, 0x0506_0700);
        h["XER"] = 0;
        h.Run(Asm.X(31, 4, 3, 5, 78, rc: true));
        Assert.Equal(8u, h.R(3));
        Assert.Equal(Lt, h.CrField(0));
    }
}
