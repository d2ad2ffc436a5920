namespace PpcVirt.Engine.Tests.Guests;

/// <summary>
/// A golden UART transcript recorded on QEMU (<c>X.golden</c>) with its known-deviation list
/// (<c>X.deviations</c>: <c>line TAB qemu-text TAB architected-text TAB reason</c>). Where QEMU 7.2
/// departs from the Power ISA / PPC440 manual the architected text is what PpcVirt must print.
/// </summary>
internal sealed class GoldenFile
{
    private GoldenFile(string[] lines, Dictionary<int, (string Qemu, string Architected, string Reason)> deviations)
    {
        Lines = lines;
        Deviations = deviations;
    }

    public string[] Lines { get; }

    public Dictionary<int, (string Qemu, string Architected, string Reason)> Deviations { get; }

    public static GoldenFile Load(string goldenPath)
    {
        string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(goldenPath));
        var deviations = new Dictionary<int, (string, string, string)>();
        string devPath = Path.ChangeExtension(goldenPath, ".deviations");
        if (File.Exists(devPath))
        {
            foreach (string raw in File.ReadAllLines(devPath))
            {
                if (raw.Length == 0 || raw.StartsWith('#'))
                {
                    continue;
                }

                string[] parts = raw.Split('\t');
                deviations[int.Parse(parts[0])] = (parts[1], parts[2], parts.Length > 3 ? parts[3] : string.Empty);
            }
        }

        return new GoldenFile(text.Split('\n'), deviations);
    }

    /// <summary>What the architecture says the guest prints: QEMU's lines with the deviations replaced.</summary>
    public string[] Expected()
    {
        string[] expected = (string[])Lines.Clone();
        foreach ((int line, (string qemu, string architected, _)) in Deviations)
        {
            if (expected[line - 1] != qemu)
            {
                throw new InvalidOperationException($"deviation for line {line} does not match the golden text: '{expected[line - 1]}' vs '{qemu}'");
            }

            expected[line - 1] = architected;
        }

        return expected;
    }
}
