namespace PpcVirt.Engine.Mmu;

/// <summary>
/// One cached translation of the shadow TLB (seed 004's <c>shadow_tlb</c>, made direct-mapped):
/// an effective page (4 KiB, or 1 KiB for 1 KiB guest pages) of one context to host memory,
/// already permission-checked for the guest privilege it was filled in.
/// </summary>
internal unsafe struct ShadowEntry
{
    /// <summary>Effective address of the cached page (EA &amp; Mask); an unaligned value marks an empty entry.</summary>
    public uint Tag;

    /// <summary>0xFFFFF000, or 0xFFFFFC00 for a 1 KiB guest page.</summary>
    public uint Mask;

    /// <summary>generation &lt;&lt; 9 | TS &lt;&lt; 8 | TID of the guest entry it came from.</summary>
    public uint Context;

    /// <summary>Padding: keeps <see cref="Host"/> 8-byte aligned and the entry 32 bytes, so a table index is a shift, not a multiply.</summary>
    public uint Reserved;

    /// <summary>Host address of the byte at <see cref="Tag"/>.</summary>
    public byte* Host;

    /// <summary>Index of the 4 KiB host page in its backing (execute entries).</summary>
    public long HostPage;
}
