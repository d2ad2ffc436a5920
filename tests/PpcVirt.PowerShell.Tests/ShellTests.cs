using System.Diagnostics;
using System.Reflection;

namespace PpcVirt.PowerShell.Tests;

public sealed class ShellTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ppcvirt-shell-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Command_Success_ExitsZero()
    {
        (int code, string stdout, _) = Run("-Command", "'hello from ' + 'ppcvirt'");
        Assert.Equal(0, code);
        Assert.Contains("hello from ppcvirt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_Exit3_ExitsThree() => Assert.Equal(3, Run("-Command", "exit 3").Code);

    [Fact]
    public void File_ExitAndArgsAndScriptRoot()
    {
        string script = Path.Combine(_dir, "s.ps1");
        File.WriteAllText(script, "param($Name, [int]$Code)\n\"root=$PSScriptRoot name=$Name args=$($args.Count)\"\nexit $Code\n");
        (int code, string stdout, _) = Run("-File", script, "-Name", "x y", "-Code", "3", "extra");
        Assert.Equal(3, code);
        Assert.Contains($"root={_dir} name=x y args=1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Throw_ExitsOneWithMessageOnStderr()
    {
        (int code, _, string stderr) = Run("-Command", "throw 'boom'");
        Assert.Equal(1, code);
        Assert.Contains("boom", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonTerminatingError_ExitsOne()
    {
        (int code, string stdout, string stderr) = Run("-Command", "Get-PpcVm -Name no-such-vm; 'after'");
        Assert.Equal(1, code);
        Assert.Contains("after", stdout, StringComparison.Ordinal);
        Assert.Contains("PpcVirt.VmNotFound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeStandardErrorIsPrintedButIsNotAFailure()
    {
        (int code, _, string stderr) = Run("-Command", "$x = & bash -c 'echo progress >&2; echo result'; $x");
        Assert.Equal(0, code);
        Assert.Contains("progress", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("NativeCommandError", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeFailureExitCodeIsTheExitCode() => Assert.Equal(4, Run("-Command", "& bash -c 'exit 4'").Code);

    [Fact]
    public void InteractiveStartForwardsStandardInputToTheGuestUart()
    {
        // A guest that echoes UART0 input until '!' and then resets via DBCR0:
        // lis r4,0xEF60; ori r4,r4,0x300; 1: lbz r5,5(r4); andi. r5,r5,1; beq 1b; lbz r6,0(r4);
        // stb r6,0(r4); cmpwi r6,'!'; bne 1b; lis r7,0x3000; mtspr DBCR0,r7; b .
        const string script = """
            $vm = New-PpcVm -Name echo1
            $words = 0x3C80EF60, 0x60840300, 0x88A40005, 0x70A50001, 0x4182FFF8, 0x88C40000, 0x98C40000, 0x2C060021, 0x4082FFE8, 0x3CE03000, 0x7CF44BA6, 0x48000000
            $a = 0; foreach ($w in $words) { Write-PpcGuestMemory -Vm $vm -Address $a -Value $w; $a += 4 }
            $exit = Start-PpcVcpu -Vm $vm -Interactive -TimeoutSeconds 30
            "EXIT=$($exit.Reason)"
            """;
        (int code, string stdout, string stderr) = RunWithInput("hi there!", "-Command", script);
        Assert.True(code == 0, stderr);
        Assert.Contains("hi there!", stdout, StringComparison.Ordinal);
        Assert.Contains("EXIT=Reset", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectedOutputHasNoAnsiStyling()
    {
        (int code, string stdout, _) = Run("-Command", "$vm = New-PpcVm -Name plain1; Get-PpcRegister -Vm $vm -Name r1, r2");
        Assert.Equal(0, code);
        Assert.Contains("0x00FFFFF8", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1b', stdout);
    }

    [Fact]
    public void Version_And_Help()
    {
        Assert.Equal(0, Run("-Version").Code);
        (int code, string stdout, _) = Run("-Help");
        Assert.Equal(0, code);
        Assert.Contains("Usage: ppcvirt", stdout, StringComparison.Ordinal);
        Assert.Equal(2, Run("-Bogus").Code);
    }

    [Fact]
    public void FormatViews_ApplyInTheHost()
    {
        (int code, string stdout, _) = Run("-Command", "$vm = New-PpcVm -Name fmt-host; Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress 0x100000000 -SizeBytes 4KB -PassThru");
        Assert.Equal(0, code);
        Assert.Contains("GuestPhysicalAddress", stdout, StringComparison.Ordinal);
        Assert.Contains("0x100000000", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RunProfile_BootsTheBundledGuestAndExitsZeroOnReset()
    {
        (int code, string stdout, string stderr) = Run("run", Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", "bamboo-440.yaml"), "-TimeoutSeconds", "60");
        Assert.True(code == 0, stderr);
        Assert.Contains("Hello from PPC440 bamboo guest", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Reason\s+: Reset", stdout);
    }

    [Fact]
    public void RunProfile_InstructionLimitExitsOne()
    {
        (int code, string stdout, _) = Run("run", Path.Combine(PowerShellSession.RepoRoot, "examples", "profiles", "bamboo-440.yaml"), "-MaxInstructions", "10");
        Assert.Equal(1, code);
        Assert.Matches(@"Reason\s+: InstructionLimit", stdout);
    }

    [Fact]
    public void RunProfile_MissingProfileExitsOneWithTheError()
    {
        (int code, _, string stderr) = Run("run", Path.Combine(_dir, "nosuch.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("nosuch.yaml", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Run("run").Code);
    }

    [Fact]
    public async Task OutsideTheRepo_ImportsTheModuleShippedNextToTheExecutable()
    {
        // A published ppcvirt: its folder copied away from the repository (no PpcVirt.psd1 anywhere above it).
        string copy = Path.Combine(_dir, "published");
        string shellOut = Path.Combine(PowerShellSession.RepoRoot, "src", "PpcVirt.Shell", "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(shellOut, "PpcVirt.psd1")), "the Shell build writes PpcVirt.psd1 next to ppcvirt");
        foreach (string file in Directory.EnumerateFiles(shellOut, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(shellOut, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.ArgumentList.Add(Path.Combine(copy, "ppcvirt.dll"));
        psi.ArgumentList.Add("-Command");
        psi.ArgumentList.Add("(Get-Command -Module PpcVirt).Count; $vm = New-PpcVm -Name away; Get-PpcRegister -Vm $vm -Name r1; (Get-Help New-PpcVm).Synopsis");
        psi.Environment.Remove("PPCVIRT_MODULE");
        using var p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, stderr);
        Assert.DoesNotContain("not found", stderr, StringComparison.Ordinal);
        string text = await stdout;
        Assert.Matches(@"^\d{2}\r?$", text.Split('\n')[0]);
        Assert.Contains("0x00FFFFF8", text, StringComparison.Ordinal);
        Assert.Contains("Creates a PowerPC virtual machine", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RealPester_PassingSuite_ExitsZero()
    {
        File.WriteAllText(Path.Combine(_dir, "Pass.Tests.ps1"), """
            BeforeAll { $answer = 42 }
            Describe 'math' {
                It 'adds <a> and <b>' -ForEach @(@{ a = 1; b = 2; sum = 3 }, @{ a = 2; b = 3; sum = 5 }) { $a + $b | Should -Be $sum }
                It 'sees BeforeAll' { $answer | Should -Be 42 }
                It 'throws with an id' { { Get-PpcVm -Name nope -ErrorAction Stop } | Should -Throw -ErrorId 'PpcVirt.VmNotFound*' }
                It 'is skipped' -Skip { $true | Should -BeFalse }
            }
            """);
        (int code, string stdout, string stderr) = Run("-Command", $"Import-Module '{PesterManifest}'; $r = Invoke-Pester -Path '{_dir}' -PassThru -Output Detailed; \"v=$((Get-Module Pester).Version) counts=$($r.PassedCount)/$($r.FailedCount)/$($r.SkippedCount)\"");
        Assert.True(code == 0, stderr);
        Assert.Contains("[+] adds 1 and 2", stdout, StringComparison.Ordinal);
        Assert.Contains("counts=4/0/1", stdout, StringComparison.Ordinal);
        Assert.Contains($"v={PesterVersion}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RealPester_FailingSuite_ReportsAndExitsOne()
    {
        File.WriteAllText(Path.Combine(_dir, "Fail.Tests.ps1"), """
            Describe 'broken' {
                It 'passes' { 1 | Should -Be 1 }
                It 'fails' { 3 | Should -Be 4 }
            }
            """);
        (int code, string stdout, _) = Run("-Command", $"Import-Module '{PesterManifest}'; $r = Invoke-Pester -Path '{_dir}' -PassThru -Output Detailed; \"counts=$($r.PassedCount)/$($r.FailedCount)\"; exit $r.FailedCount");
        Assert.Equal(1, code);
        Assert.Contains("[-] fails", stdout, StringComparison.Ordinal);
        Assert.Contains("Expected 4, but got 3.", stdout, StringComparison.Ordinal);
        Assert.Contains("counts=1/1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardCmdletsAreTheRealOnes()
    {
        // Microsoft.PowerShell.SDK: every Utility/Management cmdlet comes from PowerShell's own assemblies.
        (int code, string stdout, string stderr) = Run("-Command", "foreach ($c in 'Select-Object', 'Format-Table', 'Sort-Object', 'Get-Content', 'ForEach-Object', 'Start-Job') { $x = Get-Command $c; \"$($x.Name)=$($x.CommandType)/$($x.ModuleName)\" }; (1..3 | ForEach-Object -Parallel { $_ * 2 } | Sort-Object) -join ','");
        Assert.True(code == 0, stderr);
        Assert.Contains("Select-Object=Cmdlet/Microsoft.PowerShell.Utility", stdout, StringComparison.Ordinal);
        Assert.Contains("Get-Content=Cmdlet/Microsoft.PowerShell.Management", stdout, StringComparison.Ordinal);
        Assert.Contains("Start-Job=Cmdlet/Microsoft.PowerShell.Core", stdout, StringComparison.Ordinal);
        Assert.Contains("2,4,6", stdout, StringComparison.Ordinal);
    }

    /// <summary>The pinned Pester's manifest in the NuGet packages folder (from the test project's build).</summary>
    private static string PesterManifest { get; } = typeof(ShellTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PesterManifest").Value!;

    private static string PesterVersion => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(PesterManifest)))!;

    private (int Code, string Stdout, string Stderr) Run(params string[] args) => RunWithInput(string.Empty, args);

    private (int Code, string Stdout, string Stderr) RunWithInput(string input, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = PowerShellSession.RepoRoot,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ppcvirt.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PPCVIRT_MODULE"] = Path.Combine(PowerShellSession.RepoRoot, "PpcVirt.psd1");
        using Process p = Process.Start(psi)!;
        p.StandardInput.Write(input);
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "ppcvirt did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
