using System.Globalization;
using System.Management.Automation;
using System.Numerics;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Lets a UInt32/UInt64 address, register or memory-word parameter take values as people write them:
/// <list type="bullet">
/// <item>PowerShell hex literals with the top bit set: PowerShell parses <c>0xC0000000</c> as the
/// negative Int32 -1073741824 (and <c>0x8000000000000000</c> as a negative Int64), which would not
/// convert to an unsigned type. An Int32 stands for its 32-bit pattern (zero-extended for a 64-bit
/// parameter: <c>0xC0000000</c> is address 0xC0000000, not 0xFFFFFFFFC0000000); an Int64 for its
/// 64-bit pattern (<c>0xFFFFFFFFFFFFFFFF</c>).</item>
/// <item><c>0x…L</c> literals and unsigned literals (<c>0xC0000000u</c>) as they are.</item>
/// <item>Strings such as <c>'0xC000_0000'</c> or <c>'4096'</c>: hexadecimal with a <c>0x</c> prefix
/// or decimal digits, <c>_</c> separators allowed.</item>
/// </list>
/// A value too wide for the parameter (more than 32 bits for a 32-bit one; more than 64 bits, or a
/// negative number other than an Int32/Int64 bit pattern) is refused with a clear message, never truncated.
/// Arrays are transformed element by element.
/// </summary>
/// <param name="bits">Parameter width: 32 or 64.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class BitPatternAttribute(int bits) : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is Array array and not byte[])
        {
            var result = new object?[array.Length];
            for (int i = 0; i < array.Length; i++)
            {
                result[i] = Transform(engineIntrinsics, array.GetValue(i));
            }

            return result;
        }

        return value switch
        {
            null => null,
            int i => bits == 32 ? unchecked((uint)i) : (ulong)unchecked((uint)i),
            long l when bits == 64 => unchecked((ulong)l),
            long l when l < 0 && l >= int.MinValue => unchecked((uint)(int)l),
            string s => Narrow(Parse(s)),
            byte or sbyte or short or ushort or uint or long or ulong or BigInteger or decimal => Narrow(ToBigInteger(value)),
            double d when d == Math.Floor(d) && !double.IsInfinity(d) => Narrow(new BigInteger(d)),
            _ => inputData,
        };
    }

    private object Narrow(BigInteger v)
    {
        if (v.Sign < 0 || v >> bits != BigInteger.Zero)
        {
            string shown = v.Sign < 0 ? v.ToString(CultureInfo.InvariantCulture) : "0x" + v.ToString("X", CultureInfo.InvariantCulture).TrimStart('0');
            throw new ArgumentTransformationMetadataException($"{shown} does not fit in {bits} bits: give a value from 0 to 0x{(bits == 32 ? uint.MaxValue : ulong.MaxValue):X}.");
        }

        return bits == 32 ? (uint)v : (ulong)v;
    }

    private static BigInteger ToBigInteger(object value) => value switch
    {
        BigInteger b => b,
        decimal m when m == decimal.Truncate(m) => new BigInteger(m),
        decimal m => throw new ArgumentTransformationMetadataException($"{m} is not a whole number."),
        ulong u => u,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static BigInteger Parse(string text)
    {
        string s = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        bool hex = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex)
        {
            s = s[2..];
        }

        bool ok = s.Length > 0 && s.All(c => hex ? char.IsAsciiHexDigit(c) : char.IsAsciiDigit(c));
        if (!ok)
        {
            throw new ArgumentTransformationMetadataException($"'{text}' is not a number: write hexadecimal as 0xC000_0000 or decimal digits.");
        }

        return hex
            ? BigInteger.Parse("0" + s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : BigInteger.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
