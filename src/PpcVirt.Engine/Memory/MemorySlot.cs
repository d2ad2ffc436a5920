using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Memory;

/// <summary>
/// A memory slot as KVM_SET_USER_MEMORY_REGION defines it (struct kvm_userspace_memory_region):
/// guest physical range [<see cref="GuestPhysicalAddress"/>, +<see cref="SizeBytes"/>) backed by
/// host memory at <see cref="HostOffset"/> in <see cref="Backing"/>.
/// </summary>
public sealed class MemorySlot
{
    internal MemorySlot(int slot, MemorySlotFlags flags, ulong guestPhysicalAddress, ulong sizeBytes, HostMemory backing, long hostOffset, ulong[]? dirtyBitmap = null)
    {
        Slot = slot;
        Flags = flags;
        GuestPhysicalAddress = guestPhysicalAddress;
        SizeBytes = sizeBytes;
        Backing = backing;
        HostOffset = hostOffset;
        if ((flags & MemorySlotFlags.LogDirtyPages) != 0)
        {
            DirtyBitmap = dirtyBitmap ?? new ulong[DirtyLogWords(sizeBytes)];
        }
    }

    /// <summary>The slot id (0 … <see cref="PhysicalMemoryMap.MaxSlots"/>−1).</summary>
    public int Slot { get; }

    /// <summary>KVM_MEM_* flags.</summary>
    public MemorySlotFlags Flags { get; }

    /// <summary>First guest physical byte of the slot (page-aligned).</summary>
    public ulong GuestPhysicalAddress { get; }

    /// <summary>Size in bytes (a multiple of 4096).</summary>
    public ulong SizeBytes { get; }

    /// <summary>Last guest physical byte of the slot.</summary>
    public ulong GuestPhysicalEnd => GuestPhysicalAddress + SizeBytes - 1;

    /// <summary>The host memory behind the slot.</summary>
    public HostMemory Backing { get; }

    /// <summary>Byte offset of the slot's first byte inside <see cref="Backing"/>.</summary>
    public long HostOffset { get; }

    /// <summary>Number of 4 KiB pages in the slot (bits in its dirty log).</summary>
    public long PageCount => (long)(SizeBytes / HostMemory.PageSize);

    /// <summary>
    /// The dirty log of a slot with <see cref="MemorySlotFlags.LogDirtyPages"/> (KVM_GET_DIRTY_LOG
    /// layout): bit <c>p % 64</c> of word <c>p / 64</c> is set once a guest store reached page
    /// <c>p</c> (4 KiB, counted from <see cref="GuestPhysicalAddress"/>); null without the flag.
    /// Words are set with atomic OR and harvested with atomic exchange.
    /// </summary>
    internal ulong[]? DirtyBitmap { get; }

    /// <summary>Words of a dirty log for <paramref name="sizeBytes"/>: one bit per 4 KiB page, rounded up to 64 bits.</summary>
    internal static int DirtyLogWords(ulong sizeBytes) => (int)(((sizeBytes / HostMemory.PageSize) + 63) / 64);

    /// <summary>Marks the page holding guest physical address <paramref name="gpa"/> (inside the slot) written; nothing without a dirty log.</summary>
    internal void MarkDirty(ulong gpa)
    {
        ulong[]? bitmap = DirtyBitmap;
        if (bitmap is null)
        {
            return;
        }

        ulong page = (gpa - GuestPhysicalAddress) / HostMemory.PageSize;
        ulong bit = 1ul << (int)(page & 63);
        ref ulong word = ref bitmap[(int)(page >> 6)];
        if ((Volatile.Read(ref word) & bit) == 0)
        {
            Interlocked.Or(ref word, bit);
        }
    }

    /// <summary>Returns the dirty log and clears it, word by word atomically (stores racing with the read land in this copy or the next).</summary>
    internal ulong[] HarvestDirtyLog()
    {
        ulong[] bitmap = DirtyBitmap!;
        var copy = new ulong[bitmap.Length];
        for (int i = 0; i < bitmap.Length; i++)
        {
            if (Volatile.Read(ref bitmap[i]) != 0)
            {
                copy[i] = Interlocked.Exchange(ref bitmap[i], 0);
            }
        }

        return copy;
    }

    /// <summary>True when <paramref name="gpa"/> lies inside the slot.</summary>
    public bool Contains(ulong gpa) => gpa >= GuestPhysicalAddress && gpa - GuestPhysicalAddress < SizeBytes;
}
