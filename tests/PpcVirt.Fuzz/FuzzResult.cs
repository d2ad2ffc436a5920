namespace PpcVirt.Fuzz;

/// <summary>What one harness run did.</summary>
/// <param name="Harness">Harness name.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Cases">Cases tried.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Failures">The failing cases, in case order (at most <see cref="FuzzRunOptions.MaxFailuresKept"/>).</param>
/// <param name="FailureCount">All failing cases, kept or not.</param>
public sealed record FuzzResult(string Harness, ulong Seed, long Cases, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures, long FailureCount);
