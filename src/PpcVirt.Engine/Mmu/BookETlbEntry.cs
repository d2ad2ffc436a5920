namespace PpcVirt.Engine.Mmu;

/// <summary>
/// One PPC440 TLB entry exactly as the guest wrote it with tlbwe (PPC440 user manual, "Memory
/// Management": TLB entry fields; seed 004 keeps this "guest TLB" apart from the shadow
/// translation the engine uses). Word 0 = PAGEID (EPN, V, TS, SIZE), word 1 = XLAT (RPN, ERPN),
/// word 2 = ATTRIB (U0–U3, WIMGE, UX/UW/UR, SX/SW/SR); TID is the 8-bit translation id.
/// </summary>
/// <param name="Index">Entry index, 0–63.</param>
/// <param name="Word0">PAGEID word: EPN[0:21] | V (0x200) | TS (0x100) | SIZE (bits 24–27, 0x0F0) | TPAR.</param>
/// <param name="Word1">XLAT word: RPN[0:21] | PAR1 | ERPN (low 4 bits).</param>
/// <param name="Word2">ATTRIB word: PAR2 | U0–U3 | W I M G E | UX UW UR SX SW SR (low 6 bits).</param>
/// <param name="Tid">Translation ID (0 matches every PID).</param>
public readonly record struct BookETlbEntry(int Index, uint Word0, uint Word1, uint Word2, byte Tid)
{
    /// <summary>PAGEID V bit.</summary>
    public bool Valid => (Word0 & 0x200) != 0;

    /// <summary>PAGEID TS bit: the translation space (compared with MSR[IS] or MSR[DS]).</summary>
    public int TranslationSpace => (int)((Word0 >> 8) & 1);

    /// <summary>PAGEID SIZE field (0 = 1 KiB, 1 = 4 KiB, 2 = 16 KiB, 3 = 64 KiB, 4 = 256 KiB, 5 = 1 MiB, 7 = 16 MiB, 9 = 256 MiB).</summary>
    public int SizeField => (int)((Word0 >> 4) & 0xF);

    /// <summary>Page size in bytes: 1 KiB × 4^SIZE.</summary>
    public long PageSizeBytes => 1024L << (2 * SizeField);

    /// <summary>Effective page number as an address (EPN bits masked to the page size).</summary>
    public uint EffectiveAddress => Word0 & ~(uint)(PageSizeBytes - 1) & 0xFFFFFC00;

    /// <summary>36-bit real address of the page: ERPN:RPN masked to the page size.</summary>
    public ulong RealAddress => ((ulong)(Word1 & 0xF) << 32) | (Word1 & ~(uint)(PageSizeBytes - 1) & 0xFFFFFC00);

    /// <summary>WIMGE storage attributes (W=0x10, I=0x08, M=0x04, G=0x02, E=0x01).</summary>
    public int Wimge => (int)((Word2 >> 7) & 0x1F);

    /// <summary>Access permissions UX UW UR SX SW SR as the low 6 bits (UX=0x20 … SR=0x01).</summary>
    public int Permissions => (int)(Word2 & 0x3F);
}
