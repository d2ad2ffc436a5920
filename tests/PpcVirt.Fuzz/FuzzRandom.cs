namespace PpcVirt.Fuzz;

/// <summary>
/// The fuzzers' deterministic pseudo-random source: SplitMix64 (Steele, Lea and Flood,
/// "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014). Each case gets its own
/// generator from <see cref="ForCase"/>, so a failure replays from the run seed, the harness name
/// and the case number alone, on any machine and .NET version (unlike <see cref="Random"/>,
/// whose sequence is not specified across versions).
/// </summary>
public sealed class FuzzRandom
{
    private ulong _state;

    /// <summary>Creates a generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    public FuzzRandom(ulong seed) => _state = seed;

    /// <summary>The generator for case <paramref name="caseNumber"/> of harness <paramref name="harness"/> in a run with seed <paramref name="seed"/>.</summary>
    /// <param name="seed">The run seed (<c>--seed</c>).</param>
    /// <param name="harness">The harness name (mixed in with FNV-1a, which, unlike <see cref="string.GetHashCode()"/>, is the same in every process).</param>
    /// <param name="caseNumber">0-based case number.</param>
    public static FuzzRandom ForCase(ulong seed, string harness, long caseNumber)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ulong h = 0xCBF2_9CE4_8422_2325;
        foreach (char c in harness)
        {
            h = (h ^ c) * 0x0000_0100_0000_01B3;
        }

        var mix = new FuzzRandom(seed ^ h);
        ulong a = mix.NextUInt64();
        return new FuzzRandom(a ^ Mix((ulong)caseNumber + 0x5851_F42D_4C95_7F2D));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E37_79B9_7F4A_7C15;
        return Mix(_state);
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A value in [0, <paramref name="maxExclusive"/>); 0 when <paramref name="maxExclusive"/> ≤ 0.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)((NextUInt64() >> 33) % (ulong)maxExclusive);

    /// <summary>A value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>True with probability 1/<paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    /// <summary>A uniformly chosen element of <paramref name="items"/> (which must not be empty).</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Fills <paramref name="bytes"/> with random bytes.</summary>
    public void NextBytes(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)NextUInt64();
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
        return z ^ (z >> 31);
    }
}
