using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>isel (PPC440 user manual "Integer Select Instruction"; Power ISA 2.06 Book I §3.3.11): RT ← CR[BC] ? (RA|0) : (RB).</summary>
public sealed class IntegerSelectTests
{
    [Theory]
    [InlineData(0x8000_0000u, 0, 0x1111_1111u)]   // CR bit 0 (cr0 LT) set → RA
    [InlineData(0x7FFF_FFFFu, 0, 0x2222_2222u)]   // CR bit 0 clear → RB
    [InlineData(0x0000_0001u, 31, 0x1111_1111u)]  // CR bit 31 (cr7 SO) set → RA
    [InlineData(0xFFFF_FFFEu, 31, 0x2222_2222u)]  // CR bit 31 clear → RB
    [InlineData(0x0020_0000u, 10, 0x1111_1111u)]  // cr2 EQ
    [InlineData(0xFFDF_FFFFu, 10, 0x2222_2222u)]
    public void SelectsOnTheNamedCrBit(uint cr, int bc, uint expected)
    {
        using var h = new CpuHarness();
        h.SetR(4, 0x1111_1111);
        h.SetR(5, 0x2222_2222);
        h["CR"] = cr;
        h["XER"] = 0xE000_0000;
        h.Run(Asm.Isel(3, 4, 5, bc));
        Assert.Equal(expected, h.R(3));
        Assert.Equal(cr, h.Cr);
        Assert.Equal(0xE000_0000u, h.Xer & 0xE000_0000);
    }

    /// <summary>RA = 0 means the value 0, not GPR0; RB = 0 is GPR0 as usual.</summary>
    [Fact]
    public void RaZeroIsTheValueZero()
    {
        using var h = new CpuHarness();
        h.SetR(0, 0x5555_5555);
        h.SetR(3, 0xFFFF_FFFF);
        h.SetR(6, 0xFFFF_FFFF);
        h["CR"] = 0x8000_0000;
        h.Run(Asm.Isel(3, 0, 5, 0), Asm.Isel(6, 7, 0, 1));
        Assert.Equal(0u, h.R(3));           // bit 0 set → RA field 0 → 0
        Assert.Equal(0x5555_5555u, h.R(6)); // bit 1 clear → RB = GPR0
    }
}
