using System.Buffers.Binary;

namespace PpcVirt.Fuzz;

/// <summary>
/// Mutation-based input generation shared by the harnesses: takes a seed input and applies a few
/// random edits — bit flips, random and boundary bytes, big-endian boundary integers (0, 1, −1,
/// 2³¹−1, 2³¹, lengths near the input's size), inserted random bytes or dictionary tokens,
/// deleted, duplicated or swapped spans, truncation, and splicing with another seed. The
/// dictionary carries a format's structure (YAML punctuation, FDT tokens), so edits land on
/// meaningful units as well as on random bytes.
/// </summary>
public static class Mutator
{
    private static readonly byte[] s_interestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x3A];

    private static readonly ulong[] s_interestingValues =
    [
        0, 1, 2, 3, 4, 7, 8, 0x10, 0x20, 0x28, 0x40, 0x7F, 0x80, 0xFF, 0x100, 0x1000, 0xFFFF, 0x1_0000,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF,
        0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF,
    ];

    /// <summary>Applies 1 to <paramref name="maxEdits"/> random edits to a copy of <paramref name="seed"/>.</summary>
    /// <param name="random">The case's generator.</param>
    /// <param name="seed">The input to start from (not changed).</param>
    /// <param name="corpus">Other seeds, for splicing (may be empty).</param>
    /// <param name="dictionary">Tokens to insert or overwrite with (may be empty).</param>
    /// <param name="maxLength">Inputs are cut to this many bytes.</param>
    /// <param name="maxEdits">Most edits applied (at least 1).</param>
    /// <returns>The mutated input.</returns>
    public static byte[] Mutate(FuzzRandom random, byte[] seed, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> dictionary, int maxLength, int maxEdits = 8)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(seed);
        var data = new List<byte>(seed);
        int edits = 1 + random.Next(Math.Max(1, maxEdits));
        for (int e = 0; e < edits; e++)
        {
            Edit(random, data, corpus, dictionary);
        }

        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }

        return [.. data];
    }

    /// <summary>A boundary value: a fixed one (0, 1, 2³¹, 2⁶⁴−1 …), one near <paramref name="length"/> (an input or field size), or random bits of random width.</summary>
    public static ulong InterestingValue(FuzzRandom random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(4) switch
        {
            0 => (ulong)Math.Max(0, length + random.Next(-8, 9)),
            1 => random.NextUInt64() >> random.Next(64),
            _ => random.Pick(s_interestingValues),
        };
    }

    private static void Edit(FuzzRandom r, List<byte> d, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> dictionary)
    {
        int choice = r.Next(13);
        if (d.Count == 0 && choice < 9)
        {
            choice = 9;
        }

        int pos = r.Next(d.Count);
        switch (choice)
        {
            case 0:
                d[pos] ^= (byte)(1 << r.Next(8));
                break;
            case 1:
                d[pos] = (byte)r.NextUInt32();
                break;
            case 2:
                d[pos] = r.Pick(s_interestingBytes);
                break;
            case 3:
            {
                int width = 1 << r.Next(1, 4);
                Span<byte> v = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(v, InterestingValue(r, d.Count));
                for (int i = 0; i < width && pos + i < d.Count; i++)
                {
                    d[pos + i] = v[8 - width + i];
                }

                break;
            }

            case 4:
            {
                int n = 1 + r.Next(Math.Min(d.Count - pos, 64));
                d.RemoveRange(pos, n);
                break;
            }

            case 5:
            {
                int n = 1 + r.Next(Math.Min(d.Count - pos, 64));
                List<byte> span = d.GetRange(pos, n);
                d.InsertRange(r.Next(d.Count + 1), span);
                break;
            }

            case 6:
            {
                int n = 1 + r.Next(Math.Min(d.Count - pos, 32));
                int other = r.Next(d.Count - n + 1);
                for (int i = 0; i < n; i++)
                {
                    (d[pos + i], d[other + i]) = (d[other + i], d[pos + i]);
                }

                break;
            }

            case 7:
                d.RemoveRange(pos, d.Count - pos);
                break;
            case 8:
                if (dictionary.Count > 0)
                {
                    byte[] token = r.Pick(dictionary);
                    for (int i = 0; i < token.Length && pos + i < d.Count; i++)
                    {
                        d[pos + i] = token[i];
                    }
                }

                break;
            case 9:
            case 10:
                if (dictionary.Count > 0)
                {
                    d.InsertRange(r.Next(d.Count + 1), r.Pick(dictionary));
                }

                break;
            case 11:
            {
                byte[] extra = new byte[1 + r.Next(16)];
                r.NextBytes(extra);
                d.InsertRange(r.Next(d.Count + 1), extra);
                break;
            }

            default:
                if (corpus.Count > 0)
                {
                    byte[] other = r.Pick(corpus);
                    if (other.Length > 0)
                    {
                        int from = r.Next(other.Length);
                        int n = 1 + r.Next(Math.Min(other.Length - from, 256));
                        d.InsertRange(r.Next(d.Count + 1), other.AsSpan(from, n).ToArray());
                    }
                }

                break;
        }
    }
}
