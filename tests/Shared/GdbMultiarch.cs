using System.Diagnostics;
using Xunit;

namespace PpcVirt.Tests.Shared;

/// <summary>
/// Finds and runs Debian's gdb-multiarch in batch mode (the real GDB client). Shared source of the engine
/// and PowerShell test projects (linked into both).
/// </summary>
internal static class GdbMultiarch
{
    public static string? Path { get; } = Find();

    public static (int ExitCode, string Output) Run(string elf, int port, IEnumerable<string> commands)
    {
        var psi = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] prologue = ["-batch", "-nx", "-ex", "set pagination off", "-ex", "set confirm off", "-ex", "set architecture powerpc:common", "-ex", $"target remote 127.0.0.1:{port}"];
        foreach (string a in prologue)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string c in commands)
        {
            psi.ArgumentList.Add("-ex");
            psi.ArgumentList.Add(c);
        }

        psi.ArgumentList.Add(elf);
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        // Safety timeout only: a hung debugger must not hang the suite.
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    private static string? Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            string candidate = System.IO.Path.Combine(dir, "gdb-multiarch");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact skipped, with the reason, when gdb-multiarch is not on PATH (Debian package <c>gdb-multiarch</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GdbMultiarchFactAttribute : FactAttribute
{
    public GdbMultiarchFactAttribute()
    {
        if (GdbMultiarch.Path is null)
        {
            Skip = "gdb-multiarch is not installed (apt-get install gdb-multiarch)";
        }
    }
}
