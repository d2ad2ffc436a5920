using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Tracing;
using Xunit;

namespace PpcVirt.Engine.Tests.Tracing;

/// <summary>
/// Single-step traces of the bamboo guests: every retired instruction on its own line, interrupts
/// and the exit on theirs, and a traced run ends exactly where an untraced run does.
/// </summary>
public sealed class InstructionTracerTests
{
    private static string Guest(string name) => Path.Combine(RepositoryPaths.BambooGuests, name);

    private static Machine Boot(string guest) => Machine.Create(new MachineOptions { KernelPath = Guest(guest) });

    private static (VcpuExit Exit, string[] Lines) Trace(Machine m, TraceFormat format, ulong maxInstructions = 0, GuestSymbolTable? symbols = null)
    {
        var text = new StringWriter { NewLine = "\n" };
        VcpuExit exit = InstructionTracer.Run(m.Vcpu, text, new TraceOptions { Format = format, MaxInstructions = maxInstructions, Symbols = symbols, Title = "test" });
        return (exit, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void HelloTrace_OneLinePerInstruction_EndsWithTheSameResetAsAnUntracedRun()
    {
        using Machine traced = Boot("hello.elf");
        using Machine plain = Boot("hello.elf");
        VcpuExit expected = plain.Run(new RunOptions { MaxInstructions = 1_000_000 });

        (VcpuExit exit, string[] lines) = Trace(traced, TraceFormat.Text, 1_000_000, GuestSymbolTable.Load(Guest("hello.elf")));

        Assert.Equal(ExitReason.Reset, expected.Reason);
        Assert.Equal(expected.Reason, exit.Reason);
        Assert.Equal(expected.InstructionsExecuted, exit.InstructionsExecuted);
        Assert.Equal(expected.ProgramCounter, exit.ProgramCounter);
        Assert.Equal(plain.Console.OutputText, traced.Console.OutputText);

        string[] instructions = lines.Where(l => !l.StartsWith('#') && !l.Contains(" exit ", StringComparison.Ordinal) && !l.Contains(" interrupt ", StringComparison.Ordinal)).ToArray();
        Assert.Equal((int)exit.InstructionsExecuted, instructions.Length);

        // crt0: _start is "b _init" (0x48001258), then _init at 0x1258 (powerpc-linux-gnu-nm).
        Assert.Equal(["1", "00000000", "48001258", "b", "_start"], Columns(instructions[0]));
        Assert.Equal(["2", "00001258"], Columns(instructions[1])[..2]);
        Assert.Equal("_init", Columns(instructions[1])[4]);
        Assert.Equal(["3", "0000125c"], Columns(instructions[2])[..2]);
        Assert.Equal("_init+0x4", Columns(instructions[2])[4]);
        for (int i = 0; i < instructions.Length; i++)
        {
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Columns(instructions[i])[0]);
        }

        string last = lines[^1];
        Assert.Equal([exit.InstructionsExecuted.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{exit.ProgramCounter:x8}", "exit", "Reset"], Columns(last)[..4]);
        Assert.Contains(instructions, l => Columns(l)[4].StartsWith("puts_", StringComparison.Ordinal));
        Assert.Contains(instructions, l => Columns(l)[4] == "main");
    }

    [Fact]
    public void MaxInstructions_WritesExactlyThatManyAndStopsWhereAnUntracedRunStops()
    {
        using Machine traced = Boot("integer.elf");
        using Machine plain = Boot("integer.elf");
        VcpuExit expected = plain.Run(new RunOptions { MaxInstructions = 5000 });

        (VcpuExit exit, string[] lines) = Trace(traced, TraceFormat.Text, 5000);

        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        Assert.Equal(5000UL, exit.InstructionsExecuted);
        Assert.Equal(expected.ProgramCounter, exit.ProgramCounter);
        Assert.Equal(plain.Vcpu.GetRegister("r3"), traced.Vcpu.GetRegister("r3"));
        Assert.Equal(5000, lines.Count(l => !l.StartsWith('#') && Columns(l)[2].Length == 8 && Columns(l)[2] != "interrupt"));
        Assert.Equal("exit", Columns(lines[^1])[2]);
        Assert.Equal("InstructionLimit", Columns(lines[^1])[3]);
    }

    [Fact]
    public void SystemCall_LineFollowsTheScInstruction_WithSrr0AfterItAndTheIvor8Target()
    {
        using Machine m = Boot("interrupts.elf");

        (_, string[] lines) = Trace(m, TraceFormat.Text, 20_000);

        int sc = Array.FindIndex(lines, l => !l.StartsWith('#') && Columns(l)[2] == "44000002");
        Assert.True(sc > 0, "the interrupts guest executes sc");
        string[] insn = Columns(lines[sc]);
        string[] irq = Columns(lines[sc + 1]);
        uint pc = Convert.ToUInt32(insn[1], 16);
        Assert.Equal("sc", insn[3]);
        Assert.Equal([insn[0], insn[1], "interrupt", "IVOR8", "SystemCall", $"SRR0={pc + 4:x8}"], irq[..6]);

        // crt0 sets IVPR = 0 and IVORn = 0x100 * (n + 1): the handler starts at 0x900.
        Assert.Equal("target=00000900", irq[6]);
        Assert.Equal("00000900", Columns(lines[sc + 2])[1]);
    }

    [Fact]
    public void Decrementer_LineComesBeforeTheFirstHandlerInstruction()
    {
        using Machine m = Boot("interrupts.elf");

        (_, string[] lines) = Trace(m, TraceFormat.Csv, 1_300_000);

        Assert.Equal(TraceLineWriter.CsvHeader, lines[0]);
        int dec = Array.FindIndex(lines, l => l.StartsWith("interrupt,", StringComparison.Ordinal) && l.Contains(",Decrementer,", StringComparison.Ordinal));
        Assert.True(dec > 0, "the interrupts guest takes a decrementer interrupt");
        string[] irq = lines[dec].Split(',');
        string[] before = lines[dec - 1].Split(',');
        string[] handler = lines[dec + 1].Split(',');
        Assert.Equal(12, irq.Length);
        Assert.Equal(("10", irq[2], "0x00000b00"), (irq[6], irq[8], irq[9]));
        Assert.Equal(before[1], irq[1]);
        Assert.Equal(("instruction", "0x00000b00"), (handler[0], handler[2]));
        Assert.Equal(ulong.Parse(irq[1], System.Globalization.CultureInfo.InvariantCulture) + 1, ulong.Parse(handler[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Convert.ToUInt64(before[2], 16) + 4, Convert.ToUInt64(irq[2], 16));
    }

    [Fact]
    public void Cancellation_StopsTheTraceWithCanceled()
    {
        using Machine m = Boot("hello.elf");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        VcpuExit exit = InstructionTracer.Run(m.Vcpu, TextWriter.Null, new TraceOptions { CancellationToken = cts.Token });

        Assert.Equal(ExitReason.Canceled, exit.Reason);
        Assert.Equal(0UL, exit.InstructionsExecuted);
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
