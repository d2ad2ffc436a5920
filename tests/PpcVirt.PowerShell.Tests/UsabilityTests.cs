using System.Collections.ObjectModel;
using System.Management.Automation;
using PpcVirt.PowerShell.Internal;
using SmaPowerShell = System.Management.Automation.PowerShell;

namespace PpcVirt.PowerShell.Tests;

/// <summary>
/// What a new user hits within minutes (issue "The PowerShell experience users expect"): hex addresses,
/// error ids, pipeline bytes, register widths, slot limits, Start-PpcVcpu's parameters, progress,
/// background runs, console expectations, completion and formatting.
/// </summary>
public sealed class UsabilityTests : IDisposable
{
    // lis r4,0xEF60; ori r4,r4,0x300; 1: lbz r5,5(r4); andi. r5,r5,1; beq 1b; lbz r6,0(r4);
    // stb r6,0(r4); cmpwi r6,'!'; bne 1b; lis r7,0x3000; mtspr DBCR0,r7; b .
    // Echoes UART0 input until '!', then resets.
    private const string EchoGuest = "0x3C80EF60, 0x60840300, 0x88A40005, 0x70A50001, 0x4182FFF8, 0x88C40000, 0x98C40000, 0x2C060021, 0x4082FFE8, 0x3CE03000, 0x7CF44BA6, 0x48000000";

    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    private string NewVm(string prefix, string guestWords = "0x48000000")
    {
        string name = PowerShellSession.UniqueName(prefix);
        _ps.Invoke($"$vm = New-PpcVm -Name $args[0] -MemoryBytes 16MB; $a = 0; foreach ($w in {guestWords}) {{ Write-PpcGuestMemory -Vm $vm -Address $a -Value $w; $a += 4 }}", name);
        Assert.Empty(_ps.Errors);
        return name;
    }

    [Theory]
    [InlineData("Resolve-PpcAddress -Vm $args[0] -EffectiveAddress 0xC0000000", "Resolve-PpcAddress")]
    [InlineData("Read-PpcGuestMemory -Vm $args[0] -Address 0xEF600300 -Length 4", "Read-PpcGuestMemory")]
    [InlineData("Get-PpcDisassembly -Vm $args[0] -Address 0xF0000000 -Count 1", "Get-PpcDisassembly")]
    [InlineData("Write-PpcGuestMemory -Vm $args[0] -Address 0xEF600300 -Value 0", "Write-PpcGuestMemory")]
    public void AddressesWithTheTopBitSet_Bind(string script, string command)
    {
        string vm = NewVm("hex");
        _ps.Invoke(script, vm);
        Assert.DoesNotContain(_ps.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentTransformationError", StringComparison.Ordinal));
        Assert.DoesNotContain(_ps.Errors, e => e.FullyQualifiedErrorId.StartsWith("CannotConvertArgument", StringComparison.Ordinal));
        Assert.NotNull(command);
    }

    [Fact]
    public void ResolvePpcAddress_TopBitAddressIsTheUnsignedAddress()
    {
        string vm = NewVm("hex2");
        PSObject r = Assert.Single(_ps.Invoke("Resolve-PpcAddress -Vm $args[0] -EffectiveAddress 0xE0000010", vm));
        Assert.Empty(_ps.Errors);
        Assert.Equal(0xE0000010UL, Convert.ToUInt64(r.Properties["EffectiveAddress"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0x8000_0000")]
    [InlineData("'0x80000000'")]
    [InlineData("0x80000000L")]
    [InlineData("2147483648")]
    [InlineData("'2_147_483_648'")]
    public void SlotAddress_TakesEveryWayOfWritingIt(string literal)
    {
        string vm = NewVm("lit");
        string text = literal.StartsWith("0x8000_", StringComparison.Ordinal) ? $"'{literal}'" : literal;
        PSObject slot = Assert.Single(_ps.Invoke($"Set-PpcMemorySlot -Vm $args[0] -Slot 3 -GuestPhysicalAddress {text} -SizeBytes 4KB -PassThru", vm));
        Assert.Empty(_ps.Errors);
        Assert.Equal(0x80000000UL, (ulong)slot.Properties["GuestPhysicalAddress"].Value);
    }

    [Fact]
    public void WordTooWide_IsRefusedNotTruncated()
    {
        string vm = NewVm("wide");
        _ps.Invoke("Write-PpcGuestMemory -Vm $args[0] -Address 0x100 -Value 0x11223344", vm);
        ErrorRecord e = _ps.SingleError("Write-PpcGuestMemory -Vm $args[0] -Address 0x100 -Value 0x1FFFFFFFF", vm);
        Assert.Contains("does not fit in 32 bits", e.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0x11223344u, (uint)_ps.Invoke("Read-PpcGuestMemory -Vm $args[0] -Address 0x100 -Length 4 -AsWords", vm)[0].BaseObject);
        Assert.Contains("is not a number", _ps.SingleError("Read-PpcGuestMemory -Vm $args[0] -Address '0xZZ' -Length 4", vm).Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetPpcRegister_ValueWiderThanTheRegister_IsRefusedAndLeavesItUnchanged()
    {
        string vm = NewVm("reg");
        _ps.Invoke("Set-PpcRegister -Vm $args[0] -Name r3 -Value 0x1234", vm);
        ErrorRecord e = _ps.SingleError("Set-PpcRegister -Vm $args[0] -Name r3 -Value 0x1FFFFFFFF", vm);
        Assert.StartsWith("PpcVirt.InvalidRegister,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("does not fit the 32-bit register", e.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0x1234UL, (ulong)_ps.Invoke("(Get-PpcRegister -Vm $args[0] -Name r3).Value", vm)[0].BaseObject);
        _ps.Invoke("Set-PpcRegister -Vm $args[0] -Name r3 -Value 0xFFFFFFFF", vm);
        Assert.Empty(_ps.Errors);
        Assert.Equal(0xFFFFFFFFUL, (ulong)_ps.Invoke("(Get-PpcRegister -Vm $args[0] -Name r3).Value", vm)[0].BaseObject);
    }

    [Fact]
    public void PipelineBytes_AreWrittenAsOneRange()
    {
        string vm = NewVm("pipe");
        _ps.Invoke("[byte[]](1, 2, 3) | Write-PpcGuestMemory -Vm $args[0] -Address 0x3000", vm);
        Assert.Empty(_ps.Errors);
        var bytes = (byte[])_ps.Invoke("Read-PpcGuestMemory -Vm $args[0] -Address 0x3000 -Length 4 -AsByteArray", vm)[0].BaseObject;
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, bytes);
    }

    [Fact]
    public void SlotBeyondThe440PhysicalAddressSpace_IsEinvalAndChangesNothing()
    {
        string vm = NewVm("tb");
        int before = _ps.Invoke("Get-PpcMemorySlot -Vm $args[0]", vm).Count;
        ErrorRecord e = _ps.SingleError("Set-PpcMemorySlot -Vm $args[0] -Slot 5 -GuestPhysicalAddress 0x100000000 -SizeBytes 1TB", vm);
        Assert.Contains("EINVAL", e.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("36-bit", e.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, _ps.Invoke("Get-PpcMemorySlot -Vm $args[0]", vm).Count);
        Assert.NotNull(_ps.SingleError("Set-PpcMemorySlot -Vm $args[0] -Slot 5 -GuestPhysicalAddress 0x1000000000 -SizeBytes 4KB", vm));
        Assert.Single(_ps.Invoke("Set-PpcMemorySlot -Vm $args[0] -Slot 5 -GuestPhysicalAddress 0xFFFFFF000 -SizeBytes 4KB -PassThru", vm));
    }

    [Fact]
    public void Reset_ZeroesALargeSlotWithoutTouchingEveryPage()
    {
        string vm = NewVm("big");
        _ps.Invoke("Set-PpcMemorySlot -Vm $args[0] -Slot 6 -GuestPhysicalAddress 0x200000000 -SizeBytes 4GB; Write-PpcGuestMemory -Vm $args[0] -Address 0x2FFFFF000 -Value 0x5A5A5A5A; Reset-PpcVm -Vm $args[0] -Confirm:$false", vm);
        Assert.Empty(_ps.Errors);
        Assert.Equal(0u, (uint)_ps.Invoke("Read-PpcGuestMemory -Vm $args[0] -Address 0x2FFFFF000 -Length 4 -AsWords", vm)[0].BaseObject);
    }

    [Theory]
    [InlineData("Get-PpcVcpu -Vm $args[0]")]
    [InlineData("Get-PpcRegister -Vm $args[0]")]
    [InlineData("Start-PpcVcpu -Vm $args[0] -MaxInstructions 1")]
    [InlineData("Read-PpcGuestMemory -Vm $args[0] -Address 0 -Length 4")]
    [InlineData("Remove-PpcVm -Vm $args[0] -Confirm:$false")]
    [InlineData("Stop-PpcVcpu -Vm $args[0]")]
    public void MissingVm_IsVmNotFound(string script)
    {
        ErrorRecord e = _ps.SingleError(script, "nosuch-vm-name");
        Assert.StartsWith("PpcVirt.VmNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Contains("nosuch-vm-name", e.Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("PpcVirt.VmNotFound,", _ps.SingleError(script.Replace("$args[0]", "99999", StringComparison.Ordinal)).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingProfile_IsProfileNotFound_AndADirectoryIsNamed()
    {
        ErrorRecord e = _ps.SingleError("New-PpcVm -Profile ./no-such-profile.yaml");
        Assert.StartsWith("PpcVirt.ProfileNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        ErrorRecord dir = _ps.SingleError("New-PpcVm -Profile $args[0]", Path.GetTempPath());
        Assert.StartsWith("PpcVirt.InvalidProfile,", dir.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("is a directory", dir.Exception.Message, StringComparison.Ordinal);
        ErrorRecord kernel = _ps.SingleError("New-PpcVm -Name $args[1] -KernelPath $args[0]", Path.GetTempPath(), PowerShellSession.UniqueName("kd"));
        Assert.StartsWith("PpcVirt.InvalidKernelImage,", kernel.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("is a directory", kernel.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetPpcVcpu_UnknownId_IsVcpuNotFound()
    {
        string vm = NewVm("cpu");
        ErrorRecord e = _ps.SingleError("Get-PpcVcpu -Vm $args[0] -Id 5", vm);
        Assert.StartsWith("PpcVirt.VcpuNotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Single(_ps.Invoke("Get-PpcVcpu -Vm $args[0] -Id 0", vm));
    }

    [Fact]
    public void StartPpcVcpu_TakesVmLikeEveryCmdletAndNameWildcards()
    {
        ParameterMetadata vmParameter = ((CmdletInfo)_ps.Invoke("Get-Command Start-PpcVcpu")[0].BaseObject).Parameters["Vm"];
        Assert.Equal(typeof(PpcVm[]), vmParameter.ParameterType);
        string a = NewVm("wild");
        string b = NewVm("wild");
        Collection<PSObject> exits = _ps.Invoke("Start-PpcVcpu -Name 'wild-*' -MaxInstructions 100 -Quiet");
        Assert.Empty(_ps.Errors);
        Assert.Equal(new[] { a, b }.Order(), exits.Select(x => ((PpcVcpuExit)x.BaseObject).VmName).Order());
    }

    [Fact]
    public void LongRun_WritesProgress()
    {
        string vm = NewVm("prog");
        using var ps = SmaPowerShell.Create();
        ps.Runspace = _ps.Runspace;
        ps.AddScript("Start-PpcVcpu -Vm $args[0] -TimeoutSeconds 1.5 -Quiet").AddArgument(vm);
        var exit = (PpcVcpuExit)ps.Invoke().Single().BaseObject;
        Assert.Equal(PpcVirt.Engine.Hypervisor.ExitReason.Timeout, exit.Reason);
        ProgressRecord p = Assert.IsType<ProgressRecord>(ps.Streams.Progress.First(r => r.RecordType == ProgressRecordType.Processing));
        Assert.Contains(vm, p.Activity, StringComparison.Ordinal);
        Assert.Matches(@"[\d,]+ instructions, [\d.]+ MIPS, [\d.]+ s, \d+ console lines", p.StatusDescription);
        Assert.Contains(ps.Streams.Progress, r => r.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void NoWait_ThenStopPpcVcpu_StopsASpinningGuestAndWaitReturnsCanceled()
    {
        string vm = NewVm("bg");
        Assert.Empty(_ps.Invoke("Start-PpcVcpu -Vm $args[0] -NoWait", vm));
        Assert.Equal("Running", _ps.Invoke("(Get-PpcVm -Name $args[0]).State.ToString()", vm)[0].BaseObject);
        ErrorRecord timeout = _ps.SingleError("Wait-PpcVcpu -Vm $args[0] -TimeoutSeconds 0.2", vm);
        Assert.StartsWith("PpcVirt.WaitTimeout,", timeout.FullyQualifiedErrorId, StringComparison.Ordinal);
        _ps.Invoke("Stop-PpcVcpu -Vm $args[0]", vm);
        var exit = (PpcVcpuExit)Assert.Single(_ps.Invoke("Wait-PpcVcpu -Vm $args[0] -TimeoutSeconds 30", vm)).BaseObject;
        Assert.Equal(PpcVirt.Engine.Hypervisor.ExitReason.Canceled, exit.Reason);
        Assert.True(exit.InstructionsExecuted > 0);
        Assert.Equal("Stopped", _ps.Invoke("(Get-PpcVm -Name $args[0]).State.ToString()", vm)[0].BaseObject);
    }

    [Fact]
    public void WaitPpcConsole_MatchesOneTextAfterAnother()
    {
        string vm = NewVm("expect", EchoGuest);
        _ps.Invoke("Send-PpcConsoleInput -Vm $args[0] -Text 'login: root' ; Start-PpcVcpu -Vm $args[0] -NoWait", vm);
        var first = (PpcConsoleMatch)Assert.Single(_ps.Invoke("Wait-PpcConsole -Vm $args[0] -Pattern 'log(?<rest>in):' -TimeoutSeconds 30", vm)).BaseObject;
        Assert.Equal("login:", first.Value);
        Assert.Equal("in", first.Groups["rest"]);
        Assert.Equal(0, first.Offset);
        var second = (PpcConsoleMatch)Assert.Single(_ps.Invoke("Wait-PpcConsole -Vm $args[0] -Pattern 'r\\w+' -TimeoutSeconds 30", vm)).BaseObject;
        Assert.Equal("root", second.Value);
        ErrorRecord none = _ps.SingleError("Wait-PpcConsole -Vm $args[0] -Pattern 'never-printed' -TimeoutSeconds 0.3", vm);
        Assert.StartsWith("PpcVirt.ConsoleTimeout,", none.FullyQualifiedErrorId, StringComparison.Ordinal);
        _ps.Invoke("Send-PpcConsoleInput -Vm $args[0] -Text '!'; $null = Wait-PpcVcpu -Vm $args[0] -TimeoutSeconds 30", vm);
        ErrorRecord ended = _ps.SingleError("Wait-PpcConsole -Vm $args[0] -Pattern 'never-printed' -TimeoutSeconds 30", vm);
        Assert.StartsWith("PpcVirt.ConsoleNoMatch,", ended.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_StopsTheRunWhenTheConsoleMatches()
    {
        string vm = NewVm("until", EchoGuest);
        _ps.Invoke("Send-PpcConsoleInput -Vm $args[0] -Text 'boot ok'", vm);
        var exit = (PpcVcpuExit)Assert.Single(_ps.Invoke("Start-PpcVcpu -Vm $args[0] -Until 'boot \\w+' -Quiet -TimeoutSeconds 60", vm)).BaseObject;
        Assert.Equal(PpcVirt.Engine.Hypervisor.ExitReason.Canceled, exit.Reason);
        Assert.Equal("boot ok", exit.ConsoleMatch);
        Assert.StartsWith("PpcVirt.InvalidPattern,", _ps.SingleError("Start-PpcVcpu -Vm $args[0] -Until '(' -Quiet", vm).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void InteractiveCtrlBracketSendsCtrlC()
    {
        Assert.Equal('\u0003', HostConsoleInput.Translate(new ConsoleKeyInfo('\u001d', ConsoleKey.Oem6, shift: false, alt: false, control: true)));
        Assert.Equal('\r', HostConsoleInput.Translate(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false)));
        Assert.Equal('a', HostConsoleInput.Translate(new ConsoleKeyInfo('a', ConsoleKey.A, false, false, false)));
    }

    [Theory]
    [InlineData("Get-PpcVm -Name {0}", "{1}")]
    [InlineData("Get-PpcRegister -Vm {1} -Name MS", "MSR")]
    [InlineData("New-PpcVm -Profile examples/profiles/bam", "bamboo-440.yaml")]
    public void ArgumentCompleters(string input, string expected)
    {
        string vm = NewVm("comp");
        string line = string.Format(System.Globalization.CultureInfo.InvariantCulture, input, vm[..6], vm);
        _ps.Invoke($"Set-Location '{PowerShellSession.RepoRoot}'");
        var texts = _ps.Invoke("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.ListItemText", line)
            .Select(o => o.BaseObject.ToString()).ToList();
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, vm[..6], vm), texts);
    }

    [Fact]
    public void ExitAndRegisterViews_AreCompact()
    {
        string vm = NewVm("fmt");
        string list = string.Concat(_ps.Invoke("Start-PpcVcpu -Vm $args[0] -MaxInstructions 1000 -Quiet | Format-List | Out-String -Width 200", vm).Select(o => o.ToString()));
        Assert.Matches(@"ProgramCounter\s+: 0x[0-9A-F]{8}", list);
        Assert.Matches(@"MipsRate\s+: \d+\.\d\r?\n", list);
        string table = string.Concat(_ps.Invoke("Get-PpcRegister -Vm $args[0] -Name r1, MSR | Out-String -Width 200", vm).Select(o => o.ToString()));
        Assert.All(table.Split('\n'), l => Assert.True(l.TrimEnd().Length <= 60, $"register view line of {l.TrimEnd().Length} columns: '{l}'"));
    }
}
