using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Memory;

namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// A virtual machine (KVM_CREATE_VM): guest physical memory (memory slots and in-kernel MMIO
/// devices), the DCR bus, vCPUs and the capability table.
/// </summary>
public sealed class Vm : IDisposable
{
    private readonly List<Vcpu> _vcpus = [];
    private readonly List<HostMemory> _owned = [];
    private readonly Dictionary<Capability, int> _capabilities;

    /// <summary>Creates an empty VM for CPUs of <paramref name="family"/>.</summary>
    public Vm(CpuFamily family)
    {
        Family = family;
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
    public PhysicalMemoryMap Memory { get; } = new();

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
    public HostMemory AllocateHostMemory(long sizeBytes)
    {
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

        foreach (Vcpu v in _vcpus)
        {
            if (v.IsRunning)
            {
                throw new KvmException(Errno.EBUSY, "KVM_SET_USER_MEMORY_REGION", $"vCPU {v.Id} is running.");
            }
        }

        return Memory.SetUserMemoryRegion(slot, flags, guestPhysicalAddress, sizeBytes, backing, hostOffset);
    }

    /// <summary>KVM_CREATE_VCPU.</summary>
    /// <param name="model">CPU model; must belong to <see cref="Family"/>.</param>
    /// <exception cref="KvmException">EINVAL: wrong family; EEXIST: id in use; E2BIG-like EINVAL when more than KVM_CAP_MAX_VCPUS.</exception>
    public Vcpu CreateVcpu(CpuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
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

    /// <summary>Frees the host memory the VM allocated.</summary>
    public void Dispose()
    {
        foreach (HostMemory m in _owned)
        {
            m.Dispose();
        }

        _owned.Clear();
    }
}
