using PpcVirt.Engine.Machines;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// A parsed YAML machine profile (docs/profile-schema.md): <c>apiVersion: ppcvirt.dev/v1</c>,
/// <c>kind: MachineProfile</c>. Relative paths are already resolved against the profile's folder.
/// </summary>
public sealed class MachineProfile
{
    /// <summary>The only apiVersion this release reads.</summary>
    public const string CurrentApiVersion = "ppcvirt.dev/v1";

    /// <summary>The only kind this release reads.</summary>
    public const string ProfileKind = "MachineProfile";

    /// <summary>
    /// Where the profile came from: the absolute file path for
    /// <see cref="MachineProfileLoader.LoadFile"/>, the caller's <c>sourcePath</c> for
    /// <see cref="MachineProfileLoader.Parse"/>; null for profiles built in code.
    /// </summary>
    public string? SourcePath { get; init; }

    /// <summary><c>metadata.name</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>metadata.description</c>, or null.</summary>
    public string? Description { get; init; }

    /// <summary><c>spec.machine</c>.</summary>
    public MachineType Machine { get; init; } = MachineType.Bamboo;

    /// <summary><c>spec.cpu</c>: CPU model name as <see cref="Cpu.CpuModel.All"/> spells it (default: the machine's CPU, 440EP for bamboo).</summary>
    public string Cpu { get; init; } = "440EP";

    /// <summary><c>spec.memory</c> in bytes (written with units, e.g. <c>128MiB</c>; see <see cref="ByteSize"/>); a multiple of 1 MiB.</summary>
    public long MemoryBytes { get; init; } = MachineOptions.DefaultMemoryBytes;

    /// <summary><c>spec.kernel</c>: absolute path of the ELF image, or null.</summary>
    public string? KernelPath { get; init; }

    /// <summary><c>spec.commandLine</c>.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary><c>spec.limits.maxInstructions</c> (0: none).</summary>
    public ulong MaxInstructions { get; init; }

    /// <summary><c>spec.limits.timeoutSeconds</c>: wall-clock limit in seconds, may be fractional (0: none).</summary>
    public double TimeoutSeconds { get; init; }

    /// <summary>Options to build the machine from this profile.</summary>
    public MachineOptions ToMachineOptions() => new()
    {
        Name = Name,
        Machine = Machine,
        Cpu = Cpu,
        MemoryBytes = MemoryBytes,
        KernelPath = KernelPath,
        CommandLine = CommandLine,
    };
}
