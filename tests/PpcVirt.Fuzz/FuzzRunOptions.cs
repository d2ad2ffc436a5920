namespace PpcVirt.Fuzz;

/// <summary>Limits and outputs of one <see cref="FuzzRunner.Run"/>.</summary>
public sealed class FuzzRunOptions
{
    /// <summary>Failures kept in <see cref="FuzzResult.Failures"/> (and written as artifacts); later ones are only counted.</summary>
    public const int MaxFailuresKept = 50;

    /// <summary>The run seed: case n uses <see cref="FuzzRandom.ForCase"/>(seed, harness, n).</summary>
    public ulong Seed { get; init; }

    /// <summary>First case number (to replay one case, set this and <see cref="MaxCases"/> = 1).</summary>
    public long FirstCase { get; init; }

    /// <summary>Stop after this many cases (0: no case limit).</summary>
    public long MaxCases { get; init; }

    /// <summary>Stop after this much wall-clock time (null: no time limit). With neither limit set, one case runs.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Folder for failing inputs and the crash marker, created when needed (null: write nothing).</summary>
    public string? ArtifactDirectory { get; init; }
}
