namespace PpcVirt.Fuzz;

/// <summary>
/// One fuzz target. <see cref="Generate"/> makes a case's input from the case's generator (by
/// mutating the seed corpus), and <see cref="Execute"/> runs the code under test on it. An input
/// is plain bytes, so a failing one can be saved to a file and run again with <c>--input</c>.
/// </summary>
public interface IFuzzHarness
{
    /// <summary>The name on the command line (<c>--harness NAME</c>), lower case.</summary>
    string Name { get; }

    /// <summary>
    /// Cases so far whose input the code under test accepted (a profile, a tree or an image came
    /// back; for the CPU, runs that retired instructions): a sanity figure showing the mutations
    /// reach past the first checks.
    /// </summary>
    long Accepted { get; }

    /// <summary>Makes the input of one case; the result depends only on <paramref name="random"/> and the corpus.</summary>
    byte[] Generate(FuzzRandom random);

    /// <summary>Runs the code under test on <paramref name="input"/>.</summary>
    /// <returns>Null when the code behaved as documented (including documented errors); otherwise what went wrong.</returns>
    /// <remarks>An exception escaping this method is itself a failure (the runner records it).</remarks>
    string? Execute(byte[] input);
}
