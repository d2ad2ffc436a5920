using System.Globalization;
using System.Management.Automation.Host;
using System.Reflection;

namespace PpcVirt.Shell.Hosting;

/// <summary>The minimal PSHost of the <c>ppcvirt</c> executable: text output to stdout/stderr, input from stdin.</summary>
public sealed class ShellHost : PSHost
{
    private readonly ShellHostUserInterface _ui;

    /// <summary>Creates a host writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public ShellHost(TextWriter output, TextWriter error, TextReader input)
    {
        _ui = new ShellHostUserInterface(output, error, input);
    }

    /// <inheritdoc/>
    public override string Name => "ppcvirt";

    /// <inheritdoc/>
    public override Version Version { get; } = typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 1, 0);

    /// <inheritdoc/>
    public override Guid InstanceId { get; } = Guid.NewGuid();

    /// <inheritdoc/>
    public override PSHostUserInterface UI => _ui;

    /// <inheritdoc/>
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    /// <inheritdoc/>
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>The exit code a script asked for through <see cref="SetShouldExit"/>, or null.</summary>
    public int? ShouldExitCode { get; private set; }

    /// <summary>The host's UI, typed.</summary>
    public ShellHostUserInterface ShellUI => _ui;

    /// <summary>Informational version of the executable.</summary>
    public static string InformationalVersion =>
        typeof(ShellHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";

    /// <inheritdoc/>
    public override void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    /// <inheritdoc/>
    public override void EnterNestedPrompt() => throw new NotSupportedException("ppcvirt has no nested prompts.");

    /// <inheritdoc/>
    public override void ExitNestedPrompt() => throw new NotSupportedException("ppcvirt has no nested prompts.");

    /// <inheritdoc/>
    public override void NotifyBeginApplication()
    {
    }

    /// <inheritdoc/>
    public override void NotifyEndApplication()
    {
    }
}
