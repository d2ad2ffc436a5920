namespace PpcVirt.Engine.Mmu;

/// <summary>
/// The PPC440's 64-entry unified TLB exactly as the guest wrote it (seed 004's <c>guest_tlb</c>;
/// PPC440 user manual "Memory Management"). Holds the three tlbwe words plus the TID per entry and
/// precomputed match fields. Lookup is the architected associative search (lowest index wins on
/// multiple hits, which the manual leaves undefined); the engine's hot path never calls it — it
/// goes through the shadow translation cache.
/// </summary>
internal sealed class Ppc440Tlb
{
    public const int Entries = 64;

    /// <summary>Defined bits of PAGEID: EPN, V, TS, SIZE (TPAR reads as 0).</summary>
    public const uint Word0Mask = 0xFFFF_FFF0;

    /// <summary>Defined bits of XLAT: RPN and ERPN (PAR1 reads as 0).</summary>
    public const uint Word1Mask = 0xFFFF_FC0F;

    /// <summary>Defined bits of ATTRIB: U0–U3, W I M G E, UX UW UR SX SW SR.</summary>
    public const uint Word2Mask = 0x0000_FFBF;

    public const uint ValidBit = 0x200;
    public const uint TsBit = 0x100;

    public const uint PermUX = 0x20, PermUW = 0x10, PermUR = 0x08, PermSX = 0x04, PermSW = 0x02, PermSR = 0x01;
    public const uint AttrW = 0x800, AttrI = 0x400, AttrM = 0x200, AttrG = 0x100, AttrE = 0x80;

    private readonly uint[] _word0 = new uint[Entries];
    private readonly uint[] _word1 = new uint[Entries];
    private readonly uint[] _word2 = new uint[Entries];
    private readonly byte[] _tid = new byte[Entries];
    private readonly uint[] _mask = new uint[Entries];

    public uint Word0(int i) => _word0[i];

    public uint Word1(int i) => _word1[i];

    public uint Word2(int i) => _word2[i];

    public byte Tid(int i) => _tid[i];

    public bool IsValid(int i) => (_word0[i] & ValidBit) != 0;

    /// <summary>Page mask of entry <paramref name="i"/> (~(size−1)).</summary>
    public uint PageMask(int i) => _mask[i];

    /// <summary>Writes word <paramref name="ws"/> (0 PAGEID, 1 XLAT, 2 ATTRIB) of entry <paramref name="index"/>; PAGEID also takes the TID.</summary>
    /// <returns>True when the entry was valid before the write (cached translations may be stale).</returns>
    public bool Write(int index, int ws, uint value, byte tid)
    {
        bool wasValid = IsValid(index);
        switch (ws)
        {
            case 0:
                _word0[index] = value & Word0Mask;
                _tid[index] = tid;
                int size = (int)((value >> 4) & 0xF);
                long bytes = 1024L << (2 * size);
                _mask[index] = bytes >= 0x1_0000_0000L ? 0 : ~(uint)(bytes - 1);
                break;
            case 1:
                _word1[index] = value & Word1Mask;
                break;
            default:
                _word2[index] = value & Word2Mask;
                break;
        }

        return wasValid;
    }

    /// <summary>Invalidates every entry (power-on state).</summary>
    public void Clear()
    {
        Array.Clear(_word0);
        Array.Clear(_word1);
        Array.Clear(_word2);
        Array.Clear(_tid);
        Array.Fill(_mask, 0xFFFF_FC00u);
    }

    /// <summary>Architected search: the first valid entry with TS = <paramref name="addressSpace"/>, TID 0 or = <paramref name="pid"/>, covering <paramref name="ea"/>.</summary>
    /// <returns>Entry index, or −1.</returns>
    public int Search(uint ea, uint pid, uint addressSpace)
    {
        for (int i = 0; i < Entries; i++)
        {
            uint w0 = _word0[i];
            if ((w0 & ValidBit) == 0 || ((w0 >> 8) & 1) != addressSpace)
            {
                continue;
            }

            uint tid = _tid[i];
            if (tid != 0 && tid != (pid & 0xFF))
            {
                continue;
            }

            uint mask = _mask[i];
            if ((ea & mask) == (w0 & mask & 0xFFFF_FC00))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The 36-bit real address <paramref name="ea"/> maps to through entry <paramref name="i"/>.</summary>
    public ulong RealAddress(int i, uint ea)
    {
        uint mask = _mask[i];
        uint w1 = _word1[i];
        return ((ulong)(w1 & 0xF) << 32) | ((w1 & 0xFFFF_FC00 & mask) | (ea & ~mask));
    }

    /// <summary>
    /// Seed 004's shadow permission mapping (kvmppc_44x_tlb_shadow_attrib): keep the permission and
    /// storage-attribute bits; when the guest is in supervisor mode, its supervisor permissions
    /// become the user permissions the (user-mode) shadow mapping is checked with.
    /// </summary>
    public static uint ShadowAttributes(uint attrib, bool userMode)
    {
        attrib &= 0x3F | AttrW | AttrI | AttrM | AttrG | AttrE | 0xF000;
        if (!userMode)
        {
            attrib &= ~(PermUX | PermUW | PermUR);
            attrib |= (attrib & (PermSX | PermSW | PermSR)) << 3;
        }

        return attrib | PermSX | PermSW | PermSR;
    }
}
