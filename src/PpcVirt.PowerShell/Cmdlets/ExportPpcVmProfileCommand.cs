using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using PpcVirt.Engine.Profiles;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>Export-PpcVmProfile</c>: writes a VM back as a YAML machine profile (docs/profile-schema.md)
/// that <c>New-PpcVm -Profile</c> recreates with the same machine, CPU, memory, kernel, command
/// line, limits and description (see <see cref="MachineProfileWriter"/>). <c>metadata.name</c> is
/// the VM's name. With <c>-Path</c> the file is written (the kernel path relative to its folder
/// when the kernel lies under it, else absolute); without, the YAML text is output (kernel absolute).
/// </summary>
[Cmdlet(VerbsData.Export, "PpcVmProfile", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
[OutputType(typeof(FileInfo))]
public sealed partial class ExportPpcVmProfileCommand : PSCmdlet
{
    /// <summary>The VM (a name or id also works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [PpcVmTransformation]
    [ValidateNotNull]
    public PpcVm Vm { get; set; } = null!;

    /// <summary>The YAML file to write (replaced if it exists, unless -NoClobber); without it the YAML is output as a string.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Refuse to replace an existing file (<c>PpcVirt.ProfileExists</c>).</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>With -Path, output the written file (FileInfo).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!this.CheckUsable(Vm))
        {
            return;
        }

        string? path = Path is null ? null : this.ResolvePath(Path);
        string name = Vm.Name;
        if (!NamePattern().IsMatch(name))
        {
            string fixedName = ProfileName(name);
            WriteWarning($"VM name '{name}' is not a valid metadata.name (1–63 letters, digits, '.', '_' or '-'); the profile uses '{fixedName}'.");
            name = fixedName;
        }

        var profile = new MachineProfile
        {
            Name = name,
            Description = Vm.Profile?.Description,
            Machine = Vm.Machine,
            Cpu = Vm.Cpu,
            MemoryBytes = Vm.MemoryBytes,
            KernelPath = Vm.KernelPath,
            CommandLine = Vm.CommandLine,
            MaxInstructions = Vm.Profile?.MaxInstructions ?? 0,
            TimeoutSeconds = Vm.Profile?.TimeoutSeconds ?? 0,
        };

        string yaml;
        try
        {
            yaml = MachineProfileWriter.ToYaml(profile, path is null ? null : System.IO.Path.GetDirectoryName(path));
        }
        catch (ProfileException ex)
        {
            WriteError(PpcErrors.Create("PpcVirt.ProfileExportFailed", ErrorCategory.InvalidData, $"VM '{Vm.Name}' cannot be written as a profile: {ex.Reason}", Vm, ex));
            return;
        }

        if (path is null)
        {
            WriteObject(yaml);
            return;
        }

        if (NoClobber && File.Exists(path))
        {
            WriteError(PpcErrors.Create("PpcVirt.ProfileExists", ErrorCategory.ResourceExists, $"The file '{path}' exists (EEXIST) and -NoClobber was given.", path));
            return;
        }

        if (!ShouldProcess(path, $"Export VM '{Vm.Name}' as a machine profile"))
        {
            return;
        }

        try
        {
            File.WriteAllText(path, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, "PpcVirt.ProfileWriteFailed", ErrorCategory.WriteError, path));
            return;
        }

        if (PassThru)
        {
            WriteObject(new FileInfo(path));
        }
    }

    /// <summary>A valid metadata.name from a VM name: invalid characters become '-', at most 63 characters.</summary>
    private static string ProfileName(string vmName)
    {
        var b = new StringBuilder(vmName.Length);
        foreach (char c in vmName)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        if (b.Length == 0 || !char.IsAsciiLetterOrDigit(b[0]))
        {
            b.Insert(0, "vm");
        }

        return b.Length > 63 ? b.ToString(0, 63) : b.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
