using System.Globalization;

namespace PpcVirt.Engine.Profiles;

/// <summary>
/// Byte sizes as profiles and cmdlets write them (docs/profile-schema.md, "Sizes"): a
/// non-negative decimal integer, optionally followed (with or without one space) by a unit.
/// Units are binary and case-sensitive: <c>B</c> (1), <c>KiB</c>/<c>K</c> (2¹⁰),
/// <c>MiB</c>/<c>M</c> (2²⁰), <c>GiB</c>/<c>G</c> (2³⁰), <c>TiB</c>/<c>T</c> (2⁴⁰). The single
/// letters follow QEMU's <c>-m 128M</c> convention. <c>KB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c>
/// (decimal or binary depending on who writes them) are refused as ambiguous, as are fractions,
/// signs, hexadecimal and digit separators.
/// </summary>
public static class ByteSize
{
    /// <summary>One KiB: 1024 bytes.</summary>
    public const long KiB = 1L << 10;

    /// <summary>One MiB: 1 048 576 bytes.</summary>
    public const long MiB = 1L << 20;

    /// <summary>One GiB: 1 073 741 824 bytes.</summary>
    public const long GiB = 1L << 30;

    /// <summary>One TiB: 2⁴⁰ bytes.</summary>
    public const long TiB = 1L << 40;

    /// <summary>Parses a size.</summary>
    /// <param name="text">E.g. <c>134217728</c>, <c>128MiB</c>, <c>128 M</c>, <c>2GiB</c>.</param>
    /// <param name="bytes">The size in bytes when the text is valid, else 0.</param>
    /// <param name="error">Why the text is not a size (a sentence without location), else null.</param>
    /// <returns>True when <paramref name="text"/> is a valid size that fits a signed 64-bit byte count.</returns>
    public static bool TryParse(string text, out long bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        error = null;
        string t = text.Trim();
        if (t.Length == 0)
        {
            error = "a size cannot be empty; write e.g. 128MiB.";
            return false;
        }

        if (t[0] == '-')
        {
            error = $"'{text}' is negative; a size must be 0 or more.";
            return false;
        }

        int digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            error = $"'{text}' does not start with a decimal number of bytes; write e.g. 128MiB.";
            return false;
        }

        string unit = t[digits..].TrimStart(' ');
        if (t.Length - digits - unit.Length > 1)
        {
            error = $"'{text}' has more than one space between number and unit.";
            return false;
        }

        long multiplier;
        switch (unit)
        {
            case "" or "B":
                multiplier = 1;
                break;
            case "KiB" or "K":
                multiplier = KiB;
                break;
            case "MiB" or "M":
                multiplier = MiB;
                break;
            case "GiB" or "G":
                multiplier = GiB;
                break;
            case "TiB" or "T":
                multiplier = TiB;
                break;
            case "KB" or "kB" or "MB" or "GB" or "TB":
                error = $"'{text}': the unit '{unit}' is ambiguous (1000 or 1024?); write {unit[0].ToString().ToUpperInvariant()}iB for 2^{UnitPower(unit[0])} or give the number of bytes.";
                return false;
            default:
                if (unit.StartsWith('.') || unit.StartsWith(','))
                {
                    error = $"'{text}' is not a whole number; write the size in a smaller unit (e.g. 1536MiB for 1.5GiB).";
                }
                else
                {
                    error = $"'{text}' has the unknown unit '{unit}'; use B, KiB, MiB, GiB or TiB (binary; K, M, G, T are the same).";
                }

                return false;
        }

        if (!ulong.TryParse(t.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) || number > (ulong)(long.MaxValue / multiplier))
        {
            error = $"'{text}' is too large.";
            return false;
        }

        bytes = (long)number * multiplier;
        return true;
    }

    /// <summary>Parses a size or throws.</summary>
    /// <exception cref="FormatException">The text is not a valid size (message says why).</exception>
    public static long Parse(string text) =>
        TryParse(text, out long bytes, out string? error) ? bytes : throw new FormatException(error);

    /// <summary>Formats a byte count with the largest binary unit that divides it exactly, e.g. <c>128MiB</c>, <c>1000B</c>.</summary>
    public static string Format(long bytes)
    {
        if (bytes != 0)
        {
            foreach ((long size, string unit) in new[] { (TiB, "TiB"), (GiB, "GiB"), (MiB, "MiB"), (KiB, "KiB") })
            {
                if (bytes % size == 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{bytes / size}{unit}");
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes}B");
    }

    private static int UnitPower(char prefix) => char.ToUpperInvariant(prefix) switch
    {
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => 40,
    };
}
