using PpcVirt.Fuzz;
using Xunit;

namespace PpcVirt.Engine.Tests.Fuzz;

/// <summary>
/// A short fixed-seed run of every fuzz harness (tests/PpcVirt.Fuzz; the long runs are
/// <c>build.ps1 -Task fuzz</c>): a fixed number of cases each, seeded from this repository's
/// corpus, must all pass. A failure names the seed and case, which replay with
/// <c>dotnet run --project tests/PpcVirt.Fuzz -c Release -- --harness H --seed S --case N</c>.
/// </summary>
public sealed class FuzzHarnessTests
{
    private const ulong Seed = 20261203;

    private static readonly Lazy<FuzzCorpus> s_corpus = new(() => FuzzCorpus.Load(RepositoryPaths.Root));

    public static TheoryData<string, long> Runs => new()
    {
        { "profile", 10_000 },
        { "elf", 10_000 },
        { "fdt", 20_000 },
        { "cpu", 200 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Harness_FixedSeedRun_HasNoFailures(string name, long cases)
    {
        IFuzzHarness harness = FuzzHarnesses.Create(name, s_corpus.Value);
        try
        {
            FuzzResult result = FuzzRunner.Run(harness, new FuzzRunOptions { Seed = Seed, MaxCases = cases });

            Assert.Equal(cases, result.Cases);
            Assert.True(result.FailureCount == 0, string.Join("\n", result.Failures.Select(f => $"seed {f.Seed} case {f.Case}: {f.Description}")));
            Assert.True(harness.Accepted > 0, $"no {name} input was accepted; the mutations never get past the first check");
        }
        finally
        {
            (harness as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Corpus_HoldsTheRepositorySeeds()
    {
        FuzzCorpus corpus = s_corpus.Value;
        Assert.True(corpus.Profiles.Count >= 2 + FuzzCorpus.BuiltInProfiles.Count);
        Assert.True(corpus.Elfs.Count >= 2);
        Assert.Equal(3, corpus.DeviceTrees.Count);
    }

    [Theory]
    [InlineData("profile")]
    [InlineData("elf")]
    [InlineData("fdt")]
    [InlineData("cpu")]
    public void Generate_SameSeedAndCase_GivesTheSameInput(string name)
    {
        IFuzzHarness a = FuzzHarnesses.Create(name, s_corpus.Value);
        IFuzzHarness b = FuzzHarnesses.Create(name, s_corpus.Value);
        try
        {
            for (long n = 0; n < 50; n++)
            {
                Assert.Equal(a.Generate(FuzzRandom.ForCase(Seed, name, n)), b.Generate(FuzzRandom.ForCase(Seed, name, n)));
            }

            Assert.NotEqual(a.Generate(FuzzRandom.ForCase(Seed, name, 1)), a.Generate(FuzzRandom.ForCase(Seed + 1, name, 1)));
        }
        finally
        {
            (a as IDisposable)?.Dispose();
            (b as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Random_IsSplitMix64()
    {
        // SplitMix64 with state 0: the first outputs of the reference generator (Vigna's splitmix64.c).
        var r = new FuzzRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, r.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, r.NextUInt64());
    }

    [Fact]
    public void Runner_RecordsFailuresWithSeedCaseAndInput()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ppcvirt-fuzz-{Guid.NewGuid():N}");
        try
        {
            var harness = new FailingHarness();
            FuzzResult result = FuzzRunner.Run(harness, new FuzzRunOptions { Seed = 7, FirstCase = 10, MaxCases = 40, ArtifactDirectory = dir });

            long[] expected = Enumerable.Range(10, 40).Where(n => harness.Generate(FuzzRandom.ForCase(7, "failing", n))[0] % 4 != 1).Select(n => (long)n).ToArray();
            Assert.Equal(40, result.Cases);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Length, result.FailureCount);
            Assert.Equal(expected, result.Failures.Select(f => f.Case));
            foreach (FuzzFailure f in result.Failures)
            {
                byte[] input = harness.Generate(FuzzRandom.ForCase(7, "failing", f.Case));
                Assert.Equal(Path.Combine(dir, $"failing-seed7-case{f.Case}.bin"), f.InputPath);
                Assert.Equal(input, File.ReadAllBytes(f.InputPath!));
                Assert.Equal(("failing", 7UL), (f.Harness, f.Seed));
                if (input[0] % 4 == 0)
                {
                    Assert.Equal("returned", f.Description);
                }
                else
                {
                    Assert.StartsWith("System.InvalidOperationException: thrown", f.Description);
                }
            }

            Assert.False(File.Exists(Path.Combine(dir, "failing.inflight")));
            Assert.Null(FuzzRunner.ReadCrashMarker(dir, "failing"));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Command_BadArguments_ExitCode2()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, FuzzCommand.Run(["--harness", "nope"], output, error));
        Assert.Contains("unknown harness 'nope'", error.ToString());
        Assert.Equal(2, FuzzCommand.Run(["--seed"], output, error));
    }

    /// <summary>Passes inputs whose byte is 1 mod 4, returns a failure for 0 mod 4, throws otherwise.</summary>
    private sealed class FailingHarness : IFuzzHarness
    {
        public string Name => "failing";

        public long Accepted => 0;

        public byte[] Generate(FuzzRandom random) => [(byte)random.NextUInt32()];

        public string? Execute(byte[] input) => (input[0] % 4) switch
        {
            1 => null,
            0 => "returned",
            _ => throw new InvalidOperationException("thrown"),
        };
    }
}
