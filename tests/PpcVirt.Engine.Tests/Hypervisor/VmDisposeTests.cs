using PpcVirt.Engine.Cpu.Ppc440;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Tests.Cpu;
using Xunit;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>
/// Disposing a VM (closing the VM fd) stops its vCPUs and waits for <see cref="Vcpu.Run"/> to
/// return before the guest RAM is unmapped, and frees each core's native state; memory-slot and
/// MMIO-map changes are refused with EBUSY while a vCPU runs, on the <see cref="Vm"/> and on its
/// <see cref="PhysicalMemoryMap"/> alike.
/// </summary>
public sealed class VmDisposeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Starts a guest that stores to RAM forever (stw r3,0(r4); addi r3,r3,1; b -8) and waits until it is running.</summary>
    private static BackgroundRun StartStoreLoop(CpuHarness h)
    {
        h.SetR(4, CpuHarness.DataBase);
        h.Load(CpuHarness.CodeBase, Asm.Stw(3, 0, 4), Asm.Addi(3, 3, 1), Asm.B(-8));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        var run = new BackgroundRun(h.Vcpu);
        Assert.True(SpinWait.SpinUntil(() => run.IsCompleted || (h.Vcpu.IsRunning && h.Vcpu.GetRegister("r3") > 1000), Patience));
        Assert.False(run.IsCompleted);
        return run;
    }

    [Fact]
    public void DisposeFreesTheCoresNativeState()
    {
        var h = new CpuHarness();
        var core = (Ppc440Core)h.Vcpu.Core;
        h.RunFor(10, Asm.B(0));

        h.Dispose();

        Assert.True(core.IsDisposed);
    }

    [Fact]
    public void DisposeWhileTheVcpuRunsStopsItFirst()
    {
        var h = new CpuHarness();
        BackgroundRun run = StartStoreLoop(h);

        h.Vm.Dispose();

        Assert.False(h.Vcpu.IsRunning); // Run had returned before Dispose freed anything
        Assert.True(run.Join(Patience));
        Assert.Equal(ExitReason.Canceled, run.Exit.Reason);
        Assert.True(((Ppc440Core)h.Vcpu.Core).IsDisposed);
    }

    [Fact]
    public void ADisposedVmRefusesToRunOrToChangeItsMemory()
    {
        var h = new CpuHarness();
        HostMemory spare = h.Vm.AllocateHostMemory(4096);
        h.Vm.Dispose();
        h.Vm.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => h.Vcpu.Run());
        Assert.Throws<ObjectDisposedException>(() => h.Vcpu.GetRegister("r3"));
        Assert.Throws<ObjectDisposedException>(() => h.Vm.Memory.SetUserMemoryRegion(1, MemorySlotFlags.None, 0x0100_0000, 4096, spare));
    }

    [Fact]
    public void DisposeFromTheVcpusOwnThreadIsRefused()
    {
        using var h = new CpuHarness();
        var device = new DisposingDevice(h.Vm, 0x0300_0000);
        h.Vm.Memory.AddDevice(device);
        h.Vcpu.SetTlbEntry(new Mmu.BookETlbEntry(1, 0x4000_0000 | 0x210, 0x0300_0000, 0x3F, 0));
        h.SetR(4, 0x4000_0000);
        h.Load(CpuHarness.CodeBase, Asm.Lwz(3, 0, 4), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });

        Assert.Equal(Errno.EBUSY, device.Refusal?.Errno);
        Assert.False(((Ppc440Core)h.Vcpu.Core).IsDisposed);
        Assert.Equal(10ul, h.Vcpu.InstructionsRetired);
    }

    [Fact]
    public void MemorySlotChangesAreRefusedWhileTheVcpuRunsOnEveryPath()
    {
        using var h = new CpuHarness();
        HostMemory extra = h.Vm.AllocateHostMemory(1 << 20);
        BackgroundRun run = StartStoreLoop(h);
        try
        {
            var viaVm = Assert.Throws<KvmException>(() => h.Vm.SetUserMemoryRegion(1, MemorySlotFlags.None, 0x0100_0000, 1 << 20, extra));
            Assert.Equal(Errno.EBUSY, viaVm.Errno);
            var viaMap = Assert.Throws<KvmException>(() => h.Vm.Memory.SetUserMemoryRegion(1, MemorySlotFlags.None, 0x0100_0000, 1 << 20, extra));
            Assert.Equal(Errno.EBUSY, viaMap.Errno);
            var delete = Assert.Throws<KvmException>(() => h.Vm.Memory.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, 0, null));
            Assert.Equal(Errno.EBUSY, delete.Errno);
            var device = Assert.Throws<KvmException>(() => h.Vm.Memory.AddDevice(new UnassignedIoDevice(0x0200_0000, 0x100)));
            Assert.Equal(Errno.EBUSY, device.Errno);
        }
        finally
        {
            h.Vcpu.RequestStop();
            Assert.True(run.Join(Patience));
        }

        Assert.Single(h.Vm.Memory.Slots);
        Assert.Empty(h.Vm.Memory.Devices);
        Assert.NotNull(h.Vm.Memory.SetUserMemoryRegion(1, MemorySlotFlags.None, 0x0100_0000, 1 << 20, extra));
    }

    /// <summary>An in-kernel device whose read tries to dispose the VM from the vCPU thread.</summary>
    private sealed class DisposingDevice(Vm vm, ulong baseAddress) : IMmioDevice
    {
        public ulong Base => baseAddress;

        public ulong SizeBytes => 0x1000;

        public KvmException? Refusal { get; private set; }

        public ulong Read(ulong offset, int length)
        {
            try
            {
                vm.Dispose();
            }
            catch (KvmException e)
            {
                Refusal = e;
            }

            return 0;
        }

        public void Write(ulong offset, int length, ulong value)
        {
        }
    }
}
