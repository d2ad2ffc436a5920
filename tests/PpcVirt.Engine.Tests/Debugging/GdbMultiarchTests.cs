using System.Buffers.Binary;
using System.Net;
using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Machines;
using PpcVirt.Tests.Shared;
using Xunit;

namespace PpcVirt.Engine.Tests.Debugging;

/// <summary>
/// The real client: Debian's gdb-multiarch in batch mode against <see cref="GdbServer"/> on the hello
/// guest. Skipped (with the reason) only when gdb-multiarch is not installed.
/// </summary>
public sealed class GdbMultiarchTests
{
    /// <summary>The commands of the CI scenario: break by symbol, continue, registers, memory, stepi, detach.</summary>
    internal static string[] Scenario => ["break *main", "continue", "p/x $pc", "info registers r1 msr lr", "x/4xw main", "stepi", "p/x $pc", "info symbol $pc", "detach"];

    /// <summary>Asserts gdb's transcript against the ELF and guest memory.</summary>
    internal static void AssertScenario(string output, ulong main, byte[] mainWords)
    {
        Assert.Contains($"Breakpoint 1 at 0x{main:x}", output, StringComparison.Ordinal);
        Assert.Contains($"Breakpoint 1, 0x{main:x8} in main ()", output, StringComparison.Ordinal);
        Assert.Contains($"$1 = 0x{main:x}", output, StringComparison.Ordinal);
        Assert.Matches(@"r1\s+0x[0-9a-f]+", output);
        Assert.Matches(@"msr\s+0x[0-9a-f]+", output);
        string words = string.Join("\t", Enumerable.Range(0, 4).Select(i => $"0x{BinaryPrimitives.ReadUInt32BigEndian(mainWords.AsSpan(4 * i)):x8}"));
        Assert.Contains($"0x{main:x} <main>:\t{words}", output, StringComparison.Ordinal);
        Assert.Contains($"$2 = 0x{main + 4:x}", output, StringComparison.Ordinal);
        Assert.Contains("main + 4 in section .text", output, StringComparison.Ordinal);
        Assert.Matches(@"\[Inferior 1 \(.*\) detached\]", output);
    }

    [GdbMultiarchFact]
    public async Task GdbMultiarch_BreaksBySymbol_ReadsRegistersAndMemory_Steps_Detaches()
    {
        string elf = Path.Combine(RepositoryPaths.BambooGuests, "hello.elf");
        ulong main = ElfImage.Load(elf).Symbols["main"].Value;
        using Machine machine = Machine.Create(new MachineOptions { KernelPath = elf });
        using var server = new GdbServer(machine.Vm, IPAddress.Loopback, 0);
        Task<GdbSessionEnd> serve = Task.Run(() => server.ServeOne());

        (int exitCode, string output) = GdbMultiarch.Run(elf, server.LocalEndPoint.Port, Scenario);

        Assert.True(exitCode == 0, output);
        Assert.Equal(GdbSessionEnd.Detached, await serve.WaitAsync(TimeSpan.FromMinutes(1)));
        byte[] words = new byte[16];
        machine.Vm.Memory.Read(main, words);
        AssertScenario(output, main, words);
        Assert.Equal(main + 4, machine.Vcpu.ProgramCounter);
        Assert.False(machine.Vcpu.Debug.HasBreakpoints);
    }

    [GdbMultiarchFact]
    public async Task GdbMultiarch_HardwareBreakpointAndWatchpoints_StopWhereGdbExpects()
    {
        string elf = Path.Combine(RepositoryPaths.BambooGuests, "hello.elf");
        ElfImage image = ElfImage.Load(elf);
        ulong main = image.Symbols["main"].Value;
        using Machine machine = Machine.Create(new MachineOptions { KernelPath = elf });
        using var server = new GdbServer(machine.Vm, IPAddress.Loopback, 0);
        Task<GdbSessionEnd> serve = Task.Run(() => server.ServeOne());

        // main: stwu r1,-16(r1); lis; mflr r0; addi r3,r3,banner; stw r0,20(r1) — the stw writes LR to the
        // caller's frame at (r1 at entry) + 4; puts_ then reads the banner's bytes.
        (int exitCode, string output) = GdbMultiarch.Run(elf, server.LocalEndPoint.Port,
        [
            "hbreak *main", "continue", "p/x $lr", "delete",
            "watch -l *(int*)($r1 + 4)", "continue", "p/x $pc", "delete",
            "rwatch -l *(char*)($r3 + 1)", "continue", "info symbol $pc", "delete",
            "info registers pvr", "continue",
        ]);

        Assert.True(exitCode == 0, output);
        Assert.Equal(GdbSessionEnd.Disconnected, await serve.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains($"Hardware assisted breakpoint 1 at 0x{main:x}", output, StringComparison.Ordinal);
        Assert.Contains($"Breakpoint 1, 0x{main:x8} in main ()", output, StringComparison.Ordinal);
        ulong lr = ulong.Parse(System.Text.RegularExpressions.Regex.Match(output, @"\$1 = 0x([0-9a-f]+)").Groups[1].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Hardware watchpoint 2: -location", output, StringComparison.Ordinal);
        Assert.Contains($"Old value = 0\nNew value = {lr}\n", output, StringComparison.Ordinal);
        Assert.Contains($"$2 = 0x{main + 20:x}", output, StringComparison.Ordinal);
        Assert.Contains("Hardware read watchpoint 3: -location", output, StringComparison.Ordinal);
        Assert.Contains("Value = 101 'e'", output, StringComparison.Ordinal);
        Assert.Contains("puts_ + ", output, StringComparison.Ordinal);
        Assert.Matches(@"pvr\s+0x422218d3", output);
        Assert.Contains("exited normally", output, StringComparison.Ordinal);
    }
}
