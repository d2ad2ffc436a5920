using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Machines;

/// <summary>
/// A board: a <see cref="Hypervisor.Vm"/> with its RAM slot, devices and boot vCPU wired the way the
/// real machine (and QEMU's model of it) presents them, plus the boot protocol that loads a kernel.
/// This is the VMM side of KVM (what QEMU does around KVM_RUN).
/// </summary>
public abstract class Machine : IDisposable
{
    /// <summary>Creates the machine <paramref name="options"/> describe and, when it names a kernel, loads it.</summary>
    /// <exception cref="KvmException">EINVAL for bad sizes or CPU models; ENOENT/ENOEXEC for a kernel that is missing or not a PowerPC ELF.</exception>
    public static Machine Create(MachineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Machine switch
        {
            MachineType.Bamboo => new BambooMachine(options),
            _ => throw new KvmException(Errno.EINVAL, "create machine", $"unknown machine type {options.Machine}."),
        };
    }

    /// <summary>The VM's name.</summary>
    public abstract string Name { get; }

    /// <summary>Board model.</summary>
    public abstract MachineType Type { get; }

    /// <summary>The VM (memory slots, DCR bus, capabilities).</summary>
    public abstract Vm Vm { get; }

    /// <summary>The boot vCPU.</summary>
    public abstract Vcpu Vcpu { get; }

    /// <summary>The console UART's host side.</summary>
    public abstract MachineConsole Console { get; }

    /// <summary>Guest RAM in bytes.</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>The kernel loaded last, or null.</summary>
    public abstract string? KernelPath { get; }

    /// <summary>Kernel command line (FDT /chosen/bootargs).</summary>
    public abstract string CommandLine { get; }

    /// <summary>Loads an ELF kernel and sets the vCPU to the board's entry state (registers, TLB, device tree).</summary>
    /// <exception cref="KvmException">ENOENT: no such file; ENOEXEC: not a big-endian 32-bit PowerPC ELF; EFAULT: a segment lies outside RAM.</exception>
    public abstract void LoadKernel(string path);

    /// <summary>Board reset: devices and vCPU to power-on state, then the kernel (if any) loaded again.</summary>
    public abstract void Reset();

    /// <summary>Runs the boot vCPU until an exit (KVM_RUN).</summary>
    public VcpuExit Run(RunOptions? options = null) => Vcpu.Run(options);

    /// <summary>Disposes the VM (stopping a running vCPU first, see <see cref="Vm.Dispose"/>) and closes the console.</summary>
    /// <exception cref="KvmException">EBUSY: called from inside the vCPU's run.</exception>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Vm.Dispose();
            Console.Close();
        }
    }
}
