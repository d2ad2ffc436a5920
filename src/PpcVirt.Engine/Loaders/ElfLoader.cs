using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// Copies an <see cref="ElfImage"/> into guest physical memory the way QEMU 7.2's
/// <c>load_elf()</c> (include/hw/elf_ops.h) does when a board passes no address-translation
/// callback, which is what <c>-M bamboo</c> does (hw/ppc/ppc440_bamboo.c calls
/// <c>load_elf(kernel, NULL, NULL, NULL, &amp;entry, …, 1, PPC_ELF_MACHINE, 0, 0)</c>):
/// <list type="bullet">
/// <item>each PT_LOAD goes to its <c>p_paddr</c> (never <c>p_vaddr</c>); <c>p_filesz</c> bytes
/// are copied and the rest up to <c>p_memsz</c> is zero-filled;</item>
/// <item>segments with <c>p_memsz</c> 0 are skipped;</item>
/// <item>when a segment's zero-filled tail [p_paddr + p_filesz, p_paddr + p_memsz) would overlap
/// another PT_LOAD, only <c>p_filesz</c> bytes are loaded (QEMU's "packed into ROM" rule);</item>
/// <item>the entry point is <c>e_entry</c>, converted to
/// <c>e_entry − p_vaddr + p_paddr</c> for every executable (PF_X) segment with
/// <c>p_vaddr ≠ p_paddr</c> and <c>p_vaddr ≤ e_entry &lt; p_vaddr + p_filesz</c> (the last such
/// segment wins). A Linux vmlinux with e_entry 0xC0000000 and one LOAD at vaddr 0xC0000000,
/// paddr 0 therefore starts at 0.</item>
/// </list>
/// </summary>
public static class ElfLoader
{
    private const int ZeroChunk = 64 * 1024;

    /// <summary>
    /// Writes every PT_LOAD of <paramref name="image"/> into <paramref name="memory"/> at its
    /// physical address and returns the physical entry point.
    /// </summary>
    /// <param name="image">The parsed ELF.</param>
    /// <param name="memory">The VM's guest physical address space; only RAM slots are written.</param>
    /// <returns>The entry point as <see cref="EntryPoint"/> computes it.</returns>
    /// <exception cref="KvmException">
    /// EFAULT: some byte of a segment's [p_paddr, p_paddr + loaded size) is outside every memory
    /// slot (also when the range wraps past the end of the address space). All segments are
    /// checked before the first byte is written, so on failure guest memory is unchanged.
    /// </exception>
    public static ulong LoadInto(ElfImage image, PhysicalMemoryMap memory)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(memory);
        ulong[] sizes = LoadSizes(image);
        for (int i = 0; i < image.Segments.Count; i++)
        {
            CheckInRam(image, image.Segments[i], sizes[i], memory);
        }

        byte[] zeros = new byte[ZeroChunk];
        for (int i = 0; i < image.Segments.Count; i++)
        {
            ElfSegment s = image.Segments[i];
            if (sizes[i] == 0)
            {
                continue;
            }

            memory.Write(s.PhysicalAddress, s.Data.Span);
            ulong gpa = s.PhysicalAddress + s.FileSize;
            ulong left = sizes[i] - s.FileSize;
            while (left > 0)
            {
                int n = (int)Math.Min(left, (ulong)zeros.Length);
                memory.Write(gpa, zeros.AsSpan(0, n));
                gpa += (ulong)n;
                left -= (ulong)n;
            }
        }

        return EntryPoint(image);
    }

    /// <summary>
    /// The physical entry point QEMU 7.2's <c>load_elf()</c> reports for <paramref name="image"/>
    /// without a translation callback: <c>e_entry</c>, or <c>e_entry − p_vaddr + p_paddr</c> of the
    /// last PF_X PT_LOAD with <c>p_vaddr ≠ p_paddr</c> whose file bytes contain <c>e_entry</c>.
    /// For ELFCLASS32 the arithmetic is modulo 2³² and the result is zero-extended (QEMU
    /// sign-extends the 32-bit value to 64 bits, which a 32-bit CPU's NIP truncates back).
    /// </summary>
    /// <param name="image">The parsed ELF.</param>
    /// <returns>The guest address to start executing at.</returns>
    public static ulong EntryPoint(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ulong entry = image.Entry;
        ulong result = entry;
        foreach (ElfSegment s in image.Segments)
        {
            if (s.VirtualAddress != s.PhysicalAddress
                && entry >= s.VirtualAddress
                && entry - s.VirtualAddress < s.FileSize
                && (s.Flags & ElfSegmentFlags.Execute) != 0)
            {
                result = entry - s.VirtualAddress + s.PhysicalAddress;
            }
        }

        return image.Class == ElfClass.Elf32 ? result & 0xFFFF_FFFF : result;
    }

    /// <summary>
    /// The number of bytes <see cref="LoadInto"/> writes for each entry of
    /// <see cref="ElfImage.Segments"/>: <c>p_memsz</c>, or <c>p_filesz</c> when the zero-filled
    /// tail overlaps another PT_LOAD's [p_paddr, p_paddr + p_memsz).
    /// </summary>
    /// <param name="image">The parsed ELF.</param>
    /// <returns>One size in bytes per segment, same order.</returns>
    public static ulong[] LoadSizes(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        IReadOnlyList<ElfSegment> segs = image.Segments;
        ulong[] sizes = new ulong[segs.Count];
        ulong mask = image.Class == ElfClass.Elf32 ? 0xFFFF_FFFFUL : ulong.MaxValue;
        for (int i = 0; i < segs.Count; i++)
        {
            ElfSegment s = segs[i];
            sizes[i] = s.MemorySize;
            if (s.MemorySize <= s.FileSize)
            {
                continue;
            }

            // QEMU does this in elf_word arithmetic (32-bit for ELFCLASS32).
            ulong zeroStart = (s.PhysicalAddress + s.FileSize) & mask;
            ulong zeroEnd = (s.PhysicalAddress + s.MemorySize) & mask;
            for (int j = 0; j < segs.Count; j++)
            {
                if (j == i)
                {
                    continue;
                }

                ulong otherStart = segs[j].PhysicalAddress;
                ulong otherEnd = (segs[j].PhysicalAddress + segs[j].MemorySize) & mask;
                if (!(otherStart >= zeroEnd || zeroStart >= otherEnd))
                {
                    sizes[i] = s.FileSize;
                    break;
                }
            }
        }

        return sizes;
    }

    private static void CheckInRam(ElfImage image, ElfSegment s, ulong size, PhysicalMemoryMap memory)
    {
        if (size == 0)
        {
            return;
        }

        ulong last = s.PhysicalAddress + size - 1;
        if (last < s.PhysicalAddress || (image.Class == ElfClass.Elf32 && last > 0xFFFF_FFFF))
        {
            throw Outside(image, s, size, s.PhysicalAddress);
        }

        ulong gpa = s.PhysicalAddress;
        while (true)
        {
            MemorySlot slot = memory.FindSlot(gpa) ?? throw Outside(image, s, size, gpa);
            if (slot.GuestPhysicalEnd >= last)
            {
                return;
            }

            gpa = slot.GuestPhysicalEnd + 1;
        }
    }

    private static KvmException Outside(ElfImage image, ElfSegment s, ulong size, ulong gpa) =>
        new(Errno.EFAULT, ElfImage.Operation,
            $"'{image.SourceName}' program header {s.Index} (paddr 0x{s.PhysicalAddress:x}, 0x{size:x} bytes) does not fit in guest RAM: 0x{gpa:x} is outside every memory slot.");
}
