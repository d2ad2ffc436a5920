namespace PpcVirt.Engine.Loaders;

/// <summary>
/// One PT_LOAD program header (System V ABI "Program Header") of an <see cref="ElfImage"/> with
/// the file bytes it covers. Addresses and sizes are in bytes; 32-bit images have them
/// zero-extended.
/// </summary>
public sealed class ElfSegment
{
    /// <summary>Creates a segment description.</summary>
    /// <param name="index">Index of the program header in the program header table.</param>
    /// <param name="fileOffset"><c>p_offset</c>: file offset of the first byte.</param>
    /// <param name="virtualAddress"><c>p_vaddr</c>: address the code is linked to run at.</param>
    /// <param name="physicalAddress"><c>p_paddr</c>: guest physical load address.</param>
    /// <param name="memorySize"><c>p_memsz</c>: bytes the segment occupies in memory (≥ file size).</param>
    /// <param name="flags"><c>p_flags</c>.</param>
    /// <param name="alignment"><c>p_align</c>.</param>
    /// <param name="data">The <c>p_filesz</c> file bytes.</param>
    public ElfSegment(int index, ulong fileOffset, ulong virtualAddress, ulong physicalAddress, ulong memorySize, ElfSegmentFlags flags, ulong alignment, ReadOnlyMemory<byte> data)
    {
        Index = index;
        FileOffset = fileOffset;
        VirtualAddress = virtualAddress;
        PhysicalAddress = physicalAddress;
        MemorySize = memorySize;
        Flags = flags;
        Alignment = alignment;
        Data = data;
    }

    /// <summary>Index of the program header in the program header table (0-based).</summary>
    public int Index { get; }

    /// <summary><c>p_offset</c>: file offset of the segment's first byte.</summary>
    public ulong FileOffset { get; }

    /// <summary><c>p_vaddr</c>: the (effective) address the segment is linked to run at.</summary>
    public ulong VirtualAddress { get; }

    /// <summary><c>p_paddr</c>: the guest physical address the loader copies the segment to.</summary>
    public ulong PhysicalAddress { get; }

    /// <summary><c>p_filesz</c>: number of bytes taken from the file (= <see cref="Data"/> length).</summary>
    public ulong FileSize => (ulong)Data.Length;

    /// <summary><c>p_memsz</c>: number of bytes in memory; bytes past <see cref="FileSize"/> are zero (.bss).</summary>
    public ulong MemorySize { get; }

    /// <summary><c>p_flags</c>: read/write/execute permissions.</summary>
    public ElfSegmentFlags Flags { get; }

    /// <summary><c>p_align</c>: alignment in bytes (0 or 1: none).</summary>
    public ulong Alignment { get; }

    /// <summary>The <c>p_filesz</c> bytes of the segment as stored in the file.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True when <paramref name="address"/> lies in [<see cref="VirtualAddress"/>, +<see cref="MemorySize"/>).</summary>
    public bool ContainsVirtual(ulong address) => address >= VirtualAddress && address - VirtualAddress < MemorySize;

    /// <inheritdoc/>
    public override string ToString() =>
        $"LOAD #{Index} vaddr 0x{VirtualAddress:x} paddr 0x{PhysicalAddress:x} filesz 0x{FileSize:x} memsz 0x{MemorySize:x} {Flags}";
}
