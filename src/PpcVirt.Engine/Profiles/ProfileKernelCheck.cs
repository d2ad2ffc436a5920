using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// The check <see cref="Machines.Machine.Create"/> makes of a profile's kernel when it loads it,
/// made without creating a machine (<c>Test-PpcVmProfile</c>): <c>spec.kernel</c> must be an
/// existing file holding a big-endian PowerPC ELF (<see cref="ElfImage.Load"/>). Problems are
/// <see cref="ProfileException"/>s at the position of the <c>spec.kernel</c> value.
/// </summary>
public static class ProfileKernelCheck
{
    /// <summary>Checks <paramref name="profile"/>'s kernel; null when it has none or it loads.</summary>
    /// <param name="profile">A profile <see cref="MachineProfileLoader"/> accepted.</param>
    /// <param name="yaml">The profile's text, to find the <c>spec.kernel</c> position (1:1 when not found).</param>
    /// <returns>
    /// Null, or the problem with <see cref="ProfileException.Reason"/> starting <c>spec.kernel:</c>
    /// and naming the errno: ENOENT (missing, or a directory), ENOEXEC (not a PowerPC ELF), EIO (unreadable).
    /// </returns>
    public static (ProfileException Problem, Errno Errno)? Check(MachineProfile profile, string yaml)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(yaml);
        if (profile.KernelPath is not { } kernel)
        {
            return null;
        }

        string path = profile.SourcePath ?? "<text>";
        if (Directory.Exists(kernel))
        {
            return (At(path, yaml, $"spec.kernel: '{kernel}' is a directory, not an ELF file (ENOENT)."), Errno.ENOENT);
        }

        if (!File.Exists(kernel))
        {
            return (At(path, yaml, $"spec.kernel: '{kernel}' does not exist (ENOENT)."), Errno.ENOENT);
        }

        try
        {
            ElfImage.Load(kernel);
            return null;
        }
        catch (KvmException e)
        {
            return (At(path, yaml, $"spec.kernel: {e.Message}"), e.Errno);
        }
    }

    private static ProfileException At(string path, string yaml, string reason)
    {
        (int line, int column) = KernelPosition(yaml);
        return new ProfileException(path, line, column, reason);
    }

    private static (int Line, int Column) KernelPosition(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0
                && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("spec"), out YamlNode? spec)
                && spec is YamlMappingNode specMap
                && specMap.Children.TryGetValue(new YamlScalarNode("kernel"), out YamlNode? kernel))
            {
                return ((int)kernel.Start.Line, (int)kernel.Start.Column);
            }
        }
        catch (YamlException)
        {
        }

        return (1, 1);
    }
}
