using System.Globalization;

namespace PpcVirt.Fuzz;

/// <summary>
/// The command line of the fuzz console (tests/PpcVirt.Fuzz/README.md):
/// <c>--harness profile|elf|fdt|cpu|all --seconds N --seed S [--cases N] [--case N] [--input FILE]
/// [--artifacts DIR] [--repo DIR]</c>. Exit code 0: no failure; 1: some case failed; 2: bad arguments.
/// </summary>
public static class FuzzCommand
{
    /// <summary>Parses <paramref name="args"/>, runs the harnesses and prints one summary line per harness.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string harness = "all";
        double? seconds = null;
        ulong seed = 1;
        long cases = 0;
        long? singleCase = null;
        string? input = null;
        string? artifacts = null;
        string? repo = null;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--harness": harness = Value(); break;
                    case "--seconds": seconds = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case "--seed": seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--cases": cases = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--case": singleCase = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--input": input = Value(); break;
                    case "--artifacts": artifacts = Value(); break;
                    case "--repo": repo = Value(); break;
                    case "--help" or "-h":
                        output.WriteLine("usage: --harness profile|elf|fdt|cpu|all --seconds N --seed S [--cases N] [--case N] [--input FILE] [--artifacts DIR] [--repo DIR]");
                        return 0;
                    default: throw new FormatException($"unknown argument '{args[i]}'.");
                }
            }

            if (harness != "all" && !FuzzHarnesses.Names.Contains(harness))
            {
                throw new FormatException($"unknown harness '{harness}'; known: {string.Join(", ", FuzzHarnesses.Names)}, all.");
            }

            if ((input is not null || singleCase is not null) && harness == "all")
            {
                throw new FormatException("--input and --case need one --harness.");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            error.WriteLine($"fuzz: {e.Message}");
            return 2;
        }

        repo ??= FuzzCorpus.FindRepositoryRoot(AppContext.BaseDirectory) ?? FuzzCorpus.FindRepositoryRoot(Directory.GetCurrentDirectory());
        artifacts ??= repo is null ? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "fuzz") : Path.Combine(repo, "artifacts", "fuzz");
        FuzzCorpus corpus = FuzzCorpus.Load(repo);
        output.WriteLine($"fuzz: seed {seed}, corpus {corpus.Profiles.Count} profiles / {corpus.Elfs.Count} ELFs / {corpus.DeviceTrees.Count} DTBs from {repo ?? "(built-in only)"}, artifacts in {artifacts}");

        if (input is not null)
        {
            IFuzzHarness one = FuzzHarnesses.Create(harness, corpus);
            string? failure = FuzzRunner.RunInput(one, File.ReadAllBytes(input));
            (one as IDisposable)?.Dispose();
            output.WriteLine(failure is null ? $"{harness}: {input} passes" : $"FAIL {harness} input={input}: {failure}");
            return failure is null ? 0 : 1;
        }

        bool failed = false;
        foreach (string name in harness == "all" ? FuzzHarnesses.Names : [harness])
        {
            if (FuzzRunner.ReadCrashMarker(artifacts, name) is (ulong crashSeed, long crashCase))
            {
                output.WriteLine($"{name}: a previous run died in seed {crashSeed} case {crashCase} (process crash); replay with --harness {name} --seed {crashSeed} --case {crashCase}");
            }

            IFuzzHarness h = FuzzHarnesses.Create(name, corpus);
            var options = new FuzzRunOptions
            {
                Seed = seed,
                FirstCase = singleCase ?? 0,
                MaxCases = singleCase is null ? cases : 1,
                Duration = singleCase is null && seconds is double s ? TimeSpan.FromSeconds(s) : singleCase is null && cases == 0 ? TimeSpan.FromSeconds(10) : null,
                ArtifactDirectory = artifacts,
            };
            FuzzResult r = FuzzRunner.Run(h, options, output);
            (h as IDisposable)?.Dispose();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Harness}: {r.Cases} cases, {r.FailureCount} failures, {h.Accepted} accepted, in {r.Elapsed.TotalSeconds:F1} s (seed {r.Seed}{(singleCase is null ? string.Empty : $", case {singleCase}")})"));
            failed |= r.FailureCount > 0;
        }

        return failed ? 1 : 0;
    }
}
