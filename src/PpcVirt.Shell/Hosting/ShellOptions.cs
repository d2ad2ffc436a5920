namespace PpcVirt.Shell.Hosting;

/// <summary>The parsed ppcvirt command line.</summary>
public sealed class ShellOptions
{
    /// <summary>What to do.</summary>
    public ShellMode Mode { get; private init; }

    /// <summary>The script path (<see cref="ShellMode.File"/>).</summary>
    public string? FilePath { get; private init; }

    /// <summary>The command text (<see cref="ShellMode.Command"/>).</summary>
    public string? Command { get; private init; }

    /// <summary>Arguments for the script.</summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>A command-line error, or null.</summary>
    public string? Error { get; private init; }

    /// <summary>Usage text.</summary>
    public const string Usage = """
        Usage: ppcvirt run <profile.yaml> [-MaxInstructions <n>] [-TimeoutSeconds <s>] [-Interactive]
               ppcvirt [-File] <script.ps1> [args...]
               ppcvirt -Command <string>
               ppcvirt -Help | -Version

        One executable with PowerShell 7.6 and the PpcVirt module inside, for people without pwsh
        (with pwsh: Import-Module ./PpcVirt.psd1). `run` boots a YAML machine profile, streams the
        guest console, prints the exit and exits 0 when the guest ended with Reset or Shutdown.
        -NoProfile, -NonInteractive and -ExecutionPolicy <p> are accepted and ignored (pwsh compatibility).

        Exit code: the script's `exit N` when N is not 0; otherwise 1 when a terminating error
        occurred or any error record reached the error stream; 130 when stopped with Ctrl-C; else 0.
        Environment: PPCVIRT_MODULE = path of PpcVirt.psd1 (or its folder) to import.
        """;

    /// <summary>Parses the arguments.</summary>
    public static ShellOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "run")
        {
            return args.Count < 2
                ? new ShellOptions { Mode = ShellMode.Help, Error = "run needs a profile path." }
                : new ShellOptions { Mode = ShellMode.RunProfile, FilePath = args[1], Arguments = args.Skip(2).ToArray() };
        }

        int i = 0;
        while (i < args.Count)
        {
            string a = args[i];
            string key = a.StartsWith("--", StringComparison.Ordinal) ? a[1..] : a;
            switch (key.ToLowerInvariant())
            {
                case "-noprofile" or "-nop" or "-noninteractive" or "-noni" or "-nologo":
                    i++;
                    continue;
                case "-executionpolicy" or "-ep":
                    i += 2;
                    continue;
                case "-help" or "-h" or "-?" or "/?":
                    return new ShellOptions { Mode = ShellMode.Help };
                case "-version" or "-v":
                    return new ShellOptions { Mode = ShellMode.Version };
                case "-command" or "-c":
                    if (i + 1 >= args.Count)
                    {
                        return new ShellOptions { Mode = ShellMode.Help, Error = "-Command needs a command string." };
                    }

                    return new ShellOptions { Mode = ShellMode.Command, Command = string.Join(' ', args.Skip(i + 1)) };
                case "-file" or "-f":
                    if (i + 1 >= args.Count)
                    {
                        return new ShellOptions { Mode = ShellMode.Help, Error = "-File needs a script path." };
                    }

                    return new ShellOptions { Mode = ShellMode.File, FilePath = args[i + 1], Arguments = args.Skip(i + 2).ToArray() };
                default:
                    if (a.StartsWith('-'))
                    {
                        return new ShellOptions { Mode = ShellMode.Help, Error = $"Unknown option '{a}'." };
                    }

                    return new ShellOptions { Mode = ShellMode.File, FilePath = a, Arguments = args.Skip(i + 1).ToArray() };
            }
        }

        return new ShellOptions { Mode = ShellMode.Help, Error = "Nothing to run." };
    }
}
