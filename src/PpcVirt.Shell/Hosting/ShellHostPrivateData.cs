namespace PpcVirt.Shell.Hosting;

/// <summary>
/// <c>$Host.PrivateData</c> of ppcvirt: lets script code capture what the host would print
/// (the compat <c>Out-String</c> runs <c>Out-Host</c> inside a capture).
/// </summary>
public sealed class ShellHostPrivateData
{
    private readonly ShellHostUserInterface _ui;

    internal ShellHostPrivateData(ShellHostUserInterface ui) => _ui = ui;

    /// <summary>Starts capturing host output (nestable).</summary>
    public void BeginCapture() => _ui.BeginCapture();

    /// <summary>Stops the innermost capture and returns what it collected.</summary>
    public string EndCapture() => _ui.EndCapture();
}
