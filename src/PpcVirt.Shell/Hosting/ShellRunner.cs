using System.Management.Automation;
using SmaPowerShell = System.Management.Automation.PowerShell;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.RegularExpressions;

namespace PpcVirt.Shell.Hosting;

/// <summary>
/// Runs a script or command in an in-process PowerShell 7.6 runspace (Microsoft.PowerShell.SDK: every
/// standard cmdlet is the real one) with ppcvirt's host and the PpcVirt module imported, and computes
/// the exit code.
/// </summary>
public sealed partial class ShellRunner
{
    /// <summary>Exit code after Ctrl-C.</summary>
    public const int StoppedExitCode = 130;

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TextReader _input;
    private readonly object _gate = new();
    private SmaPowerShell? _current;
    private bool _stopped;
    private int _errorCount;
    private readonly HashSet<object> _written = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a runner using the given streams.</summary>
    public ShellRunner(TextWriter output, TextWriter error, TextReader input)
    {
        _output = output;
        _error = error;
        _input = input;
    }

    /// <summary>Parses <paramref name="args"/>, runs, and returns the process exit code.</summary>
    public int Run(IReadOnlyList<string> args)
    {
        ShellOptions options = ShellOptions.Parse(args);
        switch (options.Mode)
        {
            case ShellMode.Help:
                if (options.Error is not null)
                {
                    _error.WriteLine($"ppcvirt: {options.Error}");
                    _error.WriteLine(ShellOptions.Usage);
                    return 2;
                }

                _output.WriteLine(ShellOptions.Usage);
                return 0;
            case ShellMode.Version:
                _output.WriteLine($"ppcvirt {ShellHost.InformationalVersion} (PowerShell {typeof(PSObject).Assembly.GetName().Version})");
                return 0;
        }

        string script = options.Mode switch
        {
            ShellMode.File => BuildFileInvocation(Path.GetFullPath(options.FilePath!), options.Arguments),
            ShellMode.RunProfile => BuildProfileRun(Path.GetFullPath(options.FilePath!), options.Arguments),
            _ => options.Command!,
        };
        return Execute(script);
    }

    /// <summary>Asks the running pipeline to stop (Ctrl-C).</summary>
    public void Stop()
    {
        SmaPowerShell? ps;
        lock (_gate)
        {
            _stopped = true;
            ps = _current;
        }

        ps?.BeginStop(null, null);
    }

    /// <summary>Builds <c>&amp; 'path' args</c>: <c>-Name</c> arguments stay parameter names, everything else is a literal.</summary>
    public static string BuildFileInvocation(string path, IReadOnlyList<string> arguments)
    {
        var sb = new StringBuilder("& ").Append(Quote(path));
        foreach (string a in arguments)
        {
            sb.Append(' ').Append(ParameterName().IsMatch(a) ? a : Quote(a));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Builds the script of <c>ppcvirt run</c>: New-PpcVm -Profile, Start-PpcVcpu with the remaining
    /// arguments as its parameters, the exit printed; exit code 0 for Reset or Shutdown, else 1.
    /// </summary>
    public static string BuildProfileRun(string profilePath, IReadOnlyList<string> arguments)
    {
        var start = new StringBuilder("Start-PpcVcpu");
        foreach (string a in arguments)
        {
            start.Append(' ').Append(ParameterName().IsMatch(a) ? a : Quote(a));
        }

        return $$"""
            $vm = New-PpcVm -Profile {{Quote(profilePath)}} -ErrorAction Stop
            try {
                $exit = $vm | {{start}}
                $exit | Format-List
                if ("$($exit.Reason)" -notin 'Reset', 'Shutdown') { exit 1 }
            }
            finally { $vm | Remove-PpcVm -Confirm:$false }
            """;
    }

    /// <summary>Formats an error record roughly like pwsh's NormalView.</summary>
    public static string FormatError(ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message ?? record.Exception?.Message ?? record.ToString();
        string? command = record.InvocationInfo?.MyCommand?.Name;
        var sb = new StringBuilder();
        sb.Append(!string.IsNullOrEmpty(command) && !command.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) ? $"{command}: {message}" : message);
        string? position = record.InvocationInfo?.PositionMessage;
        if (!string.IsNullOrWhiteSpace(position))
        {
            sb.AppendLine().Append(position.TrimEnd());
        }

        sb.AppendLine().Append("    + CategoryInfo          : ").Append(record.CategoryInfo);
        sb.AppendLine().Append("    + FullyQualifiedErrorId : ").Append(record.FullyQualifiedErrorId);
        return sb.ToString();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private ShellHost? _host;

    [GeneratedRegex(@"^-[A-Za-z_][A-Za-z0-9_]*:?$")]
    private static partial Regex ParameterName();

    private int Execute(string script)
    {
        var host = new ShellHost(_output, _error, _input);
        _host = host;
        InitialSessionState iss = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }

        using Runspace runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        if (!Bootstrap(runspace))
        {
            return 1;
        }

        runspace.SessionStateProxy.SetVariable("global:LASTEXITCODE", null);
        bool terminated = false;
        using (SmaPowerShell ps = SmaPowerShell.Create())
        {
            ps.Runspace = runspace;
            ps.AddScript(script).AddCommand("Out-Default");
            ps.Streams.Error.DataAdded += (s, e) =>
            {
                var errors = (PSDataCollection<ErrorRecord>)s!;
                WriteError(errors[e.Index]);
            };

            lock (_gate)
            {
                _current = ps;
                if (_stopped)
                {
                    return StoppedExitCode;
                }
            }

            try
            {
                ps.Invoke();
            }
            catch (PipelineStoppedException)
            {
                terminated = true;
            }
            catch (ExitException ex)
            {
                return ex.Argument is int code ? code : LanguagePrimitives.ConvertTo<int>(ex.Argument);
            }
            catch (RuntimeException ex)
            {
                terminated = true;
                WriteError(ex.ErrorRecord);
            }
            finally
            {
                lock (_gate)
                {
                    _current = null;
                }
            }
        }

        if (_stopped)
        {
            return StoppedExitCode;
        }

        if (host.ShouldExitCode is int requested)
        {
            return requested;
        }

        object? last = runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
        int lastCode = last is null ? 0 : LanguagePrimitives.ConvertTo<int>(last);
        if (lastCode != 0)
        {
            return lastCode;
        }

        return terminated || _errorCount > 0 ? 1 : 0;
    }

    private bool Bootstrap(Runspace runspace)
    {
        string? manifest = ModuleLocator.FindManifest();
        bool plain = !ReferenceEquals(_output, Console.Out) || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null;
        if (runspace.RunspaceStateInfo.State == RunspaceState.Opened && _host is not null)
        {
            _host.ShellUI.PlainText = plain;
        }

        string import = manifest is not null ? $"Import-Module -Name {Quote(manifest)} -Global" : string.Empty;
        string bootstrap = $$"""
            $ErrorActionPreference = 'Stop'
            {{import}}
            if ({{(plain ? "$true" : "$false")}}) { $PSStyle.OutputRendering = 'PlainText' }
            $ErrorActionPreference = 'Continue'
            """;
        if (manifest is null)
        {
            _error.WriteLine($"ppcvirt: warning: {ModuleLocator.ManifestName} not found (set PPCVIRT_MODULE); the PpcVirt module is not imported.");
        }

        using SmaPowerShell ps = SmaPowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(bootstrap);
        try
        {
            ps.Invoke();
            return true;
        }
        catch (RuntimeException ex)
        {
            _error.WriteLine("ppcvirt: could not load modules:");
            WriteError(ex.ErrorRecord);
            return false;
        }
    }

    private void WriteError(ErrorRecord record)
    {
        lock (_gate)
        {
            if (!_written.Add(record) || (record.Exception is { } ex && !_written.Add(ex)))
            {
                return;
            }

            if (record.FullyQualifiedErrorId is "NativeCommandError" or "NativeCommandErrorMessage")
            {
                // A native program's standard error line, not a PowerShell error (pwsh passes these
                // through to the console too); its exit code is what reports failure.
                _error.WriteLine(record.Exception?.Message ?? record.ToString());
                _error.Flush();
                return;
            }

            _errorCount++;
            _error.WriteLine(FormatError(record));
            _error.Flush();
        }
    }
}
