using System.Text;
using PpcVirt.Engine.Profiles;

namespace PpcVirt.Fuzz;

/// <summary>
/// Fuzzes <see cref="MachineProfileLoader.Parse"/>: mutated profile texts (YAML punctuation,
/// anchors, aliases, tags, directives, control characters, schema keys and values), decoded as
/// <see cref="File.ReadAllText(string)"/> decodes a file. Documented outcome: a profile, or a
/// <see cref="ProfileException"/> with a position (line and column ≥ 1) and the message
/// <c>path:line:column: reason</c>. Anything else — another exception, a crash — is a failure.
/// </summary>
public sealed class ProfileHarness : IFuzzHarness
{
    /// <summary>The source name the harness passes to the loader.</summary>
    public const string SourceName = "fuzz.yaml";

    /// <summary>Longest input generated, in bytes.</summary>
    public const int MaxInputBytes = 8192;

    private static readonly string[] s_tokens =
    [
        "&", "*", "!", "!!", "{", "}", "[", "]", ":", ": ", "- ", "-", "?", "? ", ",", "#", "|", ">", "'", "\"", "\\",
        "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "%TAG !! !\n", "---\n", "--- ", "...\n", "\n", "\n  ", "\n    ", "  ", "\t", "\r", "\r\n",
        "\0", "\u0001", "\u001b", "\u007f", "\u0085", "\u009f", "\u00a0", "\u2028", "\ufeff", "\ufffe", "\U0001F600",
        "&a ", "*a", "&a", "*a ", "&b [", "*b", "!!str ", "!!map ", "!!int ", "!<tag:yaml.org,2002:str> ", "!<x> ", "!!]", "!a!b ", "!%zz ", "!<%> ", "<<: ", "<<: *a",
        "~", "null", "''", "\"\\0\"", "\"\\x01\": ", "\"\\u0000\": x", "\"\\uD800\"", "\"\\N\"", "'it''s'",
        "apiVersion", "kind", "metadata", "spec", "name", "description", "machine", "cpu", "memory", "kernel", "commandLine",
        "limits", "maxInstructions", "timeoutSeconds", "ppcvirt.dev/v1", "MachineProfile", "bamboo", "440EP", "128MiB",
        "2GiB", "99999999999999999999GiB", "18446744073709551616", "-1", ".inf", ".nan", "1e308", "0x10", "/dev/null", "..", "C:\\x",
    ];

    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _dictionary;

    /// <summary>Creates the harness over the profile seeds of <paramref name="corpus"/>.</summary>
    public ProfileHarness(FuzzCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _seeds = corpus.Profiles;
        _dictionary = s_tokens.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <inheritdoc/>
    public long Accepted { get; private set; }

    /// <inheritdoc/>
    public string Name => "profile";

    /// <inheritdoc/>
    public byte[] Generate(FuzzRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (random.Next(16))
        {
            case 0:
            {
                // Token soup: a document made of dictionary tokens only.
                var text = new List<byte>();
                int n = 1 + random.Next(40);
                for (int i = 0; i < n; i++)
                {
                    text.AddRange(random.Pick(_dictionary));
                }

                return [.. text];
            }

            case 1:
            {
                // Deep nesting, flow or block.
                int depth = random.Next(1, 400);
                string open = random.Pick<string>(["[", "{", "- ", "a: {", "? ["]);
                string close = open switch { "[" => "]", "{" or "a: {" => "}", "? [" => "]", _ => string.Empty };
                var sb = new StringBuilder();
                sb.Insert(0, open, depth).Append('x').Insert(sb.Length, close, random.OneIn(3) ? depth / 2 : depth);
                return Encoding.UTF8.GetBytes(sb.ToString());
            }

            default:
                return Mutator.Mutate(random, random.Pick(_seeds), _seeds, _dictionary, MaxInputBytes, 4);
        }
    }

    /// <inheritdoc/>
    public string? Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string text;
        using (var reader = new StreamReader(new MemoryStream(input), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }

        try
        {
            MachineProfile profile = MachineProfileLoader.Parse(text, SourceName, "/fuzz");
            Accepted++;
            return profile.Name.Length == 0 ? "a profile was returned with an empty name" : null;
        }
        catch (ProfileException e)
        {
            if (e.Path != SourceName || e.Line < 1 || e.Column < 1)
            {
                return $"ProfileException without a position: path '{e.Path}', line {e.Line}, column {e.Column}: {e.Reason}";
            }

            string prefix = $"{SourceName}:{e.Line}:{e.Column}: ";
            return e.Message.StartsWith(prefix, StringComparison.Ordinal) && e.Reason.Length > 0
                ? null
                : $"ProfileException message '{e.Message}' does not read '{prefix}reason'";
        }
    }
}
