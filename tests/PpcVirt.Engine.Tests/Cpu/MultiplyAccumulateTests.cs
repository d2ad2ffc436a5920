using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Cpu.Ppc440;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// The 440 integer multiply-accumulate and multiply-halfword instructions (PPC440 user manual
/// "Instruction Set"; Power ISA 2.06 Legacy Integer Multiply-Accumulate). Halves: c = RA[16:31] ×
/// RB[0:15], h = RA[0:15] × RB[0:15], l = RA[16:31] × RB[16:31]. The product is added to
/// (nmac: subtracted from) RT as a 33-bit sum; modulo forms keep the low word, "s" forms saturate to
/// 0x80000000/0x7FFFFFFF (signed) or 0xFFFFFFFF (unsigned). OE=1: OV = the sum does not fit 32 bits
/// (signed resp. unsigned), SO sticky. Every expected value below is worked out by hand from that
/// pseudocode.
/// </summary>
public sealed class MultiplyAccumulateTests
{
    private const uint So = 0x8000_0000, Ov = 0x4000_0000, Ca = 0x2000_0000;
    private const uint Lt = 8, Gt = 4, Eq = 2, Cr0So = 1;

    public static TheoryData<string> MacMnemonics() => new(Asm.MacMnemonics);

    public static TheoryData<string> MulHalfMnemonics() => new(Asm.MulHalfMnemonics);

    private static (uint Rt, uint Xer, uint Cr0) Execute(uint word, uint rt, uint ra, uint rb, uint xerIn)
    {
        using var h = new CpuHarness();
        h.SetR(3, rt);
        h.SetR(4, ra);
        h.SetR(5, rb);
        h["XER"] = xerIn;
        h["CR"] = 0;
        h.Run(word);
        return (h.R(3), h.Xer, h.CrField(0));
    }

    /// <summary>mnemonic r3,r4,r5 with OE=1 and Rc=1 (the "o." form): RT, XER[SO,OV,CA] and CR0.</summary>
    [Theory]
    // macchw: signed, modulo. 0x7FFFFFFF + 1×1 wraps; −7×−2 = 14 (RA's high half ignored); 0x80000000 + (−1) wraps.
    [InlineData("macchw", 0x7FFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("macchw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0x0000_001Eu, 0u, Gt)]
    [InlineData("macchw", 0x8000_0000u, 0x0000_FFFFu, 0x0001_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("macchw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, So | Ov | Ca, 0x0000_001Eu, So | Ca, Gt | Cr0So)] // OV cleared, SO sticky, CA kept
    // macchws: signed, saturating at both ends; (−2^15)² = 2^30 added to 2^30 saturates; 0x7FFFFFFE + 1 fits exactly.
    [InlineData("macchws", 0x7FFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("macchws", 0x8000_0000u, 0x0000_FFFFu, 0x0001_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("macchws", 0x4000_0000u, 0x0000_8000u, 0x8000_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("macchws", 0x7FFF_FFFEu, 0x0000_0001u, 0x0001_0000u, 0u, 0x7FFF_FFFFu, 0u, Gt)]
    // macchwu: unsigned, modulo; OV is the carry out of the 32-bit sum; 0x7FFFFFFF + 1 is no unsigned overflow.
    [InlineData("macchwu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u, 0u, Ov | So, Eq | Cr0So)]
    [InlineData("macchwu", 0x7FFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u, 0x8000_0000u, 0u, Lt)]
    [InlineData("macchwu", 0xFFFF_0000u, 0x0000_FFFFu, 0xFFFF_0000u, 0u, 0xFFFD_0001u, Ov | So, Lt | Cr0So)]
    // macchwsu: unsigned, saturating at 0xFFFFFFFF; 0xFFFFFFFE + 1 reaches it exactly without overflow.
    [InlineData("macchwsu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u, 0xFFFF_FFFFu, Ov | So, Lt | Cr0So)]
    [InlineData("macchwsu", 0xFFFF_0000u, 0x0000_FFFFu, 0xFFFF_0000u, 0u, 0xFFFF_FFFFu, Ov | So, Lt | Cr0So)]
    [InlineData("macchwsu", 0xFFFF_FFFEu, 0x0000_0001u, 0x0001_0000u, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    // machhw: signed modulo on the high halves: 3 × −2 = −6; (−2^15)² = 2^30 fits.
    [InlineData("machhw", 0x7FFF_FFFFu, 0x0001_0000u, 0x0001_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("machhw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0x0000_000Au, 0u, Gt)]
    [InlineData("machhw", 0u, 0x8000_0000u, 0x8000_0000u, 0u, 0x4000_0000u, 0u, Gt)]
    // machhws: 2^30 + 2^30 saturates high; 0x80000000 + (−2^15 × (2^15 − 1)) saturates low; −2^30 + 2^30 = 0.
    [InlineData("machhws", 0x4000_0000u, 0x8000_0000u, 0x8000_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("machhws", 0x8000_0000u, 0x8000_0000u, 0x7FFF_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("machhws", 0xC000_0000u, 0x8000_0000u, 0x8000_0000u, 0u, 0u, 0u, Eq)]
    // machhwu: 0xFFFFFFFF + 1 carries; 0xFFFF × 2 + 0x10.
    [InlineData("machhwu", 0xFFFF_FFFFu, 0x0001_0000u, 0x0001_0000u, 0u, 0u, Ov | So, Eq | Cr0So)]
    [InlineData("machhwu", 0x0000_0010u, 0xFFFF_0000u, 0x0002_0000u, 0u, 0x0002_000Eu, 0u, Gt)]
    // machhwsu: 0xFFFE0001 + 0xFFFF0000 saturates; 0xFFFE0001 alone fits.
    [InlineData("machhwsu", 0xFFFF_0000u, 0xFFFF_0000u, 0xFFFF_0000u, 0u, 0xFFFF_FFFFu, Ov | So, Lt | Cr0So)]
    [InlineData("machhwsu", 0u, 0xFFFF_0000u, 0xFFFF_0000u, 0u, 0xFFFE_0001u, 0u, Lt)]
    // maclhw: signed modulo on the low halves: −7 × 5 = −35, 16 − 35 = −19.
    [InlineData("maclhw", 0x7FFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("maclhw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0xFFFF_FFEDu, 0u, Lt)]
    // maclhws: −2^15 × (2^15 − 1) = −0x3FFF8000 below 0x80000000 saturates; (2^15 − 1)² above 0x7FFFFFFF saturates; 5 + (−1 × 5) = 0.
    [InlineData("maclhws", 0x8000_0000u, 0x0000_8000u, 0x0000_7FFFu, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("maclhws", 0x7FFF_FFFFu, 0x0000_7FFFu, 0x0000_7FFFu, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("maclhws", 0x0000_0005u, 0x0000_FFFFu, 0x0000_0005u, 0u, 0u, 0u, Eq)]
    // maclhwu: carry out; 0xFFFF² + 1.
    [InlineData("maclhwu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0u, 0u, Ov | So, Eq | Cr0So)]
    [InlineData("maclhwu", 0x0000_0001u, 0x0000_FFFFu, 0x0000_FFFFu, 0u, 0xFFFE_0002u, 0u, Lt)]
    // maclhwsu: saturates; 0xFFFE0001 + 0x1FFFE = 0xFFFFFFFF exactly, no overflow.
    [InlineData("maclhwsu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0u, 0xFFFF_FFFFu, Ov | So, Lt | Cr0So)]
    [InlineData("maclhwsu", 0x0001_FFFEu, 0x0000_FFFFu, 0x0000_FFFFu, 0u, 0xFFFF_FFFFu, 0u, Lt)]
    // nmacchw: RT − product, signed modulo: −2^31 − 1 wraps; 16 − 14 = 2; −2^30 − 2^30 = −2^31 fits exactly.
    [InlineData("nmacchw", 0x8000_0000u, 0x0000_0001u, 0x0001_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("nmacchw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0x0000_0002u, 0u, Gt)]
    [InlineData("nmacchw", 0xC000_0000u, 0x0000_8000u, 0x8000_0000u, 0u, 0x8000_0000u, 0u, Lt)]
    // nmacchws: saturates at both ends; 2^30 − 2^30 = 0.
    [InlineData("nmacchws", 0x8000_0000u, 0x0000_0001u, 0x0001_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("nmacchws", 0x7FFF_FFFFu, 0x0000_FFFFu, 0x0001_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("nmacchws", 0x4000_0000u, 0x0000_8000u, 0x8000_0000u, 0u, 0u, 0u, Eq)]
    // nmachhw: 0x7FFFFFFF − (−1) wraps; 16 − (3 × −2) = 22.
    [InlineData("nmachhw", 0x7FFF_FFFFu, 0xFFFF_0000u, 0x0001_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("nmachhw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0x0000_0016u, 0u, Gt)]
    // nmachhws: saturates high and low.
    [InlineData("nmachhws", 0x7FFF_FFFFu, 0xFFFF_0000u, 0x0001_0000u, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("nmachhws", 0x8000_0000u, 0x7FFF_0000u, 0x7FFF_0000u, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    // nmaclhw: 0x80000000 − 0x3FFF0001 wraps to 0x4000FFFF; 16 − (−7 × 5) = 51.
    [InlineData("nmaclhw", 0x8000_0000u, 0x0000_7FFFu, 0x0000_7FFFu, 0u, 0x4000_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("nmaclhw", 0x0000_0010u, 0x0003_FFF9u, 0xFFFE_0005u, 0u, 0x0000_0033u, 0u, Gt)]
    // nmaclhws: saturates low and high; −2^30 − 2^30 = −2^31 exactly.
    [InlineData("nmaclhws", 0x8000_0000u, 0x0000_7FFFu, 0x0000_7FFFu, 0u, 0x8000_0000u, Ov | So, Lt | Cr0So)]
    [InlineData("nmaclhws", 0x7FFF_FFFFu, 0x0000_8000u, 0x0000_7FFFu, 0u, 0x7FFF_FFFFu, Ov | So, Gt | Cr0So)]
    [InlineData("nmaclhws", 0xC000_0000u, 0x0000_8000u, 0x0000_8000u, 0u, 0x8000_0000u, 0u, Lt)]
    [InlineData("nmaclhws", 0xC000_0000u, 0x0000_8000u, 0x0000_8000u, So, 0x8000_0000u, So, Lt | Cr0So)]
    public void OverflowRecordForm(string mnemonic, uint rt, uint ra, uint rb, uint xerIn, uint expected, uint expectedXer, uint expectedCr0)
    {
        (uint r, uint xer, uint cr0) = Execute(Asm.Mac(mnemonic, 3, 4, 5, oe: true, rc: true), rt, ra, rb, xerIn);
        Assert.Equal(expected, r);
        Assert.Equal(expectedXer, xer & (So | Ov | Ca));
        Assert.Equal(expectedCr0, cr0);
    }

    /// <summary>
    /// The plain form gives the same RT as the "o." form (overflow or not), leaves XER[SO,OV,CA] and
    /// the whole CR alone. Each row's operands overflow for that instruction.
    /// </summary>
    [Theory]
    [InlineData("macchw", 0x7FFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0x8000_0000u)]
    [InlineData("macchws", 0x7FFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0x7FFF_FFFFu)]
    [InlineData("macchwu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0u)]
    [InlineData("macchwsu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0001_0000u, 0xFFFF_FFFFu)]
    [InlineData("machhw", 0x7FFF_FFFFu, 0x0001_0000u, 0x0001_0000u, 0x8000_0000u)]
    [InlineData("machhws", 0x4000_0000u, 0x8000_0000u, 0x8000_0000u, 0x7FFF_FFFFu)]
    [InlineData("machhwu", 0xFFFF_FFFFu, 0x0001_0000u, 0x0001_0000u, 0u)]
    [InlineData("machhwsu", 0xFFFF_0000u, 0xFFFF_0000u, 0xFFFF_0000u, 0xFFFF_FFFFu)]
    [InlineData("maclhw", 0x7FFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0x8000_0000u)]
    [InlineData("maclhws", 0x8000_0000u, 0x0000_8000u, 0x0000_7FFFu, 0x8000_0000u)]
    [InlineData("maclhwu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0u)]
    [InlineData("maclhwsu", 0xFFFF_FFFFu, 0x0000_0001u, 0x0000_0001u, 0xFFFF_FFFFu)]
    [InlineData("nmacchw", 0x8000_0000u, 0x0000_0001u, 0x0001_0000u, 0x7FFF_FFFFu)]
    [InlineData("nmacchws", 0x8000_0000u, 0x0000_0001u, 0x0001_0000u, 0x8000_0000u)]
    [InlineData("nmachhw", 0x7FFF_FFFFu, 0xFFFF_0000u, 0x0001_0000u, 0x8000_0000u)]
    [InlineData("nmachhws", 0x7FFF_FFFFu, 0xFFFF_0000u, 0x0001_0000u, 0x7FFF_FFFFu)]
    [InlineData("nmaclhw", 0x8000_0000u, 0x0000_7FFFu, 0x0000_7FFFu, 0x4000_FFFFu)]
    [InlineData("nmaclhws", 0x7FFF_FFFFu, 0x0000_8000u, 0x0000_7FFFu, 0x7FFF_FFFFu)]
    public void PlainFormWritesRtOnly(string mnemonic, uint rt, uint ra, uint rb, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(3, rt);
        h.SetR(4, ra);
        h.SetR(5, rb);
        h["XER"] = Ca;
        h["CR"] = 0x1234_5678;
        h.Run(Asm.Mac(mnemonic, 3, 4, 5));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(Ca, h.Xer & (So | Ov | Ca));
        Assert.Equal(0x1234_5678u, h.Cr);
        Assert.Equal(ra, h.R(4));
        Assert.Equal(rb, h.R(5));
    }

    /// <summary>OE=0, Rc=1: an overflowing sum leaves XER[OV] clear; CR0[SO] copies the (sticky) XER[SO]; CR1–CR7 untouched.</summary>
    [Theory]
    [MemberData(nameof(MacMnemonics))]
    public void RecordFormWithoutOeKeepsXerAndCopiesSo(string mnemonic)
    {
        using var h = new CpuHarness();
        h.SetR(3, 0x7FFF_FFFF);
        h.SetR(4, 0xFFFF_FFFF);  // every half −1 / 0xFFFF
        h.SetR(5, 0xFFFF_FFFF);
        h["XER"] = So;
        h["CR"] = 0x0765_4321;
        h.Run(Asm.Mac(mnemonic, 3, 4, 5, oe: false, rc: true));
        Assert.Equal(So, h.Xer & (So | Ov | Ca));
        uint r = h.R(3);
        uint expectedCr0 = ((int)r < 0 ? Lt : (int)r > 0 ? Gt : Eq) | Cr0So;
        Assert.Equal(expectedCr0, h.CrField(0));
        Assert.Equal(0x0765_4321u & 0x0FFF_FFFF, h.Cr & 0x0FFF_FFFF);
    }

    /// <summary>OE=1 on a sum that fits clears a stale XER[OV] but never clears XER[SO].</summary>
    [Theory]
    [MemberData(nameof(MacMnemonics))]
    public void OeClearsStaleOvButSoStaysSticky(string mnemonic)
    {
        (uint r, uint xer, _) = Execute(Asm.Mac(mnemonic, 3, 4, 5, oe: true, rc: false), 100, 0x0002_0002, 0x0003_0003, So | Ov);
        Assert.Equal(mnemonic.StartsWith('n') ? 94u : 106u, r); // 100 ± 2 × 3 whichever halves are used
        Assert.Equal(So, xer & (So | Ov | Ca));
    }

    /// <summary>RT may be the same register as RA or RB: the old RT is the accumulator, the halves come from the old RA/RB.</summary>
    [Fact]
    public void RtMayAliasAnOperand()
    {
        using var h = new CpuHarness();
        h.SetR(3, 0x0002_0010); // RT = RA: low half 0x10
        h.SetR(5, 0x0003_0000); // RB high half 3
        h.Run(Asm.Mac("macchw", 3, 3, 5));
        Assert.Equal(0x0002_0010u + 0x30, h.R(3));
    }

    /// <summary>All four forms decode to the row and are named with the "o"/"." suffixes.</summary>
    [Theory]
    [MemberData(nameof(MacMnemonics))]
    public void EveryFormDecodesToItsRow(string mnemonic)
    {
        foreach ((bool oe, bool rc, string suffix) in new[] { (false, false, ""), (false, true, "."), (true, false, "o"), (true, true, "o.") })
        {
            uint w = Asm.Mac(mnemonic, 3, 4, 5, oe, rc);
            InstructionDefinition? d = Ppc440Core.Decoder.Decode(w);
            Assert.NotNull(d);
            Assert.Equal(mnemonic, d.Mnemonic);
            Assert.Equal(mnemonic + suffix, d.MnemonicFor(w));
            Assert.Equal(InstructionForm.XO, d.Form);
            Assert.Equal(InstructionFlags.Record | InstructionFlags.Overflow, d.Flags);
        }
    }

    /// <summary>mul*hw have no OE form (bit 21 is part of their 10-bit XO): setting it gives an illegal encoding.</summary>
    [Theory]
    [MemberData(nameof(MulHalfMnemonics))]
    public void MultiplyHalfwordHasNoOverflowForm(string mnemonic)
    {
        uint w = Asm.MulHalf(mnemonic, 3, 4, 5, rc: true);
        InstructionDefinition? d = Ppc440Core.Decoder.Decode(w);
        Assert.NotNull(d);
        Assert.Equal(mnemonic + ".", d.MnemonicFor(w));
        Assert.Equal(InstructionFlags.Record, d.Flags);
        Assert.Null(Ppc440Core.Decoder.Decode(w | 0x400));
    }

    /// <summary>mul*hw[u][.]: the 32-bit product of the selected halves; Rc=1 sets CR0 (SO from XER), XER untouched.</summary>
    [Theory]
    [InlineData("mulhhw", 0x8000_0000u, 0x8000_0000u, 0x4000_0000u, Gt)]         // (−2^15)²
    [InlineData("mulhhwu", 0xFFFF_0000u, 0xFFFF_0000u, 0xFFFE_0001u, Lt)]        // 0xFFFF²
    [InlineData("mullhw", 0x0000_8000u, 0x0000_7FFFu, 0xC000_8000u, Lt)]         // −2^15 × (2^15 − 1)
    [InlineData("mullhwu", 0x1234_8000u, 0x5678_7FFFu, 0x3FFF_8000u, Gt)]        // 0x8000 × 0x7FFF, high halves ignored
    [InlineData("mulchw", 0x0000_FFFFu, 0x0001_0000u, 0xFFFF_FFFFu, Lt)]         // −1 × 1
    [InlineData("mulchwu", 0x0000_FFFFu, 0x0001_FFFFu, 0x0000_FFFFu, Gt)]        // 0xFFFF × 1
    [InlineData("mulchw", 0xFFFF_0000u, 0x0000_FFFFu, 0u, Eq)]                   // RA low 0 × RB high 0
    public void MultiplyHalfwordEdges(string mnemonic, uint ra, uint rb, uint expected, uint cr0)
    {
        using var h = new CpuHarness();
        h.SetR(4, ra);
        h.SetR(5, rb);
        h["XER"] = So | Ov | Ca;
        h.Run(Asm.MulHalf(mnemonic, 3, 4, 5, rc: true));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(cr0 | Cr0So, h.CrField(0));
        Assert.Equal(So | Ov | Ca, h.Xer & (So | Ov | Ca));
    }
}
