using PpcVirt.Engine.Mmu;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Fixed-point loads and stores (Power ISA 2.06 Book I §3.3.2–3.3.7, Book II §3.3 dcbz, §4.4 lwarx/stwcx.).</summary>
public sealed class LoadStoreTests
{
    private const uint D = CpuHarness.DataBase;

    private static CpuHarness WithData()
    {
        var h = new CpuHarness();
        h.WriteBytes(D, 0x80, 0x01, 0xFE, 0xDC, 0x12, 0x34, 0x56, 0x78, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10);
        return h;
    }

    [Fact]
    public void LoadsZeroAndSignExtend()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(10, 3);
        h.SetR(13, 2);
        h.Run(Asm.Lbz(3, 0, 4), Asm.Lhz(5, 0, 4), Asm.Lha(6, 0, 4), Asm.Lwz(7, 0, 4), Asm.Lha(8, 4, 4), Asm.Lbzx(9, 4, 10), Asm.Lhax(12, 4, 13), Asm.Lwz(14, 0, 0));
        Assert.Equal(0x80u, h.R(3));
        Assert.Equal(0x8001u, h.R(5));
        Assert.Equal(0xFFFF_8001u, h.R(6));
        Assert.Equal(0x8001_FEDCu, h.R(7));
        Assert.Equal(0x1234u, h.R(8));
        Assert.Equal(0xDCu, h.R(9));
        Assert.Equal(0xFFFF_FEDCu, h.R(12));
        Assert.Equal(h.Read32(0), h.R(14)); // RA=0 means 0, not r0
    }

    [Fact]
    public void UpdateFormsWriteBackTheEffectiveAddress()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(6, D);
        h.SetR(8, D);
        h.SetR(10, D);
        h.SetR(11, 4);
        h.SetR(1, D + 0x100);
        h.SetR(20, 0xCAFE_F00D);
        h.Run(Asm.Lwzu(3, 4, 4), Asm.Lbzu(5, 1, 6), Asm.Lhau(7, 2, 8), Asm.Lwzux(9, 10, 11), Asm.Stwu(20, -4, 1));
        Assert.Equal(0x1234_5678u, h.R(3));
        Assert.Equal(D + 4, h.R(4));
        Assert.Equal(0x01u, h.R(5));
        Assert.Equal(D + 1, h.R(6));
        Assert.Equal(0xFFFF_FEDCu, h.R(7));
        Assert.Equal(D + 2, h.R(8));
        Assert.Equal(0x1234_5678u, h.R(9));
        Assert.Equal(D + 4, h.R(10));
        Assert.Equal(D + 0xFC, h.R(1));
        Assert.Equal(0xCAFE_F00Du, h.Read32(D + 0xFC));
    }

    [Fact]
    public void StoresOfEachWidth()
    {
        using var h = new CpuHarness();
        h.SetR(4, D);
        h.SetR(5, 0x1122_3344);
        h.SetR(6, 8);
        h.Run(Asm.Stb(5, 0, 4), Asm.Sth(5, 2, 4), Asm.Stw(5, 4, 4), Asm.Stwx(5, 4, 6));
        Assert.Equal(new byte[] { 0x44, 0x00, 0x33, 0x44, 0x11, 0x22, 0x33, 0x44, 0x11, 0x22, 0x33, 0x44 }, h.ReadBytes(D, 12));
    }

    [Fact]
    public void ByteReversedLoadsAndStores()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(5, 4);
        h.SetR(6, 0x1122_3344);
        h.SetR(7, 0x10);
        h.SetR(8, 0x14);
        h.Run(Asm.Lwbrx(3, 4, 5), Asm.Lhbrx(9, 4, 5), Asm.Stwbrx(6, 4, 7), Asm.Sthbrx(6, 4, 8));
        Assert.Equal(0x7856_3412u, h.R(3));
        Assert.Equal(0x3412u, h.R(9));
        Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11, 0x44, 0x33 }, h.ReadBytes(D + 0x10, 6));
    }

    [Fact]
    public void LmwStmw()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(5, D + 0x40);
        h.Run(Asm.Lmw(28, 0, 4), Asm.Stmw(29, 0, 5));
        Assert.Equal(0x8001_FEDCu, h.R(28));
        Assert.Equal(0x1234_5678u, h.R(29));
        Assert.Equal(0x090A_0B0Cu, h.R(30));
        Assert.Equal(0x0D0E_0F10u, h.R(31));
        Assert.Equal(0x1234_5678u, h.Read32(D + 0x40));
        Assert.Equal(0x090A_0B0Cu, h.Read32(D + 0x44));
        Assert.Equal(0x0D0E_0F10u, h.Read32(D + 0x48));
    }

    [Fact]
    public void LswiWrapsFromR31ToR0AndZeroFillsTheLastRegister()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(0, 0xFFFF_FFFF);
        h.Run(Asm.Lswi(30, 4, 11));
        Assert.Equal(0x8001_FEDCu, h.R(30));
        Assert.Equal(0x1234_5678u, h.R(31));
        Assert.Equal(0x090A_0B00u, h.R(0));
    }

    [Fact]
    public void LswiNbZeroMeans32Bytes()
    {
        using var h = WithData();
        h.WriteBytes(D + 16, Enumerable.Range(0x20, 16).Select(i => (byte)i).ToArray());
        h.SetR(10, D);
        h.Run(Asm.Lswi(29, 10, 0));
        Assert.Equal(0x8001_FEDCu, h.R(29));
        Assert.Equal(0x1234_5678u, h.R(30));
        Assert.Equal(0x090A_0B0Cu, h.R(31));
        Assert.Equal(0x0D0E_0F10u, h.R(0));
        Assert.Equal(0x2021_2223u, h.R(1));
        Assert.Equal(0x2C2D_2E2Fu, h.R(4));
    }

    [Fact]
    public void LswxUsesXerByteCount()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(9, 2);
        h.SetR(6, 0xFFFF_FFFF);
        h["XER"] = 6;
        h.Run(Asm.Lswx(5, 4, 9));
        Assert.Equal(0xFEDC_1234u, h.R(5));
        Assert.Equal(0x5678_0000u, h.R(6));
    }

    [Fact]
    public void StswiAndStswxWrap()
    {
        using var h = new CpuHarness();
        h.SetR(31, 0x1122_3344);
        h.SetR(0, 0x5566_7788);
        h.SetR(5, D);
        h.SetR(6, D + 0x20);
        h.SetR(7, 0);
        h["XER"] = 7;
        h.WriteBytes(D, new byte[16]);
        h.WriteBytes(D + 0x20, Enumerable.Repeat((byte)0xEE, 16).ToArray());
        h.Run(Asm.Stswi(31, 5, 6), Asm.Stswx(31, 6, 7));
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x00, 0x00 }, h.ReadBytes(D, 8));
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0xEE }, h.ReadBytes(D + 0x20, 8));
    }

    [Fact]
    public void LwarxStwcxSucceedsOnceThenFailsWithoutReservation()
    {
        using var h = WithData();
        h.SetR(4, D);
        h["XER"] = 0;
        h["CR"] = 0;
        h.Run(Asm.Lwarx(3, 0, 4), Asm.Addi(3, 3, 1), Asm.Stwcx(3, 0, 4), Asm.Mfcr(5), Asm.Li(6, 0x55), Asm.Stwcx(6, 0, 4), Asm.Mfcr(7));
        Assert.Equal(0x8001_FEDDu, h.R(3));
        Assert.Equal(0x2u, h.R(5) >> 28);   // EQ: store performed
        Assert.Equal(0x0u, h.R(7) >> 28);   // no reservation: not performed
        Assert.Equal(0x8001_FEDDu, h.Read32(D));
    }

    [Fact]
    public void StwcxWithoutReservationCopiesSo()
    {
        using var h = WithData();
        h.SetR(4, D);
        h.SetR(6, 1);
        h["XER"] = 0x8000_0000;
        h.Run(Asm.Stwcx(6, 0, 4));
        Assert.Equal(0x1u, h.CrField(0));
        Assert.Equal(0x8001_FEDCu, h.Read32(D));
    }

    [Fact]
    public void DcbzZeroesExactlyTheAligned32Bytes()
    {
        using var h = new CpuHarness();
        h.WriteBytes(D, Enumerable.Repeat((byte)0xFF, 0x60).ToArray());
        h.SetR(4, D);
        h.SetR(5, 0x2C);
        h.Run(Asm.Dcbz(4, 5));
        byte[] after = h.ReadBytes(D, 0x60);
        Assert.All(after[..0x20], b => Assert.Equal(0xFF, b));
        Assert.All(after[0x20..0x40], b => Assert.Equal(0x00, b));
        Assert.All(after[0x40..], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void UnalignedWordAcrossHostPageBoundary()
    {
        using var h = new CpuHarness();
        h.WriteBytes(0x10FFE, 0xA1, 0xA2, 0xA3, 0xA4);
        h.SetR(4, 0x10FFE);
        h.SetR(5, 0x11FFD);
        h.SetR(6, 0xB1B2_B3B4);
        h.Run(Asm.Lwz(3, 0, 4), Asm.Stw(6, 0, 5));
        Assert.Equal(0xA1A2_A3A4u, h.R(3));
        Assert.Equal(new byte[] { 0xB1, 0xB2, 0xB3, 0xB4 }, h.ReadBytes(0x11FFD, 4));
    }

    /// <summary>Two 4 KiB TLB pages EA 0x40000000 → PA 0x20000 and EA 0x40001000 → PA 0x50000: an unaligned word straddling them is split between the two real pages.</summary>
    [Fact]
    public void UnalignedWordAcrossTlbPagesWithDiscontiguousRealAddresses()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, 0x4000_0210, 0x0002_0000, 0x3F, 0));
        h.Vcpu.SetTlbEntry(new BookETlbEntry(2, 0x4000_1210, 0x0005_0000, 0x3F, 0));
        h.WriteBytes(0x20FFE, 0xC1, 0xC2);
        h.WriteBytes(0x50000, 0xC3, 0xC4);
        h.SetR(4, 0x4000_0FFE);
        h.SetR(5, 0x4000_0FFF);
        h.SetR(6, 0xD1D2_D3D4);
        h.Run(Asm.Lwz(3, 0, 4), Asm.Stw(6, 0, 5));
        Assert.Equal(0xC1C2_C3C4u, h.R(3));
        Assert.Equal(0xD1u, h.ReadBytes(0x20FFF, 1)[0]);
        Assert.Equal(new byte[] { 0xD2, 0xD3, 0xD4 }, h.ReadBytes(0x50000, 3));
    }
}
