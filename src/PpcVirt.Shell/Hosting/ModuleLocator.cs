namespace PpcVirt.Shell.Hosting;

/// <summary>Finds the module manifest ppcvirt imports (PpcVirt.psd1).</summary>
public static class ModuleLocator
{
    /// <summary>The manifest file name.</summary>
    public const string ManifestName = "PpcVirt.psd1";

    /// <summary>
    /// PpcVirt.psd1: from PPCVIRT_MODULE (file or folder), next to the executable, or in the nearest
    /// folder walking up from the current directory, then from the executable's folder. Null if none.
    /// </summary>
    public static string? FindManifest()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("PPCVIRT_MODULE");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            string full = Path.GetFullPath(fromEnv);
            if (File.Exists(full))
            {
                return full;
            }

            if (File.Exists(Path.Combine(full, ManifestName)))
            {
                return Path.Combine(full, ManifestName);
            }
        }

        string baseDir = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(baseDir, ManifestName)))
        {
            return Path.Combine(baseDir, ManifestName);
        }

        return WalkUp(Environment.CurrentDirectory) ?? WalkUp(baseDir);
    }

    private static string? WalkUp(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ManifestName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
