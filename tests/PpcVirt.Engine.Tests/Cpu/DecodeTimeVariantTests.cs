using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Cpu.Ppc440;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// Rc/OE and RA = 0 are decided when a word is decoded (InstructionDefinition.HandlerFor), not on every
/// execution: each encoding gets the handler of its variant, and every variant keeps the ISA's meaning.
/// </summary>
public sealed class DecodeTimeVariantTests
{
    private static InstructionDefinition Row(uint word) => Ppc440Core.Decoder.Decode(word)!;

    [Fact]
    public void EachRcOeFormOfAnXoInstructionHasItsOwnHandler()
    {
        uint[] words = [Asm.Add(3, 4, 5), Asm.Add(3, 4, 5, rc: true), Asm.Add(3, 4, 5, oe: true), Asm.Add(3, 4, 5, oe: true, rc: true)];
        InstructionDefinition row = Row(words[0]);
        Assert.All(words, w => Assert.Same(row, Row(w)));
        Assert.True(row.HasVariants);
        Assert.Equal(4, words.Select(row.HandlerFor).Distinct().Count());
        Assert.Equal(row.Handler, row.HandlerFor(words[0]));
    }

    [Fact]
    public void RaZeroHasItsOwnHandler()
    {
        InstructionDefinition addi = Row(Asm.Addi(3, 0, 5));
        Assert.NotEqual(addi.HandlerFor(Asm.Addi(3, 0, 5)), addi.HandlerFor(Asm.Addi(3, 4, 5)));
        InstructionDefinition lwz = Row(Asm.Lwz(3, 8, 0));
        Assert.NotEqual(lwz.HandlerFor(Asm.Lwz(3, 8, 0)), lwz.HandlerFor(Asm.Lwz(3, 8, 4)));
    }

    [Fact]
    public void EveryVariantKeepsItsMeaning()
    {
        using var h = new CpuHarness();
        h.SetR(0, 0x1234);
        h.SetR(4, 0x7FFF_FFFF);
        h.SetR(5, 1);
        h.Write32(0x800, 0xCAFE_F00D);
        h.Run(
            Asm.Addi(6, 0, 5),                    // li r6,5: RA = 0 is the value 0, not r0
            Asm.Addi(7, 0, 0),
            Asm.Addi(7, 7, 0),                    // RA = 7 (r7 = 0 too): same result, the other handler
            Asm.Add(8, 4, 5),                     // no XER, no CR
            Asm.Add(9, 4, 5, oe: true),           // OV, SO, no CR
            Asm.Add(10, 5, 5, rc: true),          // CR0 = GT | SO
            Asm.Lwz(11, 0x800, 0));               // EA = 0 + 0x800, not r0 + 0x800
        Assert.Equal(5u, h.R(6));
        Assert.Equal(0u, h.R(7));
        Assert.Equal(0x8000_0000u, h.R(8));
        Assert.Equal(0x8000_0000u, h.R(9));
        Assert.Equal(0xC000_0000u, h.Xer & 0xC000_0000u);
        Assert.Equal(0x4u | 0x1u, h.CrField(0));
        Assert.Equal(0xCAFE_F00Du, h.R(11));
    }
}
