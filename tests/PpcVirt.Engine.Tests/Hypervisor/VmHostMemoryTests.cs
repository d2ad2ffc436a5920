using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Hypervisor;
using Xunit;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>Host memory a VM allocates is freed only once no memory slot uses it.</summary>
public sealed class VmHostMemoryTests
{
    [Fact]
    public void MemoryBackingASlotIsNotReleasedUntilTheSlotIsDeleted()
    {
        using var vm = new Vm(CpuFamily.Ppc440);
        var m = vm.AllocateHostMemory(1 << 20);
        vm.SetUserMemoryRegion(3, MemorySlotFlags.None, 0x100000, 1 << 20, m);

        Assert.False(vm.ReleaseHostMemory(m));
        vm.SetUserMemoryRegion(3, MemorySlotFlags.None, 0, 0, null);
        Assert.True(vm.ReleaseHostMemory(m));
        Assert.False(vm.ReleaseHostMemory(m));
    }

    [Fact]
    public void MemoryFromAnotherVmIsNotReleased()
    {
        using var a = new Vm(CpuFamily.Ppc440);
        using var b = new Vm(CpuFamily.Ppc440);
        var m = a.AllocateHostMemory(4096);

        Assert.False(b.ReleaseHostMemory(m));
        Assert.True(a.ReleaseHostMemory(m));
    }
}
