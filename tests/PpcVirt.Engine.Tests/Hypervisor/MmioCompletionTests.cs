using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;
using PpcVirt.Engine.Tests.Cpu;
using Xunit;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>
/// A load the VMM completes (KVM_EXIT_MMIO / KVM_EXIT_DCR read) retires with the VMM's data before
/// any interrupt that became pending during the exit is taken, as KVM_RUN completes the access
/// before it enters the guest (arch/powerpc/kvm/powerpc.c, kvm_arch_vcpu_ioctl_run).
/// </summary>
public sealed class MmioCompletionTests
{
    private const uint Va = 0x4000_0000;
    private const uint MsrEe = 0x8000, MsrMe = 0x1000;
    private const uint TcrDie = 0x0400_0000;

    // mfdcr RT,DCRN (X-form, XO 323; DCRN split like an SPR number).
    private static uint Mfdcr(int rt, int dcrn) =>
        (31u << 26) | ((uint)rt << 21) | ((uint)(dcrn & 31) << 16) | ((uint)((dcrn >> 5) & 31) << 11) | (323u << 1);

    [Fact]
    public void MmioLoadRetiresBeforeADecrementerThatExpiredDuringTheExit()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x210, 0x0200_0000, 0x3F, 0)); // 32 MiB: beyond RAM
        h.SetR(4, Va + 0x10);
        h["MSR"] = MsrEe | MsrMe;
        h.Load(CpuHarness.CodeBase, Asm.Lwz(3, 0, 4), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.Mmio, exit.Reason);
        Assert.Equal(CpuHarness.CodeBase, (uint)exit.ProgramCounter);

        // While the VMM handles the exit the decrementer expires (TSR[DIS] with TCR[DIE], MSR[EE]).
        h["TCR"] = TcrDie;
        h["DEC"] = 1;
        exit.Mmio!.Data = 0x1234_5678;

        VcpuExit next = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.InstructionLimit, next.Reason);
        Assert.Equal(0x1234_5678u, h.R(3));
        Assert.Equal(CpuHarness.Vector(10), (uint)h["PC"]);
        Assert.Equal(CpuHarness.CodeBase + 4, (uint)h["SRR0"]); // the interrupt follows the completed load
    }

    [Fact]
    public void MmioLoadIsNotSeenTwiceWhenAnExternalInputIsPending()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, Va | 0x210, 0x0200_0000, 0x3F, 0));
        h.SetR(4, Va + 0x20);
        h["MSR"] = MsrEe | MsrMe;
        h["TCR"] = TcrDie;
        h.Load(CpuHarness.CodeBase, Asm.Lwz(3, 0, 4), Asm.B(0));
        h.Load(CpuHarness.Vector(10), Asm.Addis(6, 0, 0x0800), Asm.Mtspr(336, 6), Asm.Rfi); // clears TSR[DIS] and returns
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.Mmio, exit.Reason);
        h["DEC"] = 1;
        exit.Mmio!.Data = 0xCAFE;

        // The VMM must not see the load again: the run ends on its limit, not on a second MMIO exit.
        VcpuExit next = h.Vcpu.Run(new RunOptions { MaxInstructions = 50 });
        Assert.Equal(ExitReason.InstructionLimit, next.Reason);
        Assert.Equal(0xCAFEu, h.R(3));
    }

    [Fact]
    public void DcrLoadRetiresBeforeAPendingDecrementer()
    {
        using var h = new CpuHarness();
        h["MSR"] = MsrEe | MsrMe;
        h.Load(CpuHarness.CodeBase, Mfdcr(5, 0x3F0), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.Dcr, exit.Reason);
        Assert.Equal(0x3F0u, exit.Dcr!.DcrNumber);

        h["TCR"] = TcrDie;
        h["DEC"] = 1;
        exit.Dcr.Data = 0xDEAD_BEEF;

        VcpuExit next = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.InstructionLimit, next.Reason);
        Assert.Equal(0xDEAD_BEEFu, h.R(5));
        Assert.Equal(CpuHarness.CodeBase + 4, (uint)h["SRR0"]);
        Assert.Equal(CpuHarness.Vector(10), (uint)h["PC"]);
    }
}
