using PpcVirt.Shell.Hosting;

namespace PpcVirt.Shell;

/// <summary>The <c>ppcvirt</c> executable: PowerShell with the PpcVirt module, in-process.</summary>
public static class Program
{
    /// <summary>Entry point; see <see cref="ShellOptions.Usage"/>.</summary>
    public static int Main(string[] args)
    {
        var runner = new ShellRunner(Console.Out, Console.Error, Console.In);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            runner.Stop();
        };
        return runner.Run(args);
    }
}
