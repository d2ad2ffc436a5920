using Xunit;
using System.Buffers.Binary;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;

namespace PpcVirt.Engine.Tests.Machines;

/// <summary>The Bamboo board: entry protocol, device tree placement, and bad input (missing/foreign kernels, garbage and runaway guests).</summary>
public sealed class BambooMachineTests
{
    private static string Hello => Path.Combine(RepositoryPaths.BambooGuests, "hello.elf");

    private static void WriteWords(Machine m, ulong address, params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 * i), words[i]);
        }

        m.Vm.Memory.Write(address, bytes);
    }

    [Fact]
    public void EntryStateMatchesQemusBambooProtocol()
    {
        using Machine m = Machine.Create(new MachineOptions { KernelPath = Hello, CommandLine = "console=ttyS0,115200" });

        Assert.Equal(0x01800000UL, m.Vcpu.GetRegister("r3"));
        Assert.Equal(0x00FFFFF8UL, m.Vcpu.GetRegister("r1"));
        Assert.Equal(0UL, m.Vcpu.GetRegister("MSR"));
        Assert.Equal(0x422218D3UL, m.Vcpu.GetRegister("PVR"));
        var magic = new byte[4];
        m.Vm.Memory.Read(0x01800000, magic);
        Assert.Equal(0xD00DFEEDu, BinaryPrimitives.ReadUInt32BigEndian(magic));
        Assert.True(m.Vcpu.Translate(m.Vcpu.ProgramCounter, Mmu.AccessKind.Execute).Valid);
    }

    [Fact]
    public void BundledHelloGuestPrintsAndResets()
    {
        using Machine m = Machine.Create(new MachineOptions { KernelPath = Hello });

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 10_000_000 });

        Assert.Equal(ExitReason.Reset, exit.Reason);
        Assert.Contains("Hello", m.Console.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKernelIsENOENT()
    {
        var e = Assert.Throws<KvmException>(() => Machine.Create(new MachineOptions { KernelPath = "/nonexistent/vmlinux" }));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("/nonexistent/vmlinux", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonElfKernelIsENOEXEC()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "#!/bin/sh\necho not a kernel\n");
            var e = Assert.Throws<KvmException>(() => Machine.Create(new MachineOptions { KernelPath = path }));
            Assert.Equal(Errno.ENOEXEC, e.Errno);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HostExecutableIsRejectedAsNotPowerPc()
    {
        string host = Environment.ProcessPath!;
        var e = Assert.Throws<KvmException>(() => Machine.Create(new MachineOptions { KernelPath = host }));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(512L * 1024)]
    [InlineData(3L << 30)]
    [InlineData((128L << 20) + 4096)]
    public void BadMemorySizeIsEINVAL(long bytes)
    {
        var e = Assert.Throws<KvmException>(() => Machine.Create(new MachineOptions { MemoryBytes = bytes }));
        Assert.Equal(Errno.EINVAL, e.Errno);
    }

    [Fact]
    public void OverlappingSlotIsEEXISTAndLeavesSlotsUnchanged()
    {
        using Machine m = Machine.Create(new MachineOptions());
        var extra = m.Vm.AllocateHostMemory(1 << 20);

        var e = Assert.Throws<KvmException>(() => m.Vm.SetUserMemoryRegion(1, MemorySlotFlags.None, 0x0010_0000, 1 << 20, extra));

        Assert.Equal(Errno.EEXIST, e.Errno);
        Assert.Single(m.Vm.Memory.Slots);
    }

    [Fact]
    public void GarbageInstructionsRaiseAGuestProgramInterrupt()
    {
        using Machine m = Machine.Create(new MachineOptions());
        m.Vcpu.SetRegister("IVOR6", 0x2000);
        WriteWords(m, 0x2000, 0x48000000); // b . at the program vector
        WriteWords(m, 0x0, 0x00000000, 0xFFFFFFFF);

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 1000 });

        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(0x2000UL, m.Vcpu.ProgramCounter);
        Assert.Equal(0UL, m.Vcpu.GetRegister("SRR0"));
        Assert.Equal(0x08000000UL, m.Vcpu.GetRegister("ESR"));
    }

    [Fact]
    public void RunawayGuestStopsAtTheInstructionLimit()
    {
        using Machine m = Machine.Create(new MachineOptions());
        WriteWords(m, 0x0, 0x48000000);

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 123_457 });

        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(123_457UL, exit.InstructionsExecuted);
    }

    [Fact]
    public void RunawayGuestStopsAtTheTimeLimit()
    {
        using Machine m = Machine.Create(new MachineOptions());
        WriteWords(m, 0x0, 0x48000000);

        VcpuExit exit = m.Run(new RunOptions { Timeout = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(ExitReason.Timeout, exit.Reason);
        Assert.True(exit.InstructionsExecuted > 0);
    }

    [Fact]
    public void CancellationStopsARunCleanly()
    {
        using Machine m = Machine.Create(new MachineOptions());
        WriteWords(m, 0x0, 0x48000000);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        VcpuExit exit = m.Run(new RunOptions { CancellationToken = cts.Token });

        Assert.Equal(ExitReason.Canceled, exit.Reason);
    }

    [Fact]
    public void UnclaimedPhysicalAddressIsAnMmioExitThatResumesWithTheVmmsData()
    {
        using Machine m = Machine.Create(new MachineOptions());
        // lis r4,0xE000 ; lwz r5,0x10(r4) ; b .
        WriteWords(m, 0x0, 0x3C80E000, 0x80A40010, 0x48000000);

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 100 });
        Assert.Equal(ExitReason.Mmio, exit.Reason);
        Assert.Equal(0xE0000010UL, exit.Mmio!.PhysicalAddress);
        Assert.False(exit.Mmio.IsWrite);
        exit.Mmio.Data = 0xCAFEF00D;

        exit = m.Run(new RunOptions { MaxInstructions = 10 });
        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(0xCAFEF00DUL, m.Vcpu.GetRegister("r5"));
    }

    [Fact]
    public void UnclaimedDcrIsADcrExit()
    {
        using Machine m = Machine.Create(new MachineOptions());
        // mfdcr r5,0x0E (SDR0, not modelled) ; b .
        uint mfdcr = (31u << 26) | (5u << 21) | ((0x0Eu & 31) << 16) | ((0x0Eu >> 5) << 11) | (323u << 1);
        WriteWords(m, 0x0, mfdcr, 0x48000000);

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 100 });
        Assert.Equal(ExitReason.Dcr, exit.Reason);
        Assert.Equal(0x0Eu, exit.Dcr!.DcrNumber);
        exit.Dcr.Data = 0x1234;

        m.Run(new RunOptions { MaxInstructions = 5 });
        Assert.Equal(0x1234UL, m.Vcpu.GetRegister("r5"));
    }
}
