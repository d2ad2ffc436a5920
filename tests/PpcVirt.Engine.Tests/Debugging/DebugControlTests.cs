using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Machines;
using Xunit;

namespace PpcVirt.Engine.Tests.Debugging;

/// <summary>Vcpu.Debug at the KVM_RUN level: exits with ExitReason.Debug and precise state.</summary>
public sealed class DebugControlTests : IDisposable
{
    private readonly Machine _machine;
    private readonly ElfImage _elf;

    public DebugControlTests()
    {
        string path = Path.Combine(RepositoryPaths.BambooGuests, "hello.elf");
        _elf = ElfImage.Load(path);
        _machine = Machine.Create(new MachineOptions { KernelPath = path });
    }

    private Vcpu Vcpu => _machine.Vcpu;

    private ulong Symbol(string name) => _elf.Symbols[name].Value;

    public void Dispose() => _machine.Dispose();

    [Fact]
    public void Breakpoint_ExitsBeforeTheInstruction_AndCountsOnlyExecutedOnes()
    {
        ulong main = Symbol("main");
        Assert.True(Vcpu.Debug.AddBreakpoint(main));
        Assert.False(Vcpu.Debug.AddBreakpoint(main));

        VcpuExit exit = Vcpu.Run();

        Assert.Equal(ExitReason.Debug, exit.Reason);
        Assert.Equal(new DebugEvent(DebugStopKind.Breakpoint, main), exit.Debug);
        Assert.Equal(main, exit.ProgramCounter);
        Assert.Equal(exit.InstructionsExecuted, Vcpu.InstructionsRetired);

        // Without the breakpoint the same run reaches main one step later: the breakpoint instruction had not executed.
        _machine.Reset();
        Vcpu.Debug.Clear();
        VcpuExit reference = Vcpu.Run(new RunOptions { MaxInstructions = exit.InstructionsExecuted + 1 });
        Assert.Equal(main + 4, reference.ProgramCounter);
    }

    [Fact]
    public void HardwareBreakpoint_IsReportedAsSuch_AndRemovable()
    {
        ulong puts = Symbol("puts_");
        Vcpu.Debug.AddBreakpoint(puts, hardware: true);
        Assert.Equal(DebugStopKind.HardwareBreakpoint, Vcpu.Run().Debug?.Kind);
        Assert.Equal(puts, Vcpu.ProgramCounter);
        Assert.False(Vcpu.Debug.RemoveBreakpoint(puts, hardware: false));
        Assert.True(Vcpu.Debug.RemoveBreakpoint(puts, hardware: true));
        Assert.Equal(ExitReason.Reset, Vcpu.Run().Reason);
        Assert.Contains("Hello from PPC440", _machine.Console.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadWatchpoint_StopsBeforeTheLoad_OnlyForLoads()
    {
        // main passes the banner's address to puts_, which loads its bytes.
        ulong main = Symbol("main");
        Vcpu.Debug.AddBreakpoint(main);
        Vcpu.Run();
        Vcpu.Debug.Clear();
        Vcpu.Run(new RunOptions { MaxInstructions = 4 });
        ulong banner = Vcpu.GetRegister("r3");
        Vcpu.Debug.AddWatchpoint(banner, 1, WatchKind.Write);
        Vcpu.Debug.AddWatchpoint(banner, 1, WatchKind.Read);

        VcpuExit exit = Vcpu.Run();

        Assert.Equal(ExitReason.Debug, exit.Reason);
        Assert.Equal(new DebugEvent(DebugStopKind.Watchpoint, banner, WatchKind.Read, banner), exit.Debug);
        Assert.Empty(_machine.Console.OutputText);
        Assert.Equal(ExitReason.Debug, Vcpu.Run().Reason);
        Assert.Equal(exit.ProgramCounter, Vcpu.ProgramCounter);

        Vcpu.Debug.Clear();
        Assert.Equal(ExitReason.Reset, Vcpu.Run().Reason);
        Assert.Equal("Hello from PPC440 bamboo guest\n", _machine.Console.OutputText);
    }

    [Fact]
    public void AccessWatchpoint_OnARangeCatchesAStoreInside()
    {
        ulong main = Symbol("main");
        Vcpu.Debug.AddBreakpoint(main);
        Vcpu.Run();
        Vcpu.Debug.Clear();
        ulong sp = Vcpu.GetRegister("r1");
        // stwu r1,-16(r1) at main stores to sp-16; watch 32 bytes around it.
        Vcpu.Debug.AddWatchpoint(sp - 24, 32, WatchKind.Access);

        VcpuExit exit = Vcpu.Run();

        Assert.Equal(new DebugEvent(DebugStopKind.Watchpoint, sp - 24, WatchKind.Access, sp - 16), exit.Debug);
        Assert.Equal(main, Vcpu.ProgramCounter);
        Assert.Equal(sp, Vcpu.GetRegister("r1"));
    }
}
