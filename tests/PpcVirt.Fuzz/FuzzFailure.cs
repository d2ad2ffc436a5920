namespace PpcVirt.Fuzz;

/// <summary>One failing case: enough to replay it (<c>--harness H --seed S --case N</c>) or rerun its saved input (<c>--input FILE</c>).</summary>
/// <param name="Harness">Harness name.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Case">0-based case number.</param>
/// <param name="Description">What went wrong (exception type, message and stack, or the broken expectation).</param>
/// <param name="InputPath">Where the failing input was written, or null when no artifact folder was given.</param>
public sealed record FuzzFailure(string Harness, ulong Seed, long Case, string Description, string? InputPath);
