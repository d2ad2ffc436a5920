using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// Writes a <see cref="MachineProfile"/> as a YAML profile (docs/profile-schema.md) that
/// <see cref="MachineProfileLoader"/> reads back to the same values: every key of the schema is
/// written (<c>metadata.description</c> and <c>spec.kernel</c> only when set), strings
/// double-quoted so no value is mistaken for null or a number, <c>spec.memory</c> with the
/// largest exact binary unit (<see cref="ByteSize.Format"/>), and <c>spec.kernel</c> relative to
/// the profile's folder when the kernel lies under it (forward slashes), else absolute.
/// Emitted with YamlDotNet's representation model.
/// </summary>
public static class MachineProfileWriter
{
    /// <summary>The comment line the written YAML starts with.</summary>
    public const string HeaderComment = "# PpcVirt machine profile (schema: docs/profile-schema.md)";

    /// <summary>Formats <paramref name="profile"/> as profile YAML.</summary>
    /// <param name="profile">The profile; <see cref="MachineProfile.SourcePath"/> is not written.</param>
    /// <param name="profileDirectory">
    /// The folder the YAML will be saved in: a kernel path under it is written relative to it.
    /// Null: the kernel path is written absolute.
    /// </param>
    /// <returns>The YAML text (LF line ends, ending with a newline).</returns>
    /// <exception cref="ProfileException">
    /// The profile would not load back (e.g. a name that is not 1–63 letters, digits, '.', '_' or '-',
    /// memory that is not a multiple of 1 MiB); the position is in the written YAML, path <c>&lt;export&gt;</c>.
    /// </exception>
    public static string ToYaml(MachineProfile profile, string? profileDirectory)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var metadata = new YamlMappingNode { { "name", Quoted(profile.Name) } };
        if (profile.Description is { } description)
        {
            metadata.Add("description", Quoted(description));
        }

        var spec = new YamlMappingNode
        {
            { "machine", Plain(profile.Machine.ToString().ToLowerInvariant()) },
            { "cpu", Plain(profile.Cpu) },
            { "memory", Plain(ByteSize.Format(profile.MemoryBytes)) },
        };
        if (profile.KernelPath is { } kernel)
        {
            spec.Add("kernel", Quoted(KernelPathFor(kernel, profileDirectory)));
        }

        spec.Add("commandLine", Quoted(profile.CommandLine));
        spec.Add("limits", new YamlMappingNode
        {
            { "maxInstructions", Plain(profile.MaxInstructions.ToString(CultureInfo.InvariantCulture)) },
            { "timeoutSeconds", Plain(Seconds(profile.TimeoutSeconds)) },
        });

        var root = new YamlMappingNode
        {
            { "apiVersion", Plain(MachineProfile.CurrentApiVersion) },
            { "kind", Plain(MachineProfile.ProfileKind) },
            { "metadata", metadata },
            { "spec", spec },
        };

        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.WriteLine(HeaderComment);
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        string yaml = text.ToString();

        // YamlDotNet ends a document with "...": drop the explicit end marker for a plain file.
        if (yaml.EndsWith("...\n", StringComparison.Ordinal))
        {
            yaml = yaml[..^4];
        }

        if (!yaml.EndsWith('\n'))
        {
            yaml += "\n";
        }

        MachineProfileLoader.Parse(yaml, "<export>", profileDirectory);
        return yaml;
    }

    /// <summary>
    /// The <c>spec.kernel</c> value for <paramref name="kernelPath"/>: relative to
    /// <paramref name="profileDirectory"/> (with <c>/</c>) when the kernel is inside it, else the absolute path.
    /// </summary>
    public static string KernelPathFor(string kernelPath, string? profileDirectory)
    {
        ArgumentNullException.ThrowIfNull(kernelPath);
        string full = Path.GetFullPath(kernelPath);
        if (profileDirectory is null)
        {
            return full;
        }

        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(profileDirectory)) + Path.DirectorySeparatorChar;
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.StartsWith(folder, comparison)
            ? full[folder.Length..].Replace(Path.DirectorySeparatorChar, '/')
            : full;
    }

    private static string Seconds(double seconds)
    {
        string r = seconds.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('E', StringComparison.Ordinal) ? ((decimal)seconds).ToString(CultureInfo.InvariantCulture) : r;
    }

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };
}
