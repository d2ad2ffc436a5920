using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;
using PpcVirt.Engine.Tests.Cpu;
using Xunit;

namespace PpcVirt.Engine.Tests.Hypervisor;

/// <summary>
/// KVM_CAP_IMMEDIATE_EXIT: a stop requested while no <see cref="Vcpu.Run"/> executes makes the
/// next run return <see cref="ExitReason.Canceled"/> before any guest instruction (KVM API doc,
/// "immediate_exit": KVM_RUN returns -EINTR at once), and is consumed by that run.
/// </summary>
public sealed class ImmediateExitTests
{
    [Fact]
    public void TheCapabilityIsAdvertised()
    {
        using var h = new CpuHarness();
        Assert.Equal(1, h.Vm.CheckExtension(Capability.ImmediateExit));
    }

    [Fact]
    public void StopRequestedBeforeRunReturnsAtOnceWithNoInstructions()
    {
        using var h = new CpuHarness();
        h.Load(CpuHarness.CodeBase, Asm.Addi(3, 3, 1), Asm.B(-4));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        h.Vcpu.RequestStop();
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 1000 });

        Assert.Equal(ExitReason.Canceled, exit.Reason);
        Assert.Equal(0ul, exit.InstructionsExecuted);
        Assert.Equal(CpuHarness.CodeBase, (uint)exit.ProgramCounter);
        Assert.Equal(0u, h.R(3));
    }

    [Fact]
    public void TheStopIsConsumedByTheRunItEnds()
    {
        using var h = new CpuHarness();
        h.Load(CpuHarness.CodeBase, Asm.Addi(3, 3, 1), Asm.B(-4));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        h.Vcpu.RequestStop();
        Assert.Equal(ExitReason.Canceled, h.Vcpu.Run(new RunOptions { MaxInstructions = 1000 }).Reason);

        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 1000 });
        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(1000ul, exit.InstructionsExecuted);
        Assert.Equal(500u, h.R(3));
    }

    [Fact]
    public void APendingMmioLoadCompletesBeforeTheImmediateExit()
    {
        using var h = new CpuHarness();
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, 0x4000_0000 | 0x210, 0x0200_0000, 0x3F, 0));
        h.SetR(4, 0x4000_0000);
        h.Load(CpuHarness.CodeBase, Asm.Lwz(3, 0, 4), Asm.Addi(3, 3, 1), Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        VcpuExit mmio = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.Mmio, mmio.Reason);
        mmio.Mmio!.Data = 41;

        h.Vcpu.RequestStop();
        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 10 });

        Assert.Equal(ExitReason.Canceled, exit.Reason);
        Assert.Equal(1ul, exit.InstructionsExecuted); // the completed load, nothing after it
        Assert.Equal(41u, h.R(3));
        Assert.Equal(CpuHarness.CodeBase + 4, (uint)exit.ProgramCounter);
    }

    [Fact]
    public void AnAlreadyCancelledTokenAlsoReturnsAtOnce()
    {
        using var h = new CpuHarness();
        h.Load(CpuHarness.CodeBase, Asm.B(0));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        VcpuExit exit = h.Vcpu.Run(new RunOptions { MaxInstructions = 1000, CancellationToken = cts.Token });

        Assert.Equal(ExitReason.Canceled, exit.Reason);
        Assert.Equal(0ul, exit.InstructionsExecuted);
    }

    [Fact]
    public void AStopRequestedDuringARunThatEndsOtherwiseDoesNotCancelTheNextRun()
    {
        // A device store asks for a stop (a VMM kick during the run); the next instruction is a load
        // no device claims, an MMIO exit taken at once, so the run ends with Mmio while the stop is
        // pending. The stop belonged to that run: the next run completes the load and goes on.
        using var h = new CpuHarness();
        var kicker = new KickingDevice(h.Vcpu, 0x0300_0000);
        h.Vm.Memory.AddDevice(kicker);
        h.Vcpu.SetTlbEntry(new BookETlbEntry(1, 0x4000_0000 | 0x210, 0x0300_0000, 0x3F, 0));
        h.Vcpu.SetTlbEntry(new BookETlbEntry(2, 0x5000_0000 | 0x210, 0x0500_0000, 0x3F, 0));
        h.SetR(4, 0x4000_0000);
        h.SetR(5, 0x5000_0000);
        h.Load(CpuHarness.CodeBase, Asm.Stw(3, 0, 4), Asm.Lwz(6, 0, 5), Asm.Addi(3, 3, 1), Asm.B(-4));
        h.Vcpu.ProgramCounter = CpuHarness.CodeBase;

        Assert.Equal(ExitReason.Mmio, h.Vcpu.Run(new RunOptions { MaxInstructions = 1000 }).Reason);
        Assert.Equal(1, kicker.Kicks);

        VcpuExit next = h.Vcpu.Run(new RunOptions { MaxInstructions = 101 });
        Assert.Equal(ExitReason.InstructionLimit, next.Reason);
        Assert.Equal(101ul, next.InstructionsExecuted);
    }

    /// <summary>An in-kernel device whose store requests a stop of the running vCPU.</summary>
    private sealed class KickingDevice(Vcpu vcpu, ulong baseAddress) : PpcVirt.Engine.Devices.IMmioDevice
    {
        public ulong Base => baseAddress;

        public ulong SizeBytes => 0x1000;

        public int Kicks { get; private set; }

        public ulong Read(ulong offset, int length) => 0;

        public void Write(ulong offset, int length, ulong value)
        {
            Kicks++;
            vcpu.RequestStop();
        }
    }
}
