namespace PpcVirt.Engine.Profiles;

/// <summary>
/// A machine profile that cannot be used: where (file, 1-based line and column) and why. The
/// message reads <c>path:line:column: reason</c>. Line and column are 0
/// (<see cref="MachineProfileLoader.NoPosition"/>) when the problem has no place in the YAML,
/// e.g. reason <c>file not found</c>.
/// </summary>
public sealed class ProfileException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="path">Profile file path (or <c>&lt;text&gt;</c>).</param>
    /// <param name="line">1-based line; 0 when there is no position.</param>
    /// <param name="column">1-based column; 0 when there is no position.</param>
    /// <param name="reason">What is wrong.</param>
    public ProfileException(string path, int line, int column, string reason)
        : base($"{path}:{line}:{column}: {reason}")
    {
        Path = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Profile file path.</summary>
    public string Path { get; }

    /// <summary>1-based line of the offending YAML (0: no position).</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending YAML (0: no position).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
