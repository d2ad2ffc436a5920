using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Profiles;
using Xunit;

namespace PpcVirt.Engine.Tests.Profiles;

public sealed class MachineProfileLoaderTests
{
    private const string Source = "test.yaml";

    private const string Good = """
        apiVersion: ppcvirt.dev/v1
        kind: MachineProfile
        metadata:
          name: bamboo-440
          description: test board
        spec:
          machine: Bamboo
          cpu: 440ep
          memory: 256MiB
          kernel: guests/hello.elf
          commandLine: "console=ttyS0,115200"
          limits:
            maxInstructions: 1000000
            timeoutSeconds: 2.5
        """;

    [Fact]
    public void Parse_GoodProfile()
    {
        string baseDir = Path.Combine(Path.GetTempPath(), "profiles");
        MachineProfile p = MachineProfileLoader.Parse(Good, Source, baseDir);

        Assert.Equal(Source, p.SourcePath);
        Assert.Equal("bamboo-440", p.Name);
        Assert.Equal("test board", p.Description);
        Assert.Equal(MachineType.Bamboo, p.Machine);
        Assert.Equal("440EP", p.Cpu);
        Assert.Equal(256L << 20, p.MemoryBytes);
        Assert.Equal(Path.Combine(baseDir, "guests", "hello.elf"), p.KernelPath);
        Assert.Equal("console=ttyS0,115200", p.CommandLine);
        Assert.Equal(1_000_000UL, p.MaxInstructions);
        Assert.Equal(2.5, p.TimeoutSeconds);

        MachineOptions o = p.ToMachineOptions();
        Assert.Equal(256L << 20, o.MemoryBytes);
        Assert.Equal("bamboo-440", o.Name);
    }

    [Fact]
    public void Parse_MinimalProfile_UsesDefaults()
    {
        MachineProfile p = MachineProfileLoader.Parse(
            "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata:\n  name: m\nspec:\n  machine: bamboo\n  kernel: ~\n  limits:\n",
            Source,
            null);

        Assert.Equal("440EP", p.Cpu);
        Assert.Equal(MachineOptions.DefaultMemoryBytes, p.MemoryBytes);
        Assert.Null(p.KernelPath);
        Assert.Null(p.Description);
        Assert.Equal(string.Empty, p.CommandLine);
        Assert.Equal(0UL, p.MaxInstructions);
        Assert.Equal(0, p.TimeoutSeconds);
    }

    [Fact]
    public void Parse_RelativeKernelWithoutBaseDirectory_UsesCurrentDirectory()
    {
        MachineProfile p = MachineProfileLoader.Parse(
            "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata: {name: m}\nspec: {machine: bamboo, kernel: k.elf}\n", Source, null);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "k.elf"), p.KernelPath);
    }

    [Fact]
    public void LoadFile_ExampleProfile()
    {
        string root = RepositoryRoot();
        MachineProfile p = MachineProfileLoader.LoadFile(Path.Combine(root, "examples", "profiles", "bamboo-440.yaml"));

        Assert.Equal(Path.Combine(root, "examples", "profiles", "bamboo-440.yaml"), p.SourcePath);
        Assert.Equal("bamboo-440", p.Name);
        Assert.Equal(MachineType.Bamboo, p.Machine);
        Assert.Equal(128L << 20, p.MemoryBytes);
        Assert.Equal(Path.Combine(root, "tests", "guests", "bamboo", "hello.elf"), p.KernelPath);
        Assert.Equal("console=ttyS0,115200", p.CommandLine);
        Assert.Equal(60, p.TimeoutSeconds);
    }

    [Fact]
    public void LoadFile_Missing_HasNoPosition()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ppcvirt-{Guid.NewGuid():N}", "none.yaml");
        ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.LoadFile(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(0, e.Line);
        Assert.Equal(0, e.Column);
        Assert.Equal("file not found", e.Reason);
        Assert.Equal($"{path}:0:0: file not found", e.Message);
    }

    [Fact]
    public void LoadFile_ErrorCarriesFilePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ppcvirt-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "apiVersion: ppcvirt.dev/v2\n");
        try
        {
            ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.LoadFile(path));
            Assert.Equal(path, e.Path);
            Assert.StartsWith($"{path}:1:13: apiVersion:", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, int, int, string> BadProfiles => new()
    {
        // YAML syntax
        { "apiVersion: [ppcvirt\nkind: x\n", 2, 1, "YAML syntax error" },
        { "apiVersion: 'unterminated\n", 1, 13, "YAML syntax error" },
        { "a: b: c\n", 1, 5, "YAML syntax error" },
        { "apiVersion: ppcvirt.dev/v1\n\tkind: x\n", 1, 13, "YAML syntax error" },
        { "x: *nowhere\n", 1, 4, "aliases are not supported in profiles (*nowhere)" },
        // issue 14: inputs that crashed the process or escaped as other exceptions
        { "*a : 1\nb: &a x\n", 1, 1, "aliases are not supported in profiles (*a)" },
        { "{*a : 1, &a b: 2}", 1, 2, "aliases are not supported in profiles (*a)" },
        { "\0: d", 1, 1, "the character U+0000 is not allowed" },
        { ": !!]", 1, 3, "YAML syntax error: invalid tag or token: Global tags must be valid URIs." },
        // anchors, tags, control characters, nesting
        { Spec("  machine: &m bamboo\n"), 6, 12, "anchors are not supported in profiles (&m)" },
        { Spec("  machine: !!str bamboo\n"), 6, 12, "tags are not supported in profiles (tag:yaml.org,2002:str)" },
        { Spec("  machine: !local bamboo\n"), 6, 12, "tags are not supported in profiles (!local)" },
        { Spec("  machine: bamboo\n  commandLine: \"a\u0007b\"\n"), 7, 18, "the character U+0007 is not allowed" },
        { Spec("  machine: bamboo\n  \"kernel\\0\": x\n"), 7, 3, "keys cannot contain control characters; this one has U+0000" },
        { Spec("  machine: bamboo\n  \"\\x1b[31m\": x\n"), 7, 3, "keys cannot contain control characters; this one has U+001B" },
        { "apiVersion: x\r\nkind: \u0085\u0001\n", 2, 8, "the character U+0001 is not allowed" },
        { "a: " + new string('[', 17) + new string(']', 17) + "\n", 1, 19, "nests deeper than 16 mappings or sequences" },
        // shape of the document
        { "", 1, 1, "the profile is empty" },
        { "- a\n- b\n", 1, 1, "a profile must be a mapping" },
        { "apiVersion: ppcvirt.dev/v1\n---\nkind: x\n", 3, 1, "exactly one YAML document" },
        // duplicate and unknown keys
        { "apiVersion: ppcvirt.dev/v1\napiVersion: ppcvirt.dev/v1\n", 2, 1, "duplicate key 'apiVersion'" },
        { Spec("  machine: bamboo\n  memory: 1MiB\n  memory: 2MiB\n"), 8, 3, "duplicate key 'memory'" },
        { "apiversion: ppcvirt.dev/v1\n", 1, 1, "unknown key 'apiversion' at the top level (did you mean 'apiVersion'?" },
        { Head + "metadata:\n  name: a\n  labels: x\nspec:\n  machine: bamboo\n", 5, 3, "unknown key 'labels' in metadata" },
        { Spec("  machine: bamboo\n  ram: 1MiB\n"), 7, 3, "unknown key 'ram' in spec; allowed: machine, cpu, memory, kernel, commandLine, limits" },
        { Spec("  machine: bamboo\n  limits:\n    steps: 3\n"), 8, 5, "unknown key 'steps' in spec.limits" },
        { Spec("  machine: bamboo\n  ? [a]\n  : 1\n"), 7, 5, "keys must be plain strings" },
        // missing required keys: at the parent mapping
        { "kind: MachineProfile\n", 1, 1, "missing required key 'apiVersion'" },
        { "apiVersion: ppcvirt.dev/v1\n", 1, 1, "missing required key 'kind'" },
        { Head + "spec:\n  machine: bamboo\n", 1, 1, "missing required key 'metadata'" },
        { Head + "metadata:\n  description: d\nspec:\n  machine: bamboo\n", 4, 3, "missing required key 'metadata.name'" },
        { Head + "metadata:\n  name: a\n", 1, 1, "missing required key 'spec'" },
        { Head + "metadata:\n  name: a\nspec:\n  cpu: 440EP\n", 6, 3, "missing required key 'spec.machine'" },
        // wrong apiVersion / kind
        { "apiVersion: ppcvirt.dev/v2\nkind: MachineProfile\n", 1, 13, "apiVersion: 'ppcvirt.dev/v2' is not supported" },
        { "apiVersion: ppcvirt.dev/v1\nkind: Machine\n", 2, 7, "kind: 'Machine' is not supported; expected 'MachineProfile'" },
        // wrong types and values: at the value
        { "apiVersion: ppcvirt.dev/v1\nkind: [MachineProfile]\n", 2, 7, "kind: expected a string; found a sequence" },
        { Head + "metadata: bamboo\nspec:\n  machine: bamboo\n", 3, 11, "metadata: expected a mapping; found the scalar 'bamboo'" },
        { Head + "metadata:\n  name:\nspec:\n  machine: bamboo\n", 4, 8, "metadata.name: a value is required" },
        { Head + "metadata:\n  name: 'bad name!'\nspec:\n  machine: bamboo\n", 4, 9, "metadata.name: 'bad name!' is not a valid name" },
        { Spec("  machine: g3beige\n"), 6, 12, "spec.machine: unknown machine 'g3beige'; known: bamboo" },
        { Spec("  machine: 0\n"), 6, 12, "spec.machine: unknown machine '0'" },
        { Spec("  machine: {a: 1}\n"), 6, 12, "spec.machine: expected a string; found a mapping" },
        { Spec("  machine: bamboo\n  cpu: 970\n"), 7, 8, "spec.cpu: unknown CPU model '970'; known: 440EP" },
        { Spec("  machine: bamboo\n  memory: -128MiB\n"), 7, 11, "spec.memory: '-128MiB' is negative" },
        { Spec("  machine: bamboo\n  memory: 1000000\n"), 7, 11, "spec.memory: 1000000 (1000000 bytes) is not a positive multiple of 1 MiB" },
        { Spec("  machine: bamboo\n  memory: 0\n"), 7, 11, "is not a positive multiple of 1 MiB" },
        { Spec("  machine: bamboo\n  memory: 128MB\n"), 7, 11, "spec.memory: '128MB': the unit 'MB' is ambiguous" },
        { Spec("  machine: bamboo\n  memory: 128 mebibytes\n"), 7, 11, "has the unknown unit 'mebibytes'" },
        { Spec("  machine: bamboo\n  memory: 1.5GiB\n"), 7, 11, "is not a whole number" },
        { Spec("  machine: bamboo\n  memory: lots\n"), 7, 11, "does not start with a decimal number" },
        { Spec("  machine: bamboo\n  memory: 4GiB\n"), 7, 11, "spec.memory: 4GiB is out of range for machine bamboo (1MiB … 2GiB)" },
        { Spec("  machine: bamboo\n  memory: 99999999999999999999GiB\n"), 7, 11, "is too large" },
        { Spec("  machine: bamboo\n  memory: [1]\n"), 7, 11, "spec.memory: expected a size such as 128MiB; found a sequence" },
        { Spec("  machine: bamboo\n  kernel: ''\n"), 7, 11, "spec.kernel: expected a file path" },
        { Spec("  machine: bamboo\n  commandLine: {a: b}\n"), 7, 16, "spec.commandLine: expected a string; found a mapping" },
        { Spec("  machine: bamboo\n  limits: 5\n"), 7, 11, "spec.limits: expected a mapping" },
        { Spec("  machine: bamboo\n  limits:\n    maxInstructions: -1\n"), 8, 22, "spec.limits.maxInstructions: -1 is negative" },
        { Spec("  machine: bamboo\n  limits:\n    maxInstructions: 1e6\n"), 8, 22, "spec.limits.maxInstructions: '1e6' is not a whole number" },
        { Spec("  machine: bamboo\n  limits:\n    timeoutSeconds: -5\n"), 8, 21, "spec.limits.timeoutSeconds: -5 is negative" },
        { Spec("  machine: bamboo\n  limits:\n    timeoutSeconds: soon\n"), 8, 21, "spec.limits.timeoutSeconds: 'soon' is not a number of seconds" },
        { Spec("  machine: bamboo\n  limits:\n    timeoutSeconds: .inf\n"), 8, 21, "is not a number of seconds" },
    };

    [Fact]
    public void Parse_VeryDeepNesting_IsRefusedWithoutCrashing()
    {
        // YamlDotNet's representation model recurses once per level; 200 000 levels would
        // overflow the stack if they reached it.
        string yaml = new string('[', 200_000) + new string(']', 200_000);
        ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.Parse(yaml, Source, null));
        Assert.Equal((1, 17), (e.Line, e.Column));
        Assert.Contains("nests deeper than 16", e.Reason);
    }

    [Fact]
    public void Parse_AliasCycles_AreRefusedWithoutCrashing()
    {
        // An alias used as a key before its anchor, and one inside its own anchored node.
        foreach (string yaml in new[] { "*a : 1\nb: &a x\n", "{*a : 1, &a b: 2}", "&a [*a]", "&a {x: *a}", "a: &a\n  b: *a\n" })
        {
            ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.Parse(yaml, Source, null));
            Assert.True(e.Line >= 1 && e.Column >= 1, yaml);
            Assert.Matches("^(aliases|anchors) are not supported in profiles", e.Reason);
        }
    }

    [Fact]
    public void Parse_UnpairedSurrogate_IsRefused()
    {
        ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.Parse("a: b\nc: x\uD800\n", Source, null));
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.StartsWith("the character U+D800 is not allowed", e.Reason);
    }

    [Fact]
    public void Parse_AllowsPrintableUnicodeAndABom()
    {
        MachineProfile p = MachineProfileLoader.Parse("\uFEFF" + Spec("  machine: bamboo\n  commandLine: \"é 😀 \\t\"\n").Replace("name: test", "name: test\n  description: \"ü\u00A0x\""), Source, null);
        Assert.Equal("é 😀 \t", p.CommandLine);
        Assert.Equal("ü\u00A0x", p.Description);
    }

    private const string Head = "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\n";

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void Parse_BadProfile_ReportsPosition(string yaml, int line, int column, string reason)
    {
        ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileLoader.Parse(yaml, Source, null));

        Assert.Equal(Source, e.Path);
        Assert.Contains(reason, e.Reason);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Equal($"{Source}:{line}:{column}: {e.Reason}", e.Message);
    }

    private static string Spec(string spec) => Head + "metadata:\n  name: test\nspec:\n" + spec;

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PpcVirt.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (PpcVirt.sln) not found above " + AppContext.BaseDirectory);
    }
}
