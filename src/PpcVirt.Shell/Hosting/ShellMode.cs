namespace PpcVirt.Shell.Hosting;

/// <summary>What ppcvirt was asked to do.</summary>
public enum ShellMode
{
    /// <summary>Print usage.</summary>
    Help,
    /// <summary>Print the version.</summary>
    Version,
    /// <summary>Run a script file with arguments.</summary>
    File,
    /// <summary>Run a command string.</summary>
    Command,
    /// <summary>Boot a machine profile (<c>ppcvirt run profile.yaml</c>) and exit by its exit reason.</summary>
    RunProfile,
}
