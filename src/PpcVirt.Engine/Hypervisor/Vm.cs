using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Memory;

namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// A virtual machine (KVM_CREATE_VM): guest physical memory (memory slots and in-kernel MMIO
/// devices), the DCR bus, vCPUs and the capability table. Memory-slot and MMIO-map changes are
/// refused with EBUSY while a vCPU runs; <see cref="Dispose"/> (closing the VM fd) stops the vCPUs
/// and waits for their runs to return before it frees guest RAM and the cores' native state.
/// </summary>
public sealed class Vm : IDisposable
{
    private readonly List<Vcpu> _vcpus = [];
    private readonly List<HostMemory> _owned = [];
    private readonly Dictionary<Capability, int> _capabilities;
    private readonly object _runGate = new();
    private int _runningVcpus;
    private bool _disposed;

    /// <summary>Creates an empty VM for CPUs of <paramref name="family"/>.</summary>
    public Vm(CpuFamily family)
    {
        Family = family;
        Memory = new PhysicalMemoryMap(this);
        _capabilities = new Dictionary<Capability, int>
        {
            [Capability.UserMemory] = 1,
            [Capability.NrVcpus] = 1,
            [Capability.MaxVcpus] = 1,
            [Capability.NrMemslots] = PhysicalMemoryMap.MaxSlots,
            [Capability.SyncMmu] = 1,
            [Capability.ReadonlyMem] = 1,
            [Capability.ImmediateExit] = 1,
            [Capability.OneReg] = 1,
            [Capability.PpcIrqLevel] = 1,
            [Capability.PpcUnsetIrq] = 1,
        };
        if (family == CpuFamily.Ppc440)
        {
            _capabilities[Capability.PpcBookeSregs] = 1;
        }
    }

    /// <summary>The CPU family this VM runs.</summary>
    public CpuFamily Family { get; }

    /// <summary>Guest physical address space.</summary>
    public PhysicalMemoryMap Memory { get; }

    /// <summary>True once <see cref="Dispose"/> ran: the VM's memory and vCPUs are gone.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>Device Control Register bus (Book E).</summary>
    public DcrBus Dcrs { get; } = new();

    /// <summary>The vCPUs, by id.</summary>
    public IReadOnlyList<Vcpu> Vcpus => _vcpus;

    /// <summary>KVM_CHECK_EXTENSION results: capability → value (absent means 0, unsupported).</summary>
    public IReadOnlyDictionary<Capability, int> Capabilities => _capabilities;

    /// <summary>KVM_CHECK_EXTENSION.</summary>
    /// <returns>The capability's value; 0 when unsupported.</returns>
    public int CheckExtension(Capability capability) => _capabilities.TryGetValue(capability, out int v) ? v : 0;

    /// <summary>Allocates zeroed host memory owned (and freed) by this VM.</summary>
    /// <param name="sizeBytes">Bytes; a positive multiple of 4096.</param>
    /// <exception cref="KvmException">EINVAL for a bad size; ENOMEM when the host has no memory.</exception>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    public HostMemory AllocateHostMemory(long sizeBytes)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (sizeBytes <= 0 || sizeBytes % HostMemory.PageSize != 0)
        {
            throw new KvmException(Errno.EINVAL, "mmap", $"size {sizeBytes} bytes is not a positive multiple of 4096.");
        }

        try
        {
            var m = new HostMemory(sizeBytes);
            _owned.Add(m);
            return m;
        }
        catch (OutOfMemoryException)
        {
            throw new KvmException(Errno.ENOMEM, "mmap", $"the host could not provide {sizeBytes} bytes.");
        }
    }

    /// <summary>Frees host memory this VM allocated once no memory slot uses it (munmap after the slot is gone).</summary>
    /// <returns>True when it was freed; false when a slot still uses it or the VM does not own it.</returns>
    public bool ReleaseHostMemory(HostMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (Memory.Slots.Any(s => s.Backing == memory) || !_owned.Remove(memory))
        {
            return false;
        }

        memory.Dispose();
        return true;
    }

    /// <summary>
    /// Width of the guest physical (real) address space in bits: 36 on the PPC440 (ERPN:RPN, PPC440 user
    /// manual "Memory Management"). Memory slots must end within it.
    /// </summary>
    public int PhysicalAddressBits => Family switch
    {
        CpuFamily.Ppc440 => 36,
        _ => 64,
    };

    /// <summary>KVM_SET_USER_MEMORY_REGION; see <see cref="PhysicalMemoryMap.SetUserMemoryRegion"/>.</summary>
    /// <exception cref="KvmException">As <see cref="PhysicalMemoryMap.SetUserMemoryRegion"/>; also EINVAL for a slot
    /// that does not end within the <see cref="PhysicalAddressBits"/>-bit physical address space, EBUSY while a vCPU runs.</exception>
    public MemorySlot? SetUserMemoryRegion(int slot, MemorySlotFlags flags, ulong guestPhysicalAddress, ulong sizeBytes, HostMemory? backing, long hostOffset = 0)
    {
        int bits = PhysicalAddressBits;
        if (bits < 64 && sizeBytes != 0 && (guestPhysicalAddress >> bits != 0 || sizeBytes > (1UL << bits) - guestPhysicalAddress))
        {
            throw new KvmException(Errno.EINVAL, "KVM_SET_USER_MEMORY_REGION", $"0x{guestPhysicalAddress:x} + {sizeBytes} bytes does not end within the {bits}-bit guest physical address space of a {Family} VM (last address 0x{(1UL << bits) - 1:x}).");
        }

        return Memory.SetUserMemoryRegion(slot, flags, guestPhysicalAddress, sizeBytes, backing, hostOffset);
    }

    /// <summary>
    /// KVM_GET_DIRTY_LOG (KVM API doc 4.8): the pages of memory slot <paramref name="slot"/> that
    /// guest stores reached since the slot got <see cref="MemorySlotFlags.LogDirtyPages"/> or since
    /// the previous call, which this call clears. Every guest store path marks its page (the first
    /// store to a page after a read takes the slow path; later ones use the fast path). The VMM's
    /// own writes (<see cref="PhysicalMemoryMap.Write"/>, loaders) are not logged, as in KVM. May be
    /// called while a vCPU runs: it returns once each running vCPU has dropped its cached write
    /// translations (at its next service point), so no store after the return goes unlogged.
    /// </summary>
    /// <param name="slot">Slot id, 0 … <see cref="PhysicalMemoryMap.MaxSlots"/>−1.</param>
    /// <returns>The bitmap: bit <c>p % 64</c> of element <c>p / 64</c> is page <c>p</c> (4 KiB, from the slot's first byte); <c>⌈pages / 64⌉</c> elements.</returns>
    /// <exception cref="KvmException">EINVAL: slot id out of range. ENOENT: the slot is empty or does not log dirty pages.</exception>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    public ulong[] GetDirtyLog(int slot)
    {
        if ((uint)slot >= PhysicalMemoryMap.MaxSlots)
        {
            throw new KvmException(Errno.EINVAL, "KVM_GET_DIRTY_LOG", $"slot {slot} is out of range (0..{PhysicalMemoryMap.MaxSlots - 1}).");
        }

        lock (_runGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MemorySlot? s = Memory.GetSlot(slot);
            if (s?.DirtyBitmap is null)
            {
                throw new KvmException(Errno.ENOENT, "KVM_GET_DIRTY_LOG", s is null ? $"slot {slot} is empty." : $"slot {slot} does not have KVM_MEM_LOG_DIRTY_PAGES.");
            }

            ulong[] log = s.HarvestDirtyLog();

            // A write translation cached by a vCPU lets stores skip the log; each one was made after
            // its page was marked, so it is dropped now, before the caller can copy the pages.
            foreach (Vcpu v in _vcpus)
            {
                v.Core.RequestWriteShadowFlush();
            }

            int self = Environment.CurrentManagedThreadId;
            while (_vcpus.Exists(v => v.IsRunning && v.RunThread != self && v.Core.WriteShadowFlushPending))
            {
                Monitor.Wait(_runGate, 10);
            }

            return log;
        }
    }

    /// <summary>Guards slot and MMIO-map changes and dirty-log reads against running vCPUs.</summary>
    internal object RunGate => _runGate;

    /// <summary>Throws unless the VM's memory map may change now; the caller holds <see cref="RunGate"/>.</summary>
    /// <exception cref="KvmException">EBUSY: a vCPU is running.</exception>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    internal void ThrowIfBusy(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_runningVcpus > 0)
        {
            throw new KvmException(Errno.EBUSY, operation, "a vCPU of this VM is running; change memory between runs.");
        }
    }

    /// <summary>Called by <see cref="Vcpu.Run"/> before it enters the guest.</summary>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    internal void EnterRun()
    {
        lock (_runGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _runningVcpus++;
        }
    }

    /// <summary>Called by <see cref="Vcpu.Run"/> when it returns.</summary>
    internal void ExitRun()
    {
        lock (_runGate)
        {
            _runningVcpus--;
            Monitor.PulseAll(_runGate);
        }
    }

    /// <summary>Wakes threads waiting on <see cref="RunGate"/> (a vCPU finished a request).</summary>
    internal void PulseRunGate()
    {
        lock (_runGate)
        {
            Monitor.PulseAll(_runGate);
        }
    }

    /// <summary>KVM_CREATE_VCPU.</summary>
    /// <param name="model">CPU model; must belong to <see cref="Family"/>.</param>
    /// <exception cref="KvmException">EINVAL: wrong family; EEXIST: id in use; E2BIG-like EINVAL when more than KVM_CAP_MAX_VCPUS.</exception>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    public Vcpu CreateVcpu(CpuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (model.Family != Family)
        {
            throw new KvmException(Errno.EINVAL, "KVM_CREATE_VCPU", $"a {Family} VM cannot run a {model.Name} ({model.Family}) vCPU.");
        }

        if (_vcpus.Count >= CheckExtension(Capability.MaxVcpus))
        {
            throw new KvmException(Errno.EINVAL, "KVM_CREATE_VCPU", $"this VM supports {CheckExtension(Capability.MaxVcpus)} vCPU(s).");
        }

        int id = _vcpus.Count;
        ICpuCore core = model.Family switch
        {
            CpuFamily.Ppc440 => new Cpu.Ppc440.Ppc440Core(this, model, id),
            _ => throw new KvmException(Errno.EOPNOTSUPP, "KVM_CREATE_VCPU", $"{model.Family} vCPUs are not implemented yet."),
        };
        var vcpu = new Vcpu(this, id, core);
        _vcpus.Add(vcpu);
        return vcpu;
    }

    /// <summary>
    /// Closes the VM: asks every running vCPU to stop and waits until its <see cref="Vcpu.Run"/>
    /// has returned (a vCPU leaves at its next service point, within one chunk of instructions or
    /// at once from the wait state), then frees each core's native state and shadow TLB and the
    /// host memory the VM allocated. Later calls do nothing; later runs and register accesses throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <exception cref="KvmException">EBUSY: called on a thread that is inside this VM's <see cref="Vcpu.Run"/> (e.g. from a device callback), which could never return; nothing is freed.</exception>
    public void Dispose()
    {
        lock (_runGate)
        {
            if (_disposed)
            {
                return;
            }

            int self = Environment.CurrentManagedThreadId;
            foreach (Vcpu v in _vcpus)
            {
                if (v.IsRunning && v.RunThread == self)
                {
                    throw new KvmException(Errno.EBUSY, "close(vm)", $"the VM cannot be disposed from inside vCPU {v.Id}'s run.");
                }
            }

            Volatile.Write(ref _disposed, true);
        }

        foreach (Vcpu v in _vcpus)
        {
            v.RequestStop();
        }

        lock (_runGate)
        {
            while (_runningVcpus > 0)
            {
                Monitor.Wait(_runGate);
            }
        }

        foreach (Vcpu v in _vcpus)
        {
            v.Core.Dispose();
        }

        foreach (HostMemory m in _owned)
        {
            m.Dispose();
        }

        _owned.Clear();
    }
}
