using System.Globalization;
using System.Text.RegularExpressions;
using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Machines;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// Reads YAML machine profiles (<c>apiVersion: ppcvirt.dev/v1</c>, <c>kind: MachineProfile</c>;
/// the schema is docs/profile-schema.md) with YamlDotNet's representation model. Every problem is
/// a <see cref="ProfileException"/> carrying the file, the 1-based line and column of the
/// offending YAML and a reason: syntax errors at the position YamlDotNet reports, unknown and
/// duplicate keys at the key, wrong types and values at the value, missing required keys at the
/// mapping that should hold them. A missing or unreadable file has line and column 0.
/// Profiles are plain YAML: non-printable characters (YAML 1.2 §5.1), anchors, aliases, tags and
/// nesting deeper than <see cref="MaxNestingDepth"/> are refused at their position before
/// YamlDotNet builds a tree, so no text can make it recurse without end (issue 14), and every
/// parser failure, YamlDotNet's <c>ArgumentException</c>s included, is a <see cref="ProfileException"/>.
/// </summary>
public static partial class MachineProfileLoader
{
    /// <summary>Line and column reported when an error has no position in the YAML (e.g. file not found).</summary>
    public const int NoPosition = 0;

    /// <summary>Smallest RAM a Bamboo board takes: 1 MiB.</summary>
    public const long BambooMinMemoryBytes = ByteSize.MiB;

    /// <summary>Largest RAM a Bamboo board takes: 2 GiB (QEMU 7.2's limit for the 440EP SDRAM controller's four banks).</summary>
    public const long BambooMaxMemoryBytes = 2 * ByteSize.GiB;

    /// <summary>Granularity of <c>spec.memory</c>: 1 MiB.</summary>
    public const long MemoryGranularityBytes = ByteSize.MiB;

    /// <summary>
    /// Deepest nesting of mappings and sequences a profile may use, the root mapping counting as 1
    /// (the schema needs 3: the root, <c>spec</c>, <c>spec.limits</c>); deeper documents are
    /// refused before a tree is built.
    /// </summary>
    public const int MaxNestingDepth = 16;

    /// <summary>Reads and validates the profile file at <paramref name="path"/>; relative paths inside resolve against the file's folder.</summary>
    /// <param name="path">Profile path (relative paths resolve against the current directory).</param>
    /// <returns>The profile; <see cref="MachineProfile.SourcePath"/> is the absolute file path.</returns>
    /// <exception cref="ProfileException">The file is missing (reason "file not found", line/column 0), unreadable (line/column 0) or invalid (with position).</exception>
    public static MachineProfile LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ProfileException(full, NoPosition, NoPosition, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException(full, NoPosition, NoPosition, $"cannot read the file: {e.Message}");
        }

        return Parse(text, full, Path.GetDirectoryName(full));
    }

    /// <summary>Parses and validates profile text.</summary>
    /// <param name="yaml">The YAML document.</param>
    /// <param name="sourcePath">Name used in errors and stored as <see cref="MachineProfile.SourcePath"/> (a path, or e.g. <c>&lt;text&gt;</c>).</param>
    /// <param name="baseDirectory">Folder that relative paths (<c>spec.kernel</c>) resolve against; null: the current directory.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileException">The YAML is malformed, uses anchors, aliases, tags, non-printable characters or too deep nesting, or does not follow the schema; the only exception any text raises.</exception>
    public static MachineProfile Parse(string yaml, string sourcePath, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourcePath);
        return new Reader(sourcePath, baseDirectory).Read(yaml);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private sealed class Reader(string path, string? baseDirectory)
    {
        private static readonly string[] s_rootKeys = ["apiVersion", "kind", "metadata", "spec"];
        private static readonly string[] s_metadataKeys = ["name", "description"];
        private static readonly string[] s_specKeys = ["machine", "cpu", "memory", "kernel", "commandLine", "limits"];
        private static readonly string[] s_limitsKeys = ["maxInstructions", "timeoutSeconds"];

        private readonly string _path = path;
        private readonly string? _baseDirectory = baseDirectory;

        public MachineProfile Read(string yaml)
        {
            YamlNode root = LoadSingleDocument(yaml);
            if (root is not YamlMappingNode rootMap)
            {
                throw Fail(root, $"a profile must be a mapping with apiVersion, kind, metadata and spec; found {Describe(root)}.");
            }

            Dictionary<string, YamlNode> top = Keys(rootMap, string.Empty, s_rootKeys);

            string apiVersion = RequiredString(top, rootMap, "apiVersion", "apiVersion");
            if (apiVersion != MachineProfile.CurrentApiVersion)
            {
                throw Fail(top["apiVersion"], $"apiVersion: '{apiVersion}' is not supported; this release reads '{MachineProfile.CurrentApiVersion}'.");
            }

            string kind = RequiredString(top, rootMap, "kind", "kind");
            if (kind != MachineProfile.ProfileKind)
            {
                throw Fail(top["kind"], $"kind: '{kind}' is not supported; expected '{MachineProfile.ProfileKind}'.");
            }

            YamlMappingNode metadata = RequiredMapping(top, rootMap, "metadata", "metadata");
            Dictionary<string, YamlNode> meta = Keys(metadata, "metadata.", s_metadataKeys);
            string name = RequiredString(meta, metadata, "name", "metadata.name");
            if (!NamePattern().IsMatch(name))
            {
                throw Fail(meta["name"], $"metadata.name: '{name}' is not a valid name; use 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }

            string? description = OptionalString(meta, "description", "metadata.description");

            YamlMappingNode specNode = RequiredMapping(top, rootMap, "spec", "spec");
            Dictionary<string, YamlNode> spec = Keys(specNode, "spec.", s_specKeys);
            MachineType machine = ReadMachine(spec, specNode);
            string cpu = ReadCpu(spec, machine);
            long memory = ReadMemory(spec, machine);
            string? kernel = ReadKernel(spec);
            string commandLine = OptionalString(spec, "commandLine", "spec.commandLine") ?? string.Empty;

            ulong maxInstructions = 0;
            double timeoutSeconds = 0;
            if (spec.TryGetValue("limits", out YamlNode? limitsNode) && !IsNull(limitsNode))
            {
                if (limitsNode is not YamlMappingNode limitsMap)
                {
                    throw Fail(limitsNode, $"spec.limits: expected a mapping with maxInstructions and/or timeoutSeconds; found {Describe(limitsNode)}.");
                }

                Dictionary<string, YamlNode> limits = Keys(limitsMap, "spec.limits.", s_limitsKeys);
                maxInstructions = ReadCount(limits, "maxInstructions", "spec.limits.maxInstructions");
                timeoutSeconds = ReadSeconds(limits, "timeoutSeconds", "spec.limits.timeoutSeconds");
            }

            return new MachineProfile
            {
                SourcePath = _path,
                Name = name,
                Description = description,
                Machine = machine,
                Cpu = cpu,
                MemoryBytes = memory,
                KernelPath = kernel,
                CommandLine = commandLine,
                MaxInstructions = maxInstructions,
                TimeoutSeconds = timeoutSeconds,
            };
        }

        private YamlNode LoadSingleDocument(string yaml)
        {
            CheckCharacters(yaml);
            if (yaml.StartsWith('\uFEFF'))
            {
                // A byte order mark may start the stream (YAML 1.2 §5.2); YamlDotNet would read it as part of the first key.
                yaml = yaml[1..];
            }

            var scanner = new Scanner(new StringReader(yaml));
            List<ParsingEvent> events = ReadEvents(scanner);
            var stream = new YamlStream();
            try
            {
                stream.Load(new ParsingEventReplay(events));
            }
            catch (YamlException e)
            {
                string reason = e.Message.StartsWith("Duplicate key", StringComparison.Ordinal)
                    ? $"duplicate key '{e.Message["Duplicate key".Length..].Trim()}'."
                    : $"YAML syntax error: {e.Message}";
                throw new ProfileException(_path, (int)e.Start.Line, (int)e.Start.Column, reason);
            }
            catch (Exception e) when (e is not ProfileException and not OutOfMemoryException)
            {
                // The events passed every check above, so YamlDotNet should build the tree; if
                // its representation model still refuses them, report it rather than escape.
                throw new ProfileException(_path, 1, 1, $"YAML syntax error: the document cannot be read ({e.Message}).");
            }

            if (stream.Documents.Count == 0)
            {
                throw new ProfileException(_path, 1, 1, "the profile is empty; expected a mapping with apiVersion, kind, metadata and spec.");
            }

            if (stream.Documents.Count > 1)
            {
                throw Fail(stream.Documents[1].RootNode, "a profile file holds exactly one YAML document; found a second one.");
            }

            return stream.Documents[0].RootNode;
        }

        /// <summary>
        /// YAML 1.2 §5.1: a stream holds printable characters only (TAB, LF, CR, U+0020–U+007E,
        /// U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and paired surrogates; a BOM is allowed).
        /// YamlDotNet's scanner takes NUL for the end of the input and builds a broken event
        /// stream, so anything else is refused before it is parsed.
        /// </summary>
        private void CheckCharacters(string yaml)
        {
            int line = 1;
            int column = 1;
            for (int i = 0; i < yaml.Length; i++)
            {
                char c = yaml[i];
                bool printable = c is '\t' or '\n' or '\r' or '\u0085'
                    || (c >= '\u0020' && c <= '\u007E')
                    || (c >= '\u00A0' && c <= '\uD7FF')
                    || (c >= '\uE000' && c <= '\uFFFD');
                if (!printable && char.IsHighSurrogate(c) && i + 1 < yaml.Length && char.IsLowSurrogate(yaml[i + 1]))
                {
                    i++;
                    column++;
                    continue;
                }

                if (!printable)
                {
                    throw new ProfileException(_path, line, column, $"the character U+{(int)c:X4} is not allowed in YAML (control characters and unpaired surrogates are refused; write them as escapes in a double-quoted string).");
                }

                if (c == '\n' || (c == '\r' && (i + 1 == yaml.Length || yaml[i + 1] != '\n')))
                {
                    line++;
                    column = 1;
                }
                else if (c != '\r')
                {
                    column++;
                }
            }
        }

        /// <summary>
        /// Runs YamlDotNet's parser over the whole text and checks the event stream before any
        /// tree is built: anchors, aliases and explicit tags are refused (a profile needs none,
        /// and an alias cycle makes YamlDotNet's representation model recurse until the stack
        /// overflows), and nesting deeper than <see cref="MaxNestingDepth"/> is refused (the
        /// representation model recurses once per level). Every parser failure becomes a
        /// <see cref="ProfileException"/> at the position the parser reached.
        /// </summary>
        private List<ParsingEvent> ReadEvents(Scanner scanner)
        {
            var parser = new Parser(scanner);
            var events = new List<ParsingEvent>();
            int depth = 0;
            try
            {
                while (parser.MoveNext())
                {
                    ParsingEvent e = parser.Current!;
                    switch (e)
                    {
                        case AnchorAlias alias:
                            throw At(e, $"aliases are not supported in profiles (*{alias.Value}); write the value out.");
                        case NodeEvent { Anchor.IsEmpty: false } node:
                            throw At(e, $"anchors are not supported in profiles (&{node.Anchor}); remove the anchor.");
                        case NodeEvent { Tag.IsEmpty: false } node:
                            throw At(e, $"tags are not supported in profiles ({node.Tag}); scalars are read as text, so remove the tag.");
                    }

                    depth += e.NestingIncrease;
                    if (depth > MaxNestingDepth + 2)
                    {
                        throw At(e, $"the document nests deeper than {MaxNestingDepth} mappings or sequences.");
                    }

                    events.Add(e);
                }
            }
            catch (YamlException e)
            {
                throw new ProfileException(_path, (int)e.Start.Line, (int)e.Start.Column, $"YAML syntax error: {e.Message}");
            }
            catch (ArgumentException e)
            {
                // YamlDotNet validates tag handles and URIs with ArgumentException
                // ("Global tags must be valid URIs") from inside the parser, while the
                // offending token is the scanner's current one.
                Mark at = scanner.Current?.Start ?? scanner.CurrentPosition;
                string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
                throw new ProfileException(_path, (int)at.Line, (int)at.Column, $"YAML syntax error: invalid tag or token: {message}");
            }
            catch (Exception e) when (e is not ProfileException and not OutOfMemoryException)
            {
                // YamlDotNet's scanner can give up without a YamlException (e.g. an unclosed
                // flow sequence); report where it stopped.
                Mark at = scanner.CurrentPosition;
                throw new ProfileException(_path, (int)at.Line, (int)at.Column, "YAML syntax error: the document is malformed here (unclosed bracket or quote?).");
            }

            return events;
        }

        private ProfileException At(ParsingEvent e, string reason) => new(_path, (int)e.Start.Line, (int)e.Start.Column, reason);

        private Dictionary<string, YamlNode> Keys(YamlMappingNode map, string prefix, string[] allowed)
        {
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: not null } key)
                {
                    throw Fail(entry.Key, $"{(prefix.Length == 0 ? "keys" : prefix.TrimEnd('.') + ": keys")} must be plain strings; found {Describe(entry.Key)}.");
                }

                int control = key.Value.AsSpan().IndexOfAnyInRange('\u0000', '\u001F');
                if (control < 0)
                {
                    control = key.Value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F');
                }

                if (control >= 0)
                {
                    throw Fail(key, $"keys cannot contain control characters; this one has U+{(int)key.Value[control]:X4}.");
                }

                if (Array.IndexOf(allowed, key.Value) < 0)
                {
                    string where = prefix.Length == 0 ? "at the top level" : $"in {prefix.TrimEnd('.')}";
                    string hint = Suggest(key.Value, allowed);
                    throw Fail(key, $"unknown key '{key.Value}' {where}{hint}; allowed: {string.Join(", ", allowed)}.");
                }

                result[key.Value] = entry.Value;
            }

            return result;
        }

        private MachineType ReadMachine(Dictionary<string, YamlNode> spec, YamlMappingNode specNode)
        {
            string text = RequiredString(spec, specNode, "machine", "spec.machine");
            if (text.Length == 0 || char.IsAsciiDigit(text[0]) || text[0] is '-' or '+'
                || !Enum.TryParse(text, ignoreCase: true, out MachineType machine) || !Enum.IsDefined(machine))
            {
                throw Fail(spec["machine"], $"spec.machine: unknown machine '{text}'; known: {string.Join(", ", Enum.GetNames<MachineType>().Select(n => n.ToLowerInvariant()))}.");
            }

            return machine;
        }

        private string ReadCpu(Dictionary<string, YamlNode> spec, MachineType machine)
        {
            string? text = OptionalString(spec, "cpu", "spec.cpu");
            CpuFamily family = machine switch
            {
                MachineType.Bamboo => CpuFamily.Ppc440,
                _ => throw new InvalidOperationException($"No CPU family for machine {machine}."),
            };
            if (text is null)
            {
                return CpuModel.All.Values.First(m => m.Family == family).Name;
            }

            if (!CpuModel.All.TryGetValue(text, out CpuModel? model))
            {
                throw Fail(spec["cpu"], $"spec.cpu: unknown CPU model '{text}'; known: {string.Join(", ", CpuModel.All.Keys)}.");
            }

            if (model.Family != family)
            {
                throw Fail(spec["cpu"], $"spec.cpu: '{model.Name}' is a {model.Family} CPU; machine {machine.ToString().ToLowerInvariant()} needs a {family} CPU.");
            }

            return model.Name;
        }

        private long ReadMemory(Dictionary<string, YamlNode> spec, MachineType machine)
        {
            if (!spec.TryGetValue("memory", out YamlNode? node) || IsNull(node))
            {
                return MachineOptions.DefaultMemoryBytes;
            }

            string text = Scalar(node, "spec.memory", "a size such as 128MiB");
            if (!ByteSize.TryParse(text, out long bytes, out string? error))
            {
                throw Fail(node, $"spec.memory: {error}");
            }

            if (bytes == 0 || bytes % MemoryGranularityBytes != 0)
            {
                throw Fail(node, $"spec.memory: {text} ({bytes} bytes) is not a positive multiple of 1 MiB (1048576 bytes).");
            }

            (long min, long max) = machine switch
            {
                MachineType.Bamboo => (BambooMinMemoryBytes, BambooMaxMemoryBytes),
                _ => (MemoryGranularityBytes, long.MaxValue),
            };
            if (bytes < min || bytes > max)
            {
                throw Fail(node, $"spec.memory: {text} is out of range for machine {machine.ToString().ToLowerInvariant()} ({ByteSize.Format(min)} … {ByteSize.Format(max)}).");
            }

            return bytes;
        }

        private string? ReadKernel(Dictionary<string, YamlNode> spec)
        {
            string? text = OptionalString(spec, "kernel", "spec.kernel");
            if (text is null)
            {
                return null;
            }

            if (text.Length == 0 || text.Contains('\0'))
            {
                throw Fail(spec["kernel"], "spec.kernel: expected a file path; the value is empty or contains NUL.");
            }

            try
            {
                return Path.GetFullPath(text, _baseDirectory is null ? Directory.GetCurrentDirectory() : Path.GetFullPath(_baseDirectory));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw Fail(spec["kernel"], $"spec.kernel: '{text}' is not a valid path: {e.Message}");
            }
        }

        private ulong ReadCount(Dictionary<string, YamlNode> map, string key, string where)
        {
            if (!map.TryGetValue(key, out YamlNode? node) || IsNull(node))
            {
                return 0;
            }

            string text = Scalar(node, where, "a whole number (0 = no limit)");
            if (text.StartsWith('-'))
            {
                throw Fail(node, $"{where}: {text} is negative; use 0 for no limit or a positive whole number.");
            }

            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            {
                throw Fail(node, $"{where}: '{text}' is not a whole number (0 = no limit).");
            }

            return value;
        }

        private double ReadSeconds(Dictionary<string, YamlNode> map, string key, string where)
        {
            if (!map.TryGetValue(key, out YamlNode? node) || IsNull(node))
            {
                return 0;
            }

            string text = Scalar(node, where, "a number of seconds (0 = no limit)");
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw Fail(node, $"{where}: '{text}' is not a number of seconds (0 = no limit).");
            }

            if (value < 0)
            {
                throw Fail(node, $"{where}: {text} is negative; use 0 for no limit or a positive number of seconds.");
            }

            return value;
        }

        private string RequiredString(Dictionary<string, YamlNode> map, YamlMappingNode parent, string key, string where)
        {
            if (!map.TryGetValue(key, out YamlNode? node))
            {
                throw Fail(parent, $"missing required key '{where}'.");
            }

            if (IsNull(node))
            {
                throw Fail(node, $"{where}: a value is required.");
            }

            string text = Scalar(node, where, "a string");
            if (text.Length == 0)
            {
                throw Fail(node, $"{where}: the value cannot be empty.");
            }

            return text;
        }

        private string? OptionalString(Dictionary<string, YamlNode> map, string key, string where) =>
            map.TryGetValue(key, out YamlNode? node) && !IsNull(node) ? Scalar(node, where, "a string") : null;

        private YamlMappingNode RequiredMapping(Dictionary<string, YamlNode> map, YamlMappingNode parent, string key, string where)
        {
            if (!map.TryGetValue(key, out YamlNode? node))
            {
                throw Fail(parent, $"missing required key '{where}'.");
            }

            return node as YamlMappingNode ?? throw Fail(node, $"{where}: expected a mapping; found {Describe(node)}.");
        }

        private string Scalar(YamlNode node, string where, string expected) =>
            node is YamlScalarNode { Value: not null } s ? s.Value : throw Fail(node, $"{where}: expected {expected}; found {Describe(node)}.");

        private ProfileException Fail(YamlNode node, string reason) => new(_path, (int)node.Start.Line, (int)node.Start.Column, reason);

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain } s && s.Tag.IsEmpty && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a sequence",
            YamlScalarNode s when IsNull(s) => "nothing (null)",
            YamlScalarNode s => $"the scalar '{s.Value}'",
            _ => node.NodeType.ToString().ToLowerInvariant(),
        };

        private static string Suggest(string key, string[] allowed)
        {
            foreach (string a in allowed)
            {
                if (string.Equals(a, key, StringComparison.OrdinalIgnoreCase))
                {
                    return $" (did you mean '{a}'? keys are case-sensitive)";
                }
            }

            return string.Empty;
        }
    }
}
