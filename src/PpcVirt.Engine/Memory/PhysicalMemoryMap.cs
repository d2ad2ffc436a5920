using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Memory;

/// <summary>
/// A VM's guest physical address space: the memory slots set with KVM_SET_USER_MEMORY_REGION
/// semantics and the in-kernel MMIO devices. Everything else is unclaimed and reaches the VMM as
/// KVM_EXIT_MMIO. Slot changes bump <see cref="Version"/>, which makes every vCPU drop its
/// cached translations before it runs again.
/// </summary>
public sealed class PhysicalMemoryMap
{
    /// <summary>Number of memory slots (KVM_CAP_NR_MEMSLOTS).</summary>
    public const int MaxSlots = 32;

    private const string SetRegion = "KVM_SET_USER_MEMORY_REGION";

    private readonly MemorySlot?[] _slots = new MemorySlot?[MaxSlots];
    private readonly List<IMmioDevice> _devices = [];
    private MemorySlot[] _sorted = [];
    private readonly Vm? _owner;

    /// <summary>Creates an empty, free-standing address space (loaders and tools; no vCPU runs on it).</summary>
    public PhysicalMemoryMap()
    {
    }

    /// <summary>The address space of <paramref name="owner"/>: changes are refused (EBUSY) while one of its vCPUs runs.</summary>
    internal PhysicalMemoryMap(Vm owner)
    {
        _owner = owner;
    }

    /// <summary>Incremented on every change of slots or devices.</summary>
    public int Version { get; private set; }

    /// <summary>The populated slots, ordered by guest physical address.</summary>
    public IReadOnlyList<MemorySlot> Slots => _sorted;

    /// <summary>The in-kernel MMIO devices.</summary>
    public IReadOnlyList<IMmioDevice> Devices => _devices;

    /// <summary>
    /// KVM_SET_USER_MEMORY_REGION: creates, moves, re-flags or (with <paramref name="sizeBytes"/> 0)
    /// deletes slot <paramref name="slot"/>. On any refusal nothing changes.
    /// </summary>
    /// <param name="slot">Slot id, 0 … <see cref="MaxSlots"/>−1.</param>
    /// <param name="flags">KVM_MEM_* flags.</param>
    /// <param name="guestPhysicalAddress">First guest physical byte; 4096-aligned.</param>
    /// <param name="sizeBytes">Size in bytes, a multiple of 4096; 0 deletes the slot.</param>
    /// <param name="backing">Host memory behind the slot (ignored when deleting).</param>
    /// <param name="hostOffset">Offset of the slot's first byte in <paramref name="backing"/>.</param>
    /// <returns>The new slot, or null when it was deleted.</returns>
    /// <exception cref="KvmException">
    /// EINVAL: slot id out of range, unaligned address or size, unknown flags, address range
    /// wrapping, resizing an existing slot, deleting an empty slot. EEXIST: the range overlaps
    /// another slot or an MMIO device. EFAULT: the backing does not cover the range. EBUSY: a vCPU
    /// of the owning VM is running (PpcVirt changes slots only between runs).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The owning VM was disposed.</exception>
    public MemorySlot? SetUserMemoryRegion(int slot, MemorySlotFlags flags, ulong guestPhysicalAddress, ulong sizeBytes, HostMemory? backing, long hostOffset = 0)
    {
        if (_owner is null)
        {
            return SetRegionCore(slot, flags, guestPhysicalAddress, sizeBytes, backing, hostOffset);
        }

        lock (_owner.RunGate)
        {
            _owner.ThrowIfBusy(SetRegion);
            return SetRegionCore(slot, flags, guestPhysicalAddress, sizeBytes, backing, hostOffset);
        }
    }

    private MemorySlot? SetRegionCore(int slot, MemorySlotFlags flags, ulong guestPhysicalAddress, ulong sizeBytes, HostMemory? backing, long hostOffset)
    {
        if ((uint)slot >= MaxSlots)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, $"slot {slot} is out of range (0..{MaxSlots - 1}).");
        }

        if ((flags & ~(MemorySlotFlags.LogDirtyPages | MemorySlotFlags.ReadOnly)) != 0)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, $"unknown flags 0x{(int)flags:x}.");
        }

        if (guestPhysicalAddress % HostMemory.PageSize != 0)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, $"guest physical address 0x{guestPhysicalAddress:x} is not 4096-byte aligned.");
        }

        if (sizeBytes % HostMemory.PageSize != 0)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, $"size {sizeBytes} bytes is not a multiple of 4096.");
        }

        MemorySlot? old = _slots[slot];
        if (sizeBytes == 0)
        {
            if (old is null)
            {
                throw new KvmException(Errno.EINVAL, SetRegion, $"slot {slot} is empty; there is nothing to delete.");
            }

            _slots[slot] = null;
            Changed();
            return null;
        }

        if (guestPhysicalAddress + sizeBytes - 1 < guestPhysicalAddress)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, "the range wraps around the end of the address space.");
        }

        if (old is not null && old.SizeBytes != sizeBytes)
        {
            throw new KvmException(Errno.EINVAL, SetRegion, $"slot {slot} exists with {old.SizeBytes} bytes; a slot cannot be resized (delete it first).");
        }

        if (backing is null)
        {
            throw new KvmException(Errno.EFAULT, SetRegion, "no host memory backs the slot.");
        }

        if (hostOffset < 0 || hostOffset % HostMemory.PageSize != 0 || (ulong)hostOffset + sizeBytes > (ulong)backing.SizeBytes)
        {
            throw new KvmException(Errno.EFAULT, SetRegion, $"host memory of {backing.SizeBytes} bytes does not cover offset {hostOffset} + {sizeBytes} bytes.");
        }

        ulong end = guestPhysicalAddress + sizeBytes - 1;
        foreach (MemorySlot other in _sorted)
        {
            if (other.Slot != slot && guestPhysicalAddress <= other.GuestPhysicalEnd && other.GuestPhysicalAddress <= end)
            {
                throw new KvmException(Errno.EEXIST, SetRegion, $"0x{guestPhysicalAddress:x}-0x{end:x} overlaps slot {other.Slot} (0x{other.GuestPhysicalAddress:x}-0x{other.GuestPhysicalEnd:x}).");
            }
        }

        foreach (IMmioDevice device in _devices)
        {
            if (guestPhysicalAddress <= device.Base + device.SizeBytes - 1 && device.Base <= end)
            {
                throw new KvmException(Errno.EEXIST, SetRegion, $"0x{guestPhysicalAddress:x}-0x{end:x} overlaps the MMIO device {device.GetType().Name} at 0x{device.Base:x}.");
            }
        }

        // Re-flagging or moving a slot that keeps KVM_MEM_LOG_DIRTY_PAGES keeps its log (as KVM keeps the bitmap).
        ulong[]? keptLog = (flags & MemorySlotFlags.LogDirtyPages) != 0 ? old?.DirtyBitmap : null;
        var created = new MemorySlot(slot, flags, guestPhysicalAddress, sizeBytes, backing, hostOffset, keptLog);
        _slots[slot] = created;
        Changed();
        return created;
    }

    /// <summary>The slot with id <paramref name="slot"/>, or null.</summary>
    public MemorySlot? GetSlot(int slot) => (uint)slot < MaxSlots ? _slots[slot] : null;

    /// <summary>Maps an in-kernel MMIO device.</summary>
    /// <exception cref="KvmException">EEXIST: the window overlaps a slot or another device; EBUSY: a vCPU of the owning VM is running.</exception>
    /// <exception cref="ObjectDisposedException">The owning VM was disposed.</exception>
    public void AddDevice(IMmioDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (_owner is null)
        {
            AddDeviceCore(device);
            return;
        }

        lock (_owner.RunGate)
        {
            _owner.ThrowIfBusy("KVM_REGISTER_MMIO");
            AddDeviceCore(device);
        }
    }

    private void AddDeviceCore(IMmioDevice device)
    {
        ulong end = device.Base + device.SizeBytes - 1;
        foreach (MemorySlot s in _sorted)
        {
            if (device.Base <= s.GuestPhysicalEnd && s.GuestPhysicalAddress <= end)
            {
                throw new KvmException(Errno.EEXIST, "KVM_REGISTER_MMIO", $"device window 0x{device.Base:x} overlaps slot {s.Slot}.");
            }
        }

        foreach (IMmioDevice d in _devices)
        {
            if (device.Base <= d.Base + d.SizeBytes - 1 && d.Base <= end)
            {
                throw new KvmException(Errno.EEXIST, "KVM_REGISTER_MMIO", $"device window 0x{device.Base:x} overlaps {d.GetType().Name} at 0x{d.Base:x}.");
            }
        }

        _devices.Add(device);
        Changed();
    }

    /// <summary>The slot containing <paramref name="gpa"/>, or null (a short scan: the slow path).</summary>
    public MemorySlot? FindSlot(ulong gpa)
    {
        MemorySlot[] sorted = _sorted;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Contains(gpa))
            {
                return sorted[i];
            }
        }

        return null;
    }

    /// <summary>The MMIO device decoding <paramref name="gpa"/>, or null.</summary>
    public IMmioDevice? FindDevice(ulong gpa)
    {
        foreach (IMmioDevice d in _devices)
        {
            if (gpa >= d.Base && gpa - d.Base < d.SizeBytes)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>Copies guest physical memory into <paramref name="destination"/>.</summary>
    /// <exception cref="KvmException">EFAULT: part of the range is outside every slot.</exception>
    public void Read(ulong gpa, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            MemorySlot slot = FindSlot(gpa) ?? throw Fault(gpa);
            ulong inSlot = gpa - slot.GuestPhysicalAddress;
            int n = (int)Math.Min((ulong)destination.Length, slot.SizeBytes - inSlot);
            slot.Backing.AsSpan(slot.HostOffset + (long)inSlot, n).CopyTo(destination);
            destination = destination[n..];
            gpa += (ulong)n;
        }
    }

    /// <summary>Copies <paramref name="source"/> into guest physical memory (drops predecoded code it overwrites).</summary>
    /// <exception cref="KvmException">EFAULT: part of the range is outside every slot.</exception>
    public unsafe void Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            MemorySlot slot = FindSlot(gpa) ?? throw Fault(gpa);
            ulong inSlot = gpa - slot.GuestPhysicalAddress;
            int n = (int)Math.Min((ulong)source.Length, slot.SizeBytes - inSlot);
            long hostOffset = slot.HostOffset + (long)inSlot;
            source[..n].CopyTo(slot.Backing.AsSpan(hostOffset, n));
            for (long p = hostOffset / HostMemory.PageSize; p <= (hostOffset + n - 1) / HostMemory.PageSize; p++)
            {
                if (slot.Backing.CodeFlags[p] != 0)
                {
                    slot.Backing.InvalidateCode(p);
                }
            }

            source = source[n..];
            gpa += (ulong)n;
        }
    }

    private static KvmException Fault(ulong gpa) =>
        new(Errno.EFAULT, "guest memory access", $"guest physical address 0x{gpa:x} is outside every memory slot.");

    private void Changed()
    {
        _sorted = _slots.Where(s => s is not null).Select(s => s!).OrderBy(s => s.GuestPhysicalAddress).ToArray();
        Version++;
    }
}
