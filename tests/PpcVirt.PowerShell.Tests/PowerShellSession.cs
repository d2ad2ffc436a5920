using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PpcVirt.Shell.Hosting;
using SmaPowerShell = System.Management.Automation.PowerShell;

namespace PpcVirt.PowerShell.Tests;

/// <summary>An in-process runspace with the module (by dll path) and its format file, and a capturing host.</summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(bool importByManifest = false)
    {
        Output = new StringWriter();
        Host = new ShellHost(Output, new StringWriter(), new StringReader(string.Empty));
        InitialSessionState iss = InitialSessionState.CreateDefault2();
        if (importByManifest)
        {
            iss.ImportPSModule(Path.Combine(RepoRoot, "PpcVirt.psd1"));
        }
        else
        {
            iss.ImportPSModule(typeof(NewPpcVmCommand).Assembly.Location);
            iss.Formats.Add(new SessionStateFormatEntry(Path.Combine(RepoRoot, "module", "PpcVirt.Format.ps1xml")));
        }

        _runspace = RunspaceFactory.CreateRunspace(Host, iss);
        _runspace.Open();
        Invoke("$PSStyle.OutputRendering = 'PlainText'");
    }

    public StringWriter Output { get; }

    /// <summary>The runspace, for tests that run a pipeline asynchronously (BeginInvoke/Stop).</summary>
    public Runspace Runspace => _runspace;

    public ShellHost Host { get; }

    public Collection<ErrorRecord> Errors { get; } = [];

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public Collection<PSObject> Invoke(string script, params object[] args)
    {
        Errors.Clear();
        using var ps = SmaPowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (object a in args)
        {
            ps.AddArgument(a);
        }

        Collection<PSObject> result = ps.Invoke();
        foreach (ErrorRecord e in ps.Streams.Error)
        {
            Errors.Add(e);
        }

        return result;
    }

    public ErrorRecord SingleError(string script, params object[] args)
    {
        Invoke(script, args);
        return Assert.Single(Errors);
    }

    public void Dispose()
    {
        Invoke("Get-PpcVm | Remove-PpcVm -Force -Confirm:$false");
        _runspace.Dispose();
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PpcVirt.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("PpcVirt.sln not found above the test directory.");
    }
}
