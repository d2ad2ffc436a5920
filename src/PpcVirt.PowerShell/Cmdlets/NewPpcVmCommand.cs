using System.Management.Automation;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Profiles;
using PpcVirt.PowerShell.Internal;

namespace PpcVirt.PowerShell;

/// <summary>
/// <c>New-PpcVm</c>: creates a machine from a YAML profile (<c>-Profile</c>) or from parameters
/// (<c>-Machine</c>, <c>-MemoryBytes</c>, …) and registers it in the process under a unique name.
/// </summary>
[Cmdlet(VerbsCommon.New, "PpcVm", DefaultParameterSetName = MachineSet, SupportsShouldProcess = true)]
[OutputType(typeof(PpcVm))]
public sealed class NewPpcVmCommand : PSCmdlet
{
    private const string MachineSet = "Machine";
    private const string ProfileSet = "Profile";

    /// <summary>Path of a YAML machine profile.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Path", "FullName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfilePathCompleter))]
    public string Profile { get; set; } = null!;

    /// <summary>Board model (default Bamboo).</summary>
    [Parameter(ParameterSetName = MachineSet)]
    public MachineType Machine { get; set; } = MachineType.Bamboo;

    /// <summary>Guest RAM in bytes (default 128MB).</summary>
    [Parameter(ParameterSetName = MachineSet)]
    [ValidateRange(1, long.MaxValue)]
    public long MemoryBytes { get; set; } = MachineOptions.DefaultMemoryBytes;

    /// <summary>CPU model name (default 440EP).</summary>
    [Parameter(ParameterSetName = MachineSet)]
    [ValidateNotNullOrEmpty]
    public string Cpu { get; set; } = "440EP";

    /// <summary>ELF kernel to load; with -Profile it overrides the profile's kernel.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KernelPath { get; set; }

    /// <summary>Kernel command line; with -Profile it overrides the profile's.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? CommandLine { get; set; }

    /// <summary>Unique VM name (default: the profile's name or the machine type, made unique).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        MachineProfile? profile = null;
        MachineOptions options;
        if (ParameterSetName == ProfileSet)
        {
            string profilePath = this.ResolvePath(Profile);
            if (!File.Exists(profilePath))
            {
                WriteError(Directory.Exists(profilePath)
                    ? PpcErrors.Create("PpcVirt.InvalidProfile", ErrorCategory.InvalidArgument, $"'{profilePath}' is a directory, not a machine profile (a YAML file).", profilePath)
                    : PpcErrors.Create("PpcVirt.ProfileNotFound", ErrorCategory.ObjectNotFound, $"The machine profile '{profilePath}' does not exist.", profilePath));
                return;
            }

            try
            {
                profile = PpcVirt.Engine.Profiles.MachineProfileLoader.LoadFile(profilePath);
            }
            catch (ProfileException ex)
            {
                WriteError(new ErrorRecord(ex, "PpcVirt.InvalidProfile", ErrorCategory.InvalidData, profilePath));
                return;
            }
            catch (FileNotFoundException ex)
            {
                WriteError(new ErrorRecord(ex, "PpcVirt.ProfileNotFound", ErrorCategory.ObjectNotFound, profilePath));
                return;
            }
            catch (NotImplementedException ex)
            {
                WriteError(new ErrorRecord(ex, "PpcVirt.ProfileLoaderUnavailable", ErrorCategory.NotImplemented, profilePath));
                return;
            }

            options = profile.ToMachineOptions();
        }
        else
        {
            options = new MachineOptions { Machine = Machine, MemoryBytes = MemoryBytes, Cpu = Cpu };
        }

        if (KernelPath is not null)
        {
            options.KernelPath = this.ResolvePath(KernelPath);
        }

        if (CommandLine is not null)
        {
            options.CommandLine = CommandLine;
        }

        string name;
        if (Name is not null)
        {
            if (PpcVmRegistry.Contains(Name))
            {
                WriteError(VmExists(Name));
                return;
            }

            name = Name;
        }
        else
        {
            name = PpcVmRegistry.UniqueName(profile?.Name ?? options.Machine.ToString().ToLowerInvariant());
        }

        options.Name = name;
        if (!ShouldProcess(name, $"Create {options.Machine} VM ({options.Cpu}, {options.MemoryBytes} bytes)"))
        {
            return;
        }

        if (options.KernelPath is { } dir && Directory.Exists(dir))
        {
            WriteError(PpcErrors.Create("PpcVirt.InvalidKernelImage", ErrorCategory.InvalidArgument, $"'{dir}' is a directory (EISDIR), not a kernel image: give the path of an ELF file.", dir));
            return;
        }

        if (options.KernelPath is { } kernel && !File.Exists(kernel))
        {
            WriteError(PpcErrors.FromKvm(new KvmException(Errno.ENOENT, "load kernel", $"'{kernel}' does not exist."), kernel, (Errno.ENOENT, "PpcVirt.KernelNotFound")));
            return;
        }

        Machine machine;
        try
        {
            machine = Engine.Machines.Machine.Create(options);
        }
        catch (KvmException ex)
        {
            WriteError(PpcErrors.FromKvm(ex, name, (Errno.EINVAL, "PpcVirt.InvalidMachineOptions"), (Errno.ENOENT, "PpcVirt.KernelNotFound")));
            return;
        }

        PpcVm? vm = PpcVmRegistry.TryAdd(name, machine, profile);
        if (vm is null)
        {
            machine.Dispose();
            WriteError(VmExists(name));
            return;
        }

        WriteObject(vm);
    }

    private static ErrorRecord VmExists(string name) =>
        PpcErrors.Create("PpcVirt.VmExists", ErrorCategory.ResourceExists, $"A VM named '{name}' already exists (EEXIST); choose another -Name or remove it with Remove-PpcVm.", name);
}
