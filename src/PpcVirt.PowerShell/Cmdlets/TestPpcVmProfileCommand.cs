using System.Collections.ObjectModel;
using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Profiles;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Test-PpcVmProfile</c>: validates YAML machine profiles without creating a VM — the checks
/// <c>New-PpcVm -Profile</c> makes (the schema of docs/profile-schema.md through
/// <see cref="MachineProfileLoader"/>, then the kernel file, see <see cref="ProfileKernelCheck"/>).
/// Outputs <c>$true</c>/<c>$false</c> per file like <c>Test-Path</c>, and writes each problem as a
/// non-terminating error with New-PpcVm's id and <c>file:line:column: reason</c> message (like
/// <c>Test-Json</c>); with <c>-Detailed</c> it outputs a <see cref="PpcProfileTestResult"/> per file
/// instead and writes no errors.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PpcVmProfile")]
[OutputType(typeof(bool))]
[OutputType(typeof(PpcProfileTestResult))]
public sealed class TestPpcVmProfileCommand : PSCmdlet
{
    /// <summary>Profile file path(s); wildcards expand to the files they match; relative paths resolve against the current location. Takes FileInfo objects from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Profile")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    /// <summary>Output a result object (path, validity, line, column, reason, error id, parsed profile) instead of a Boolean, and no errors.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (string full in Resolve())
        {
            PpcProfileTestResult result = Test(full, out ErrorCategory category, out Exception? exception);
            if (Detailed)
            {
                WriteObject(result);
                continue;
            }

            if (!result.IsValid)
            {
                WriteError(new ErrorRecord(exception, result.ErrorId, category, full));
            }

            WriteObject(result.IsValid);
        }
    }

    /// <summary>Literal paths as given; paths with wildcards expand to the files they match (none: the pattern itself, reported not found).</summary>
    private List<string> Resolve()
    {
        var paths = new List<string>();
        foreach (string p in Path)
        {
            if (WildcardPattern.ContainsWildcardCharacters(p))
            {
                try
                {
                    Collection<string> matches = SessionState.Path.GetResolvedProviderPathFromPSPath(p, out _);
                    if (matches.Count > 0)
                    {
                        paths.AddRange(matches);
                        continue;
                    }
                }
                catch (ItemNotFoundException)
                {
                }
            }

            paths.Add(this.ResolvePath(p));
        }

        return paths;
    }

    private static PpcProfileTestResult Test(string path, out ErrorCategory category, out Exception? exception)
    {
        category = ErrorCategory.NotSpecified;
        exception = null;
        if (!File.Exists(path))
        {
            var missing = new ProfileException(path, MachineProfileLoader.NoPosition, MachineProfileLoader.NoPosition, Directory.Exists(path) ? "file not found (the path is a directory)" : "file not found");
            category = ErrorCategory.ObjectNotFound;
            exception = missing;
            return new PpcProfileTestResult(path, null, missing, "PpcVirt.ProfileNotFound");
        }

        MachineProfile profile;
        string text;
        try
        {
            text = File.ReadAllText(path);
            profile = MachineProfileLoader.Parse(text, path, System.IO.Path.GetDirectoryName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new ProfileException(path, MachineProfileLoader.NoPosition, MachineProfileLoader.NoPosition, $"cannot read the file: {e.Message}");
            category = ErrorCategory.InvalidData;
            exception = unreadable;
            return new PpcProfileTestResult(path, null, unreadable, "PpcVirt.InvalidProfile");
        }
        catch (ProfileException e)
        {
            category = ErrorCategory.InvalidData;
            exception = e;
            return new PpcProfileTestResult(path, null, e, "PpcVirt.InvalidProfile");
        }

        if (ProfileKernelCheck.Check(profile, text) is ({ } problem, Errno errno))
        {
            bool missing = errno == Errno.ENOENT;
            category = missing ? ErrorCategory.ObjectNotFound : PpcErrors.CategoryOf(errno);
            exception = problem;
            return new PpcProfileTestResult(path, profile, problem, missing ? "PpcVirt.KernelNotFound" : "PpcVirt.InvalidKernelImage");
        }

        return new PpcProfileTestResult(path, profile, null, null);
    }
}
