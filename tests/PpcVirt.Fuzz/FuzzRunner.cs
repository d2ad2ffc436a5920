using System.Diagnostics;
using System.IO.MemoryMappedFiles;

namespace PpcVirt.Fuzz;

/// <summary>
/// Runs a harness case after case and records failures. A case fails when
/// <see cref="IFuzzHarness.Execute"/> returns a description or lets an exception escape. With an
/// artifact folder, the failing input is written to <c>NAME-seedS-caseN.bin</c>, and the case in
/// flight is kept in <c>NAME.inflight</c> (a memory-mapped 16-byte record: seed, case), so a
/// process crash (stack overflow, fail-fast), which no handler sees, still leaves the case to replay.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Runs <paramref name="harness"/> under <paramref name="options"/>.</summary>
    /// <param name="harness">The target.</param>
    /// <param name="options">Seed, limits and artifact folder.</param>
    /// <param name="log">Where each failure is printed as it happens (null: nowhere).</param>
    /// <returns>Cases tried and failures.</returns>
    public static FuzzResult Run(IFuzzHarness harness, FuzzRunOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<FuzzFailure>();
        long failureCount = 0;
        long cases = 0;
        long stopAt = options.Duration is TimeSpan d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long maxCases = options.MaxCases > 0 ? options.MaxCases : options.Duration is null ? 1 : long.MaxValue;
        long t0 = Stopwatch.GetTimestamp();
        using InflightMarker? marker = options.ArtifactDirectory is null ? null : new InflightMarker(options.ArtifactDirectory, harness.Name);
        while (cases < maxCases && (cases == 0 || Stopwatch.GetTimestamp() < stopAt))
        {
            long caseNumber = options.FirstCase + cases;
            marker?.Set(options.Seed, caseNumber);
            byte[] input = [];
            string? failure;
            try
            {
                input = harness.Generate(FuzzRandom.ForCase(options.Seed, harness.Name, caseNumber));
                failure = harness.Execute(input);
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
            }

            cases++;
            if (failure is null)
            {
                continue;
            }

            failureCount++;
            if (failures.Count >= FuzzRunOptions.MaxFailuresKept)
            {
                continue;
            }

            string? path = null;
            if (options.ArtifactDirectory is not null)
            {
                Directory.CreateDirectory(options.ArtifactDirectory);
                path = Path.Combine(options.ArtifactDirectory, $"{harness.Name}-seed{options.Seed}-case{caseNumber}.bin");
                File.WriteAllBytes(path, input);
            }

            var f = new FuzzFailure(harness.Name, options.Seed, caseNumber, failure, path);
            failures.Add(f);
            log?.WriteLine($"FAIL {f.Harness} seed={f.Seed} case={f.Case}{(path is null ? string.Empty : $" input={path}")}: {f.Description}");
        }

        return new FuzzResult(harness.Name, options.Seed, cases, Stopwatch.GetElapsedTime(t0), failures, failureCount);
    }

    /// <summary>Runs <paramref name="harness"/> once on a saved input (<c>--input FILE</c>).</summary>
    /// <returns>Null when the input passes, else the failure description.</returns>
    public static string? RunInput(IFuzzHarness harness, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(harness);
        try
        {
            return harness.Execute(input);
        }
        catch (Exception e)
        {
            return $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
        }
    }

    /// <summary>The crash marker left by a run that died, as (seed, case), or null; see <see cref="FuzzRunner"/>.</summary>
    public static (ulong Seed, long Case)? ReadCrashMarker(string artifactDirectory, string harness)
    {
        string path = InflightMarker.PathFor(artifactDirectory, harness);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] b = File.ReadAllBytes(path);
        return b.Length < 16 ? null : (BitConverter.ToUInt64(b, 0), BitConverter.ToInt64(b, 8));
    }

    private sealed class InflightMarker : IDisposable
    {
        private readonly string _path;
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;

        public InflightMarker(string folder, string harness)
        {
            Directory.CreateDirectory(folder);
            _path = PathFor(folder, harness);
            _file = MemoryMappedFile.CreateFromFile(_path, FileMode.Create, null, 16, MemoryMappedFileAccess.ReadWrite);
            _view = _file.CreateViewAccessor(0, 16);
        }

        public static string PathFor(string folder, string harness) => Path.Combine(folder, harness + ".inflight");

        public void Set(ulong seed, long caseNumber)
        {
            _view.Write(0, seed);
            _view.Write(8, caseNumber);
        }

        public void Dispose()
        {
            _view.Dispose();
            _file.Dispose();
            File.Delete(_path);
        }
    }
}
