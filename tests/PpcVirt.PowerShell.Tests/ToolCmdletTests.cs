using System.Management.Automation;
using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell.Tests;

/// <summary>Symbols in Get-PpcDisassembly, Trace-PpcVcpu, Test-PpcVmProfile and Export-PpcVmProfile (issue 12 items 6 and 7).</summary>
public sealed class ToolCmdletTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _scratch = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "scratch", "tools-" + Guid.NewGuid().ToString("N"))).FullName;

    private static string Hello => Path.Combine(PowerShellSession.RepoRoot, "tests", "guests", "bamboo", "hello.elf");

    private static string ExampleProfile => Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", "bamboo-440.yaml");

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private List<DisassembledInstruction> Disassemble(string script, params object[] args) =>
        _ps.Invoke(script, args).Select(o => (DisassembledInstruction)o.BaseObject).ToList();

    private void NewHello(string name) => _ps.Invoke("$vm = New-PpcVm -KernelPath $args[0] -Name $args[1]", Hello, name);

    [Fact]
    public void GetPpcDisassembly_Symbol_ListsTheWholeFunctionWithLabels()
    {
        NewHello(PowerShellSession.UniqueName("sym"));

        List<DisassembledInstruction> list = Disassemble("Get-PpcDisassembly -Vm $vm -Symbol main");

        Assert.Empty(_ps.Errors);
        Assert.Equal(0x2C / 4, list.Count); // st_size of main is 0x2c (powerpc-linux-gnu-nm -S)
        Assert.Equal(0x18F8UL, list[0].Address);
        Assert.Equal("main", list[0].Symbol);
        Assert.Equal("main+0x28", list[^1].Symbol);
        Assert.Equal("blr", list[^1].Mnemonic);
    }

    [Fact]
    public void GetPpcDisassembly_AddressTakesSymbolPlusOffsetHexStringsAndTopBitLiterals()
    {
        NewHello(PowerShellSession.UniqueName("addr"));

        DisassembledInstruction a = Disassemble("Get-PpcDisassembly -Vm $vm -Address 'puts_+0x8' -Count 1")[0];
        DisassembledInstruction b = Disassemble("Get-PpcDisassembly -Vm $vm -Address '0x13E4' -Count 1")[0];
        DisassembledInstruction c = Disassemble("Get-PpcDisassembly -Vm $vm -Address 0xC0000000 -Count 1 -Physical")[0];

        Assert.Empty(_ps.Errors);
        Assert.Equal((0x13E4UL, "puts_+0x8"), (a.Address, a.Symbol));
        Assert.Equal(a.Address, b.Address);
        Assert.Equal(0xC000_0000UL, c.Address);
        Assert.Null(c.Symbol);
    }

    [Fact]
    public void GetPpcDisassembly_UnknownSymbol_IsSymbolNotFound()
    {
        NewHello(PowerShellSession.UniqueName("nosym"));

        ErrorRecord e = _ps.SingleError("Get-PpcDisassembly -Vm $vm -Symbol nosuch");
        ErrorRecord f = _ps.SingleError("Get-PpcDisassembly -Vm $vm -Address 'nosuch+4'");

        Assert.Equal("PpcVirt.SymbolNotFound,PpcVirt.PowerShell.GetPpcDisassemblyCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Equal("PpcVirt.SymbolNotFound,PpcVirt.PowerShell.GetPpcDisassemblyCommand", f.FullyQualifiedErrorId);
    }

    [Fact]
    public void GetPpcDisassembly_SymbolPath_SystemMapLabelsAndMissingFileIsSymbolFileNotFound()
    {
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("map"));
        _ps.Invoke("Write-PpcGuestMemory -Vm $vm -Address 0x2000 -Value 0x38600005");
        string map = Path.Combine(_scratch, "System.map");
        File.WriteAllText(map, "00001ff0 T early_entry\n00002004 t after\n");

        List<DisassembledInstruction> list = Disassemble("Get-PpcDisassembly -Vm $vm -Address 0x2000 -Count 2 -Physical -SymbolPath $args[0]", map);
        DisassembledInstruction byName = Disassemble("Get-PpcDisassembly -Vm $vm -Address 'after' -Count 1 -Physical -SymbolPath $args[0]", map)[0];
        ErrorRecord e = _ps.SingleError("Get-PpcDisassembly -Vm $vm -SymbolPath $args[0]", Path.Combine(_scratch, "nosuch.map"));

        // A System.map has no PT_LOAD segments to map physical to virtual: no labels with -Physical.
        Assert.All(list, i => Assert.Null(i.Symbol));
        Assert.Equal(0x2004UL, byName.Address);
        Assert.Equal("PpcVirt.SymbolFileNotFound,PpcVirt.PowerShell.GetPpcDisassemblyCommand", e.FullyQualifiedErrorId);
    }

    [Fact]
    public void TracePpcVcpu_WritesOneLinePerInstructionAndTheExit()
    {
        string name = PowerShellSession.UniqueName("trace");
        NewHello(name);
        string file = Path.Combine(_scratch, "hello.trace");

        var exit = (PpcVcpuExit)_ps.Invoke("Trace-PpcVcpu -Vm $vm -Path $args[0]", file)[0].BaseObject;

        Assert.Empty(_ps.Errors);
        Assert.Equal(ExitReason.Reset, exit.Reason);
        string[] lines = File.ReadAllLines(file);
        string[] insns = lines.Where(l => !l.StartsWith('#') && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Length == 8).ToArray();
        Assert.Equal((int)exit.InstructionsExecuted, insns.Length);
        Assert.Equal(["1", "00000000", "48001258", "b", "_start"], insns[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("2 00001258 ", insns[1].TrimStart(), StringComparison.Ordinal);
        Assert.Contains(" exit Reset ", lines[^1], StringComparison.Ordinal);
        Assert.Equal(PpcVmState.Reset, ((PpcVm)_ps.Invoke("Get-PpcVm -Name $args[0]", name)[0].BaseObject).State);
        Assert.Contains("Hello from PPC440", (string)_ps.Invoke("Get-PpcConsoleOutput -Vm $vm -Raw")[0].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public void TracePpcVcpu_CsvReadsBackWithImportCsv()
    {
        NewHello(PowerShellSession.UniqueName("csv"));
        string file = Path.Combine(_scratch, "hello.csv");

        _ps.Invoke("Trace-PpcVcpu -Vm $vm -Path $args[0] -Format Csv -MaxInstructions 100", file);
        var rows = _ps.Invoke("Import-Csv $args[0]", file);

        Assert.Empty(_ps.Errors);
        Assert.Equal(101, rows.Count);
        Assert.Equal("instruction", rows[0].Properties["kind"].Value);
        Assert.Equal("0x00000000", rows[0].Properties["pc"].Value);
        Assert.Equal("_start", rows[0].Properties["symbol"].Value);
        Assert.Equal("exit", rows[^1].Properties["kind"].Value);
        Assert.Equal("InstructionLimit", rows[^1].Properties["reason"].Value);
        Assert.Equal("100", rows[^1].Properties["count"].Value);
    }

    [Fact]
    public void TracePpcVcpu_NoClobber_RefusesAnExistingFile()
    {
        NewHello(PowerShellSession.UniqueName("clob"));
        string file = Path.Combine(_scratch, "exists.trace");
        File.WriteAllText(file, "keep");

        ErrorRecord e = _ps.SingleError("Trace-PpcVcpu -Vm $vm -Path $args[0] -NoClobber -MaxInstructions 5", file);

        Assert.Equal("PpcVirt.TraceFileExists,PpcVirt.PowerShell.TracePpcVcpuCommand", e.FullyQualifiedErrorId);
        Assert.Equal("keep", File.ReadAllText(file));
    }

    [Fact]
    public void TestPpcVmProfile_GoodFileIsTrue()
    {
        Assert.Equal([true], _ps.Invoke("Test-PpcVmProfile -Path $args[0]", ExampleProfile).Select(o => (bool)o.BaseObject));
        Assert.Empty(_ps.Errors);
        Assert.Equal([true, true], _ps.Invoke("Get-ChildItem (Join-Path $args[0] 'examples/profiles/*.yaml') | Test-PpcVmProfile", PowerShellSession.RepoRoot).Select(o => (bool)o.BaseObject));
    }

    [Fact]
    public void TestPpcVmProfile_BrokenFileIsFalseWithNewPpcVmsIdAndPosition()
    {
        string bad = Path.Combine(_scratch, "bad.yaml");
        string[] yaml = File.ReadAllText(ExampleProfile).Replace("memory: 128MiB", "memory: 128MB", StringComparison.Ordinal).Split('\n');
        File.WriteAllText(bad, string.Join('\n', yaml));
        int line = Array.FindIndex(yaml, l => l.Contains("memory: 128MB", StringComparison.Ordinal)) + 1;
        int column = yaml[line - 1].IndexOf("128MB", StringComparison.Ordinal) + 1;
        ErrorRecord fromNew = _ps.SingleError("New-PpcVm -Profile $args[0]", bad);

        var result = _ps.Invoke("Test-PpcVmProfile -Path $args[0]", bad);
        ErrorRecord e = Assert.Single(_ps.Errors);

        Assert.Equal([false], result.Select(o => (bool)o.BaseObject));
        Assert.Equal("PpcVirt.InvalidProfile,PpcVirt.PowerShell.TestPpcVmProfileCommand", e.FullyQualifiedErrorId);
        Assert.Equal(fromNew.FullyQualifiedErrorId.Split(',')[0], e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(fromNew.Exception.Message, e.Exception.Message);
        Assert.StartsWith($"{bad}:{line}:{column}: spec.memory:", e.Exception.Message, StringComparison.Ordinal);

        var detailed = (PpcProfileTestResult)_ps.Invoke("Test-PpcVmProfile -Path $args[0] -Detailed", bad)[0].BaseObject;
        Assert.Empty(_ps.Errors);
        Assert.Equal((false, line, column, "PpcVirt.InvalidProfile"), (detailed.IsValid, detailed.Line, detailed.Column, detailed.ErrorId));
    }

    [Fact]
    public void TestPpcVmProfile_MissingFileIsProfileNotFound_MissingKernelIsKernelNotFound()
    {
        string missing = Path.Combine(_scratch, "nosuch.yaml");
        string noKernel = Path.Combine(_scratch, "nokernel.yaml");
        File.WriteAllText(noKernel, "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata:\n  name: nk\nspec:\n  machine: bamboo\n  kernel: ./gone.elf\n");

        ErrorRecord a = _ps.SingleError("Test-PpcVmProfile -Path $args[0]", missing);
        ErrorRecord b = _ps.SingleError("Test-PpcVmProfile -Path $args[0]", noKernel);

        Assert.Equal("PpcVirt.ProfileNotFound,PpcVirt.PowerShell.TestPpcVmProfileCommand", a.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, a.CategoryInfo.Category);
        Assert.Equal($"{missing}:0:0: file not found", a.Exception.Message);
        Assert.Equal("PpcVirt.KernelNotFound,PpcVirt.PowerShell.TestPpcVmProfileCommand", b.FullyQualifiedErrorId);
        Assert.StartsWith($"{noKernel}:7:11: spec.kernel:", b.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bamboo-440.yaml")]
    [InlineData("bamboo-linux.yaml")]
    public void ExportPpcVmProfile_RoundTripsThroughNewPpcVm(string example)
    {
        string profile = Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", example);
        string exported = Path.Combine(_scratch, "copy-" + example);
        var original = (PpcVm)_ps.Invoke("New-PpcVm -Profile $args[0] -Name $args[1]", profile, PowerShellSession.UniqueName("orig"))[0].BaseObject;

        _ps.Invoke("Export-PpcVmProfile -Vm $args[0] -Path $args[1]", original, exported);
        var copy = (PpcVm)_ps.Invoke("New-PpcVm -Profile $args[0] -Name $args[1]", exported, PowerShellSession.UniqueName("copy"))[0].BaseObject;

        Assert.Empty(_ps.Errors);
        Assert.Equal(
            (original.Machine, original.Cpu, original.MemoryBytes, original.KernelPath, original.CommandLine, original.Profile!.Description, original.Profile.MaxInstructions, original.Profile.TimeoutSeconds),
            (copy.Machine, copy.Cpu, copy.MemoryBytes, copy.KernelPath, copy.CommandLine, copy.Profile!.Description, copy.Profile.MaxInstructions, copy.Profile.TimeoutSeconds));
        Assert.Equal(original.Name, copy.Profile.Name);
    }

    [Fact]
    public void ExportPpcVmProfile_OverridesAndParameterVms_AreKept_KernelRelativeUnderTheFolder()
    {
        string kernelDir = Directory.CreateDirectory(Path.Combine(_scratch, "images")).FullName;
        string kernel = Path.Combine(kernelDir, "guest.elf");
        File.Copy(Hello, kernel);
        var vm = (PpcVm)_ps.Invoke("New-PpcVm -Machine Bamboo -MemoryBytes 64MB -KernelPath $args[0] -CommandLine 'a=1 b=\"x\"' -Name $args[1]", kernel, PowerShellSession.UniqueName("param"))[0].BaseObject;
        string file = Path.Combine(_scratch, "param.yaml");

        var written = (FileInfo)_ps.Invoke("Export-PpcVmProfile -Vm $args[0] -Path $args[1] -PassThru", vm, file)[0].BaseObject;
        string text = (string)_ps.Invoke("Export-PpcVmProfile -Vm $args[0]", vm)[0].BaseObject;
        var copy = (PpcVm)_ps.Invoke("New-PpcVm -Profile $args[0] -Name $args[1]", file, PowerShellSession.UniqueName("pcopy"))[0].BaseObject;

        Assert.Empty(_ps.Errors);
        Assert.Equal(file, written.FullName);
        Assert.Contains("kernel: \"images/guest.elf\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains($"kernel: \"{kernel}\"", text, StringComparison.Ordinal);
        Assert.Equal((64L << 20, kernel, "a=1 b=\"x\""), (copy.MemoryBytes, copy.KernelPath, copy.CommandLine));
    }
    [Fact]
    public void GetPpcDisassembly_SymbolCompletesFromTheVmsKernel()
    {
        string name = PowerShellSession.UniqueName("tab");
        NewHello(name);
        string line = $"Get-PpcDisassembly -Vm {name} -Symbol put";

        var matches = _ps.Invoke("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", line).Select(o => (string)o.BaseObject).ToList();

        Assert.Equal(["putc_", "puthex", "puts_"], matches);
    }

    [Fact]
    public void TestPpcVmProfile_WildcardsExpandToEachFile()
    {
        var results = _ps.Invoke("Test-PpcVmProfile -Path (Join-Path $args[0] 'examples/profiles/bamboo-*.yaml') -Detailed", PowerShellSession.RepoRoot)
            .Select(o => (PpcProfileTestResult)o.BaseObject).ToList();

        Assert.Equal(["bamboo-440.yaml", "bamboo-linux.yaml"], results.Select(r => Path.GetFileName(r.Path)).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.True(r.IsValid));
    }

    [Fact]
    public async Task TracePpcVcpu_TimeoutAndStopPpcVcpu_EndASpinningGuest()
    {
        string name = PowerShellSession.UniqueName("spin");
        _ps.Invoke("$vm = New-PpcVm -Name $args[0]; Write-PpcGuestMemory -Vm $vm -Address 0x2000 -Value 0x48000000; Set-PpcRegister -Vm $vm -Name PC -Value 0x2000", name);
        var vm = (PpcVm)_ps.Invoke("$vm")[0].BaseObject;
        string file = Path.Combine(_scratch, "spin.trace");

        var timedOut = (PpcVcpuExit)_ps.Invoke("Trace-PpcVcpu -Vm $vm -Path $args[0] -TimeoutSeconds 0.2", file)[0].BaseObject;
        Assert.Equal(ExitReason.Timeout, timedOut.Reason);
        Assert.All(File.ReadLines(file).Where(l => !l.StartsWith('#')).SkipLast(1), l => Assert.Contains(" 00002000 48000000 b", l, StringComparison.Ordinal));

        Task<System.Collections.ObjectModel.Collection<PSObject>> run = Task.Run(() => _ps.Invoke("Trace-PpcVcpu -Vm $vm -Path $args[0]", file));
        while (!vm.IsRunning && !run.IsCompleted)
        {
            await Task.Delay(10);
        }

        // A second runspace of this process stops it (its Dispose removes every VM, so only at the end).
        using var other = new PowerShellSession();
        other.Invoke("Stop-PpcVcpu -Vm $args[0]", name);
        Assert.Empty(other.Errors);

        var stopped = (PpcVcpuExit)(await run)[0].BaseObject;
        Assert.Equal(ExitReason.Canceled, stopped.Reason);
        Assert.Contains(" exit Canceled ", File.ReadLines(file).Last(), StringComparison.Ordinal);
        Assert.False(vm.IsRunning);
        Assert.Equal(PpcVmState.Stopped, vm.State);
    }
}
