namespace PpcVirt.Fuzz;

/// <summary>The harnesses by command-line name.</summary>
public static class FuzzHarnesses
{
    /// <summary>Every harness name, in the order <c>--harness all</c> runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["profile", "elf", "fdt", "cpu"];

    /// <summary>Creates the harness called <paramref name="name"/> over <paramref name="corpus"/>.</summary>
    /// <exception cref="ArgumentException">No harness has that name.</exception>
    public static IFuzzHarness Create(string name, FuzzCorpus corpus) => name switch
    {
        "profile" => new ProfileHarness(corpus),
        "elf" => new ElfHarness(corpus),
        "fdt" => new FdtHarness(corpus),
        "cpu" => new InstructionStreamHarness(),
        _ => throw new ArgumentException($"Unknown harness '{name}'; known: {string.Join(", ", Names)}, all.", nameof(name)),
    };
}
