using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// <see cref="IDebugTarget"/> over a <see cref="Vcpu"/>: registers through KVM_GET/SET_ONE_REG names,
/// memory through KVM_TRANSLATE (the vCPU's current MSR and PID, as <c>Resolve-PpcAddress</c>) and
/// guest physical RAM. Device (MMIO) space is not read or written by the debugger.
/// </summary>
public sealed class VcpuDebugTarget : IDebugTarget
{
    /// <summary>Smallest translation granule: the 440's 1 KiB page (Book E TLB SIZE = 0). A debugger access is translated once per granule.</summary>
    private const ulong Granule = 1024;

    private readonly Vcpu _vcpu;

    /// <summary>Wraps <paramref name="vcpu"/>.</summary>
    /// <exception cref="NotSupportedException">No target description for the vCPU's family.</exception>
    public VcpuDebugTarget(Vcpu vcpu)
    {
        ArgumentNullException.ThrowIfNull(vcpu);
        _vcpu = vcpu;
        Description = GdbTargetDescription.For(vcpu.Model.Family);
    }

    /// <inheritdoc/>
    public GdbTargetDescription Description { get; }

    /// <inheritdoc/>
    public string DisplayName => $"vCPU {_vcpu.Id} ({_vcpu.Model.Name})";

    /// <inheritdoc/>
    public ulong ProgramCounter
    {
        get => _vcpu.ProgramCounter;
        set => _vcpu.ProgramCounter = value;
    }

    /// <inheritdoc/>
    public DebugControl Debug => _vcpu.Debug;

    /// <summary>The vCPU.</summary>
    public Vcpu Vcpu => _vcpu;

    /// <inheritdoc/>
    public bool TryReadRegister(GdbRegister register, out ulong value)
    {
        try
        {
            value = _vcpu.GetRegister(register.VcpuName);
            return true;
        }
        catch (KvmException)
        {
            value = 0;
            return false;
        }
    }

    /// <inheritdoc/>
    public bool TryWriteRegister(GdbRegister register, ulong value)
    {
        if (register.BitSize < 64)
        {
            value &= (1UL << register.BitSize) - 1;
        }

        try
        {
            _vcpu.SetRegister(register.VcpuName, value);
            return true;
        }
        catch (KvmException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public int ReadMemory(ulong address, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            ulong ea = address + (ulong)done;
            int n = (int)Math.Min((ulong)(destination.Length - done), Granule - (ea % Granule));
            if (!TryPhysical(ea, out ulong pa))
            {
                break;
            }

            try
            {
                _vcpu.Vm.Memory.Read(pa, destination.Slice(done, n));
            }
            catch (KvmException)
            {
                break;
            }

            done += n;
        }

        return done;
    }

    /// <inheritdoc/>
    public int WriteMemory(ulong address, ReadOnlySpan<byte> source)
    {
        int done = 0;
        while (done < source.Length)
        {
            ulong ea = address + (ulong)done;
            int n = (int)Math.Min((ulong)(source.Length - done), Granule - (ea % Granule));
            if (!TryPhysical(ea, out ulong pa) || _vcpu.Vm.Memory.FindSlot(pa) is not { } slot || slot.GuestPhysicalAddress + slot.SizeBytes < pa + (ulong)n)
            {
                break;
            }

            _vcpu.Vm.Memory.Write(pa, source.Slice(done, n));
            done += n;
        }

        return done;
    }

    /// <inheritdoc/>
    public VcpuExit Run(RunOptions options) => _vcpu.Run(options);

    /// <inheritdoc/>
    public void RequestStop() => _vcpu.RequestStop();

    private bool TryPhysical(ulong ea, out ulong pa)
    {
        TranslationResult t = _vcpu.Translate(ea, AccessKind.Read);
        pa = t.PhysicalAddress;
        return t.Valid;
    }
}
