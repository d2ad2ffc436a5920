using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Cpu.Ppc440;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>The instruction table decodes its own representative encodings, OE/Rc variants included, and nothing collides.</summary>
public sealed class DecoderTableTests
{
    public static TheoryData<string> Mnemonics()
    {
        var data = new TheoryData<string>();
        foreach (InstructionDefinition d in Ppc440Core.Decoder.Definitions)
        {
            data.Add(d.Mnemonic);
        }

        return data;
    }

    private static InstructionDefinition Row(string mnemonic) => Ppc440Core.Decoder.Definitions.Single(d => d.Mnemonic == mnemonic);

    [Theory]
    [MemberData(nameof(Mnemonics))]
    public void RepresentativeWordDecodesToItsRow(string mnemonic)
    {
        InstructionDefinition d = Row(mnemonic);
        uint w = RepresentativeWords.For(d);
        Assert.Equal((uint)d.Opcode, w >> 26);
        Assert.Same(d, Ppc440Core.Decoder.Decode(w));
        Assert.Equal(d.Mnemonic, d.MnemonicFor(w));
    }

    [Theory]
    [MemberData(nameof(Mnemonics))]
    public void RecordAndOverflowVariantsDecodeToTheSameRow(string mnemonic)
    {
        InstructionDefinition d = Row(mnemonic);
        uint w = RepresentativeWords.For(d);
        if ((d.Flags & InstructionFlags.Record) != 0 && d.Form != InstructionForm.D)
        {
            Assert.Same(d, Ppc440Core.Decoder.Decode(w | 1));
            Assert.Equal(d.Mnemonic + ".", d.MnemonicFor(w | 1));
        }

        if ((d.Flags & InstructionFlags.Overflow) != 0)
        {
            Assert.Same(d, Ppc440Core.Decoder.Decode(w | 0x401));
            Assert.Equal(d.Mnemonic + "o.", d.MnemonicFor(w | 0x401));
        }
    }

    [Fact]
    public void MnemonicsAreUnique()
    {
        List<string> names = Ppc440Core.Decoder.Definitions.Select(d => d.Mnemonic).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData(0x7C21_0A14u, "add")]     // add r1,r1,r1
    [InlineData(0x7C63_2014u, "addc")]    // addc r3,r3,r4
    [InlineData(0x7C64_1E70u, "srawi")]   // srawi r4,r3,3
    [InlineData(0x5463_103Au, "rlwinm")]  // slwi r3,r3,2
    [InlineData(0x4E80_0020u, "bclr")]    // blr
    [InlineData(0x4E80_0420u, "bcctr")]   // bctr
    [InlineData(0x7C08_02A6u, "mfspr")]   // mflr r0
    [InlineData(0x7C08_03A6u, "mtspr")]   // mtlr r0
    [InlineData(0x7C00_04ACu, "sync")]    // sync / msync
    [InlineData(0x7C00_06ACu, "mbar")]    // mbar / eieio
    [InlineData(0xFC20_1090u, "fmr")]     // fmr f1,f2
    [InlineData(0xEC22_182Au, "fadds")]   // fadds f1,f2,f3
    [InlineData(0x7C00_07A4u, "tlbwe")]
    [InlineData(0x7C00_0764u, "tlbre")]
    [InlineData(0x7C00_0724u, "tlbsx")]
    [InlineData(0x7C00_0146u, "wrteei")]  // wrteei 0
    public void KnownAssemblerOutputDecodes(uint word, string mnemonic)
    {
        Assert.Equal(mnemonic, Ppc440Core.Decoder.Decode(word)?.Mnemonic);
    }

    [Theory]
    [InlineData(0x0000_0000u)]
    [InlineData(0x7C00_07FCu)]
    [InlineData(0x1000_0000u)] // opcode 4 without a 440 MAC row
    public void UnassignedEncodingsDecodeToNull(uint word)
    {
        Assert.Null(Ppc440Core.Decoder.Decode(word));
    }
}
