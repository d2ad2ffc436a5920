namespace PpcVirt.PowerShell;

/// <summary>
/// What <c>Wait-PpcConsole</c> found: the text of the guest console that matched, where it lies in the
/// console output (byte offsets, Latin-1: one character per byte), and the regular-expression groups.
/// </summary>
public sealed class PpcConsoleMatch
{
    internal PpcConsoleMatch(string vmName, string pattern, string value, long offset, IReadOnlyDictionary<string, string> groups)
    {
        VmName = vmName;
        Pattern = pattern;
        Value = value;
        Offset = offset;
        Groups = groups;
    }

    /// <summary>The VM whose console matched.</summary>
    public string VmName { get; }

    /// <summary>The regular expression that matched.</summary>
    public string Pattern { get; }

    /// <summary>The matched text.</summary>
    public string Value { get; }

    /// <summary>Byte offset of the match in the VM's console output.</summary>
    public long Offset { get; }

    /// <summary>Byte offset just past the match (where the next Wait-PpcConsole of the VM starts searching).</summary>
    public long End => Offset + Value.Length;

    /// <summary>The groups of the match by name (numbered groups by their number; group 0 is the whole match).</summary>
    public IReadOnlyDictionary<string, string> Groups { get; }

    /// <summary>The matched text.</summary>
    public override string ToString() => Value;
}
