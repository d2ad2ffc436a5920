using System.Management.Automation;

namespace PpcVirt.PowerShell.Tests;

public sealed class ModuleTests
{
    private static readonly string[] s_cmdletNames = typeof(NewPpcVmCommand).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault())
        .Where(a => a is not null)
        .Select(a => $"{a!.VerbName}-{a.NounName}")
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Manifest_IsValidAndExportsEveryCmdlet()
    {
        using var ps = new PowerShellSession();
        PSObject info = ps.Invoke("Test-ModuleManifest -Path $args[0]", Path.Combine(PowerShellSession.RepoRoot, "PpcVirt.psd1"))[0];
        Assert.Empty(ps.Errors);
        Assert.Equal(new Version(0, 1, 0), info.Properties["Version"].Value);
        var exported = ((System.Collections.IDictionary)info.Properties["ExportedCmdlets"].Value).Keys.Cast<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(s_cmdletNames, exported);
        Assert.Equal(28, exported.Length);
    }

    [Fact]
    public void EveryCmdlet_UsesAnApprovedVerbAndThePpcPrefix()
    {
        using var ps = new PowerShellSession();
        var verbs = ps.Invoke("Get-Verb").Select(v => (string)v.Properties["Verb"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string name in s_cmdletNames)
        {
            string[] parts = name.Split('-');
            Assert.True(verbs.Count == 0 || verbs.Contains(parts[0]), $"{name}: verb not approved");
            Assert.StartsWith("Ppc", parts[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryCmdlet_HasHelpWithSynopsisParametersAndAnExample()
    {
        using var ps = new PowerShellSession(importByManifest: true);
        foreach (string name in s_cmdletNames)
        {
            PSObject help = ps.Invoke("Get-Help -Name $args[0] -Full", name)[0];
            string synopsis = ((string)help.Properties["Synopsis"].Value).Trim();
            Assert.False(synopsis.StartsWith(name, StringComparison.Ordinal), $"{name}: no MAML help found (synopsis is the syntax)");
            int examples = ps.Invoke("@((Get-Help -Name $args[0] -Examples).examples.example).Count", name)[0].BaseObject is int n ? n : 0;
            Assert.True(examples >= 1, $"{name}: no example");
            string description = ps.Invoke("(Get-Help -Name $args[0]).description.Text -join ''", name)[0].BaseObject as string ?? string.Empty;
            Assert.False(string.IsNullOrWhiteSpace(description), $"{name}: no description");
        }
    }

    [Theory]
    [InlineData("Get-PpcMemorySlot -Vm $vm", "GuestPhysicalAddress", "0x100000000")]
    [InlineData("Read-PpcGuestMemory -Vm $vm -Address 0x100000000 -Length 20", "100000000  41 42 43 44", "|ABCD")]
    [InlineData("Get-PpcCapability -Vm $vm -Name UserMemory", "Supported", "UserMemory")]
    [InlineData("$vm", "MemoryMB", "Created")]
    [InlineData("Get-PpcVcpu -Vm $vm", "ProgramCounter", "0x422218D3")]
    public void FormatViews_ShowTheExpectedColumns(string command, string expected1, string expected2)
    {
        using var ps = new PowerShellSession();
        ps.Invoke("$vm = New-PpcVm -Name $args[0]; Set-PpcMemorySlot -Vm $vm -Slot 20 -GuestPhysicalAddress 0x100000000 -SizeBytes 4KB; Write-PpcGuestMemory -Vm $vm -Address 0x100000000 -Bytes ([byte[]](65..90))", PowerShellSession.UniqueName("fmt"));
        ps.Output.GetStringBuilder().Clear();
        ps.Invoke(command + " | Out-Default");
        string text = ps.Output.ToString();
        Assert.Contains(expected1, text, StringComparison.Ordinal);
        Assert.Contains(expected2, text, StringComparison.Ordinal);
        Assert.DoesNotContain("VmName  :", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TlbEntryView_ShowsDecodedColumns()
    {
        var entry = new Engine.Mmu.BookETlbEntry(3, 0x40000210, 0x00100001, (0x0A << 7) | 0x0F, 5);
        var wrapped = new PpcTlbEntry("x", entry);
        Assert.Equal("SX SW SR UR", wrapped.Permissions);
        Assert.Equal("-I-G-", wrapped.Wimge);
        Assert.Equal("4KB", wrapped.Size);
        Assert.Equal(0x100100000UL, wrapped.RealAddress);
        using var ps = new PowerShellSession();
        ps.Invoke("$args[0] | Out-Default", wrapped);
        string text = ps.Output.ToString();
        Assert.Contains("WIMGE", text, StringComparison.Ordinal);
        Assert.Contains("SX SW SR UR", text, StringComparison.Ordinal);
        Assert.Contains("0x40000000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryDump_HexDumpLines()
    {
        var dump = new PpcMemoryDump("x", 0x10, [.. Enumerable.Range(0x41, 20).Select(i => (byte)i)]);
        Assert.Equal(2, dump.Lines.Length);
        Assert.Equal("000000010  41 42 43 44 45 46 47 48  49 4A 4B 4C 4D 4E 4F 50  |ABCDEFGHIJKLMNOP|", dump.Lines[0]);
        Assert.StartsWith("000000020  51 52 53 54 ", dump.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("|QRST|", dump.Lines[1], StringComparison.Ordinal);
    }
}
