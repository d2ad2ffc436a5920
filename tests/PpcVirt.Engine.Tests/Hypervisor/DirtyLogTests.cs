using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Tests.Cpu;
using Xunit;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>
/// KVM_MEM_LOG_DIRTY_PAGES and KVM_GET_DIRTY_LOG (KVM API doc 4.8): one bit per 4 KiB page of a
/// slot, set by guest stores on every store path (including the ones a fast shadow entry serves),
/// cleared by the read; EINVAL for a slot id out of range, ENOENT for an empty slot or one without
/// the flag.
/// </summary>
public sealed class DirtyLogTests
{
    private const uint LoggedBase = 0x0100_0000; // slot 1, right above the harness's 16 MiB slot 0
    private const int LoggedPages = 100;

    private static CpuHarness WithLoggedSlot()
    {
        var h = new CpuHarness();
        HostMemory m = h.Vm.AllocateHostMemory(LoggedPages * 4096);
        h.Vm.SetUserMemoryRegion(1, MemorySlotFlags.LogDirtyPages, LoggedBase, LoggedPages * 4096, m);
        return h;
    }

    private static List<int> Pages(ulong[] bitmap)
    {
        var pages = new List<int>();
        for (int i = 0; i < bitmap.Length * 64; i++)
        {
            if ((bitmap[i / 64] & (1ul << (i % 64))) != 0)
            {
                pages.Add(i);
            }
        }

        return pages;
    }

    [Fact]
    public void TheBitmapHasOneBitPerPage()
    {
        using CpuHarness h = WithLoggedSlot();
        ulong[] log = h.Vm.GetDirtyLog(1);
        Assert.Equal((LoggedPages + 63) / 64, log.Length);
        Assert.Empty(Pages(log));
    }

    [Fact]
    public void GuestStoresMarkTheirPagesAndTheReadClearsThem()
    {
        using CpuHarness h = WithLoggedSlot();
        h.SetR(4, LoggedBase);
        h.SetR(5, LoggedBase + (3 * 4096) + 0x10);
        h.SetR(6, LoggedBase + (70 * 4096) + 0xFF8); // stmw r28 here spans pages 70 and 71
        h.SetR(7, LoggedBase + (99 * 4096) + 0x40);
        h.Run(
            Asm.Stb(3, 0, 4),
            Asm.Stw(3, 0, 5),
            Asm.Sth(3, 8, 5),
            Asm.Stmw(28, 0, 6),
            Asm.Dcbz(0, 7));

        Assert.Equal([0, 3, 70, 71, 99], Pages(h.Vm.GetDirtyLog(1)));
        Assert.Empty(Pages(h.Vm.GetDirtyLog(1)));
    }

    [Fact]
    public void LoadsAndVmmWritesDoNotMarkPages()
    {
        using CpuHarness h = WithLoggedSlot();
        h.SetR(4, LoggedBase + (5 * 4096));
        h.Run(Asm.Lwz(3, 0, 4), Asm.Lwz(3, 0x100, 4));
        h.WriteBytes(LoggedBase + (6 * 4096), 1, 2, 3); // the VMM's own writes are not logged (as in KVM)

        Assert.Empty(Pages(h.Vm.GetDirtyLog(1)));
    }

    [Fact]
    public void AStoreThroughACachedTranslationIsLoggedAgainAfterTheRead()
    {
        using CpuHarness h = WithLoggedSlot();
        h.SetR(4, LoggedBase + (9 * 4096));
        h.Run(Asm.Stw(3, 0, 4), Asm.Stw(3, 4, 4));
        Assert.Equal([9], Pages(h.Vm.GetDirtyLog(1)));

        // The second run's stores hit the same page the first run cached for writing.
        h.Run(Asm.Stw(3, 8, 4));
        Assert.Equal([9], Pages(h.Vm.GetDirtyLog(1)));
        h.Run(Asm.Stw(3, 12, 4), Asm.Stw(3, 16, 4));
        Assert.Equal([9], Pages(h.Vm.GetDirtyLog(1)));
    }

    [Fact]
    public void ReadingTheLogWhileTheVcpuRunsMissesNoStore()
    {
        using CpuHarness h = WithLoggedSlot();
        h.SetR(4, LoggedBase + (42 * 4096));
        h.Load(CpuHarness.CodeBase, Asm.Stw(3, 0, 4), Asm.Addi(3, 3, 1), Asm.B(-8));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        var run = new BackgroundRun(h.Vcpu);
        try
        {
            for (int round = 0; round < 5; round++)
            {
                // Wait until the guest has stored at least once since the previous read returned.
                ulong seen = h.Vcpu.GetRegister("r3");
                Assert.True(SpinWait.SpinUntil(() => run.IsCompleted || h.Vcpu.GetRegister("r3") >= seen + 2, TimeSpan.FromSeconds(30)));
                Assert.False(run.IsCompleted);
                Assert.Equal([42], Pages(h.Vm.GetDirtyLog(1)));
            }
        }
        finally
        {
            h.Vcpu.RequestStop();
            Assert.True(run.Join(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public void BadSlotsAreRefusedAsKvmDoes()
    {
        using CpuHarness h = WithLoggedSlot();
        Assert.Equal(Errno.EINVAL, Assert.Throws<KvmException>(() => h.Vm.GetDirtyLog(PhysicalMemoryMap.MaxSlots)).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<KvmException>(() => h.Vm.GetDirtyLog(-1)).Errno);
        Assert.Equal(Errno.ENOENT, Assert.Throws<KvmException>(() => h.Vm.GetDirtyLog(5)).Errno); // empty
        Assert.Equal(Errno.ENOENT, Assert.Throws<KvmException>(() => h.Vm.GetDirtyLog(0)).Errno); // not logged
    }

    [Fact]
    public void ClearingTheFlagStopsTheLog()
    {
        using CpuHarness h = WithLoggedSlot();
        MemorySlot slot = h.Vm.Memory.GetSlot(1)!;
        h.Vm.SetUserMemoryRegion(1, MemorySlotFlags.None, LoggedBase, LoggedPages * 4096, slot.Backing);
        Assert.Equal(Errno.ENOENT, Assert.Throws<KvmException>(() => h.Vm.GetDirtyLog(1)).Errno);
    }
}
