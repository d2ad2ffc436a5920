namespace PpcVirt.Shell.Hosting;

/// <summary>Finds the files ppcvirt imports: PpcVirt.psd1, the compat module and Pester-lite.</summary>
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

    /// <summary>The compat module (cmdlets missing when hosting bare System.Management.Automation).</summary>
    public static string CompatModulePath => Path.Combine(AppContext.BaseDirectory, "Compat", "PpcVirt.Compat.psm1");

    /// <summary>The Pester-lite runner module.</summary>
    public static string PesterLitePath => Path.Combine(AppContext.BaseDirectory, "PesterLite", "PesterLite.psm1");

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
