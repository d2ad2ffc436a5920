using PpcVirt.Engine.Mmu;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// stmw and the string stores are all-or-nothing on the 440 here: the whole range is probed for
/// translation and permission before any byte is stored (once per 1 KiB block, the smallest page),
/// so a fault part-way reports the first failing address (DEAR) and stores nothing.
/// </summary>
public sealed class MultipleStoreProbeTests
{
    private const uint Va = 0x4000_0000;
    private const uint Pa = 0x0002_0000;

    /// <summary>Maps one 1 KiB page EA <see cref="Va"/> → PA <see cref="Pa"/>; EA Va+0x400 stays unmapped.</summary>
    private static CpuHarness WithOneKilobytePage()
    {
        var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x200, Pa, 0x3F, 0)); // V, SIZE=0 (1 KiB)
        return h;
    }

    [Fact]
    public void StmwIntoAnUnmappedBlockStoresNothing()
    {
        using CpuHarness h = WithOneKilobytePage();
        for (int r = 20; r < 32; r++)
        {
            h.SetR(r, 0x1111_1111u * (uint)(r - 19));
        }

        h.SetR(4, Va + 0x3F0); // r20..r23 fit, r24 is the first word of the unmapped block
        h.RunFor(1, Asm.Stmw(20, 0, 4));

        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]); // data TLB error
        Assert.Equal(Va + 0x400, (uint)h["DEAR"]);
        Assert.Equal(new byte[16], h.ReadBytes(Pa + 0x3F0, 16));
    }

    [Fact]
    public void StswiIntoAnUnmappedBlockStoresNothing()
    {
        using CpuHarness h = WithOneKilobytePage();
        h.SetR(5, 0x4142_4344);
        h.SetR(6, 0x4546_4748);
        h.SetR(4, Va + 0x3FC); // four bytes fit, the fifth is in the unmapped block
        h.RunFor(1, Asm.Stswi(5, 4, 8));

        Assert.Equal(CpuHarness.Vector(13), (uint)h["PC"]);
        Assert.Equal(Va + 0x400, (uint)h["DEAR"]);
        Assert.Equal(new byte[4], h.ReadBytes(Pa + 0x3FC, 4));
    }

    [Fact]
    public void StmwAcrossTwoMappedBlocksStoresEveryWord()
    {
        using CpuHarness h = WithOneKilobytePage();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(2, (Va + 0x400) | 0x200, Pa + 0x400, 0x3F, 0));
        for (int r = 28; r < 32; r++)
        {
            h.SetR(r, 0xA0A0_A0A0u + (uint)r);
        }

        h.SetR(4, Va + 0x3F8);
        h.Run(Asm.Stmw(28, 0, 4));

        Assert.Equal(0xA0A0_A0BCu, h.Read32(Pa + 0x3F8));
        Assert.Equal(0xA0A0_A0BFu, h.Read32(Pa + 0x404));
    }
}
