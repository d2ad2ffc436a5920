using PpcVirt.Engine.Profiles;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Temporary stand-in for <c>PpcVirt.Engine.Profiles.MachineProfileLoader.LoadFile(string)</c>
/// until the engine's YAML profile loader lands. Replace calls with the real loader then.
/// </summary>
internal static class ProfileLoaderShim
{
    /// <summary>Loads a machine profile (not available yet).</summary>
    /// <exception cref="NotImplementedException">Always, until the engine loader lands.</exception>
    public static MachineProfile LoadFile(string path) =>
        throw new NotImplementedException($"Machine profiles cannot be loaded yet (MachineProfileLoader is not in the engine): '{path}'.");
}
