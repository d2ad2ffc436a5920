using System.Diagnostics;
using System.Security.Cryptography;

namespace PpcVirt.Engine.Tests.Guests;

/// <summary>
/// The Linux 6.1 Bamboo kernel the project builds itself (linux/build-bamboo-kernel.sh, cached
/// outside the repo). PPCVIRT_LINUX440_KERNEL names an already built vmlinux (build.ps1 sets it);
/// otherwise the script is run, which reuses its cache or builds (several minutes, once).
/// </summary>
internal static class LinuxKernel
{
    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    public static string GoldenLog => System.IO.Path.Combine(RepositoryPaths.Root, "linux", "golden", "boot-qemu.log");

    public static string GoldenSha256()
    {
        foreach (string line in File.ReadAllLines(GoldenLog + ".info"))
        {
            if (line.StartsWith("vmlinux_sha256=", StringComparison.Ordinal))
            {
                return line["vmlinux_sha256=".Length..];
            }
        }

        throw new InvalidOperationException("boot-qemu.log.info has no vmlinux_sha256 line.");
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("PPCVIRT_LINUX440_KERNEL");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        string script = System.IO.Path.Combine(RepositoryPaths.Root, "linux", "build-bamboo-kernel.sh");
        var psi = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({p.ExitCode}):\n{stderr.Result}");
        }

        string path = stdout.TrimEnd().Split('\n')[^1].Trim();
        return File.Exists(path) ? path : throw new FileNotFoundException($"{script} printed '{path}', which does not exist.");
    }
}
