using System.Globalization;
using System.Management.Automation;
using PpcVirt.Engine.Disassembly;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Reads an address argument that may be a number or a guest symbol: PowerShell integers (negative
/// Int32/Int64 literals such as <c>0xC0000000</c> are taken as their 32-/64-bit two's complement bit
/// pattern), strings of hex (<c>0xC000_0000</c>, <c>0xC0000000L</c>) or decimal digits, or a symbol
/// name with an optional offset (<c>main</c>, <c>main+0x10</c>, <c>start_kernel+16</c>).
/// </summary>
internal static class AddressOrSymbol
{
    /// <summary>Parses <paramref name="value"/>; symbol names resolve through <paramref name="symbols"/>.</summary>
    /// <param name="value">The argument as bound.</param>
    /// <param name="symbols">Guest symbols (may be empty).</param>
    /// <param name="address">The address.</param>
    /// <param name="error">Why it failed, or null.</param>
    /// <returns>False with <paramref name="error"/> when the value is neither a number nor a known symbol.</returns>
    public static bool TryParse(object? value, GuestSymbolTable symbols, out ulong address, out string? error)
    {
        address = 0;
        error = null;
        object? v = value is PSObject ps ? ps.BaseObject : value;
        switch (v)
        {
            case int i:
                address = i < 0 ? unchecked((uint)i) : (ulong)i;
                return true;
            case long l:
                address = unchecked((ulong)l);
                return true;
            case uint u:
                address = u;
                return true;
            case ulong ul:
                address = ul;
                return true;
            case short or ushort or byte or sbyte:
                long small = Convert.ToInt64(v, CultureInfo.InvariantCulture);
                address = small < 0 ? unchecked((ulong)small) & 0xFFFF_FFFF : (ulong)small;
                return true;
            case decimal d when d >= 0 && d <= ulong.MaxValue && d == decimal.Truncate(d):
                address = (ulong)d;
                return true;
            case double f when f >= 0 && f < 18446744073709551616.0 && f == Math.Floor(f):
                address = (ulong)f;
                return true;
            case string s:
                return TryParseText(s.Trim(), symbols, out address, out error);
            default:
                error = $"'{v}' is not an address: give a number (0xC0000000), a string such as '0xC000_0000', or a guest symbol such as 'main' or 'main+0x10'.";
                return false;
        }
    }

    private static bool TryParseText(string s, GuestSymbolTable symbols, out ulong address, out string? error)
    {
        error = null;
        if (TryNumber(s, out address))
        {
            return true;
        }

        string name = s;
        ulong offset = 0;
        int plus = s.LastIndexOf('+');
        if (plus > 0 && TryNumber(s[(plus + 1)..].Trim(), out ulong o))
        {
            name = s[..plus].Trim();
            offset = o;
        }

        if (symbols.TryResolve(name, out GuestSymbol symbol))
        {
            address = symbol.Address + offset;
            return true;
        }

        error = symbols.NameCount == 0
            ? $"'{s}' is not a number, and there are no guest symbols to look it up in (the VM's kernel has no symbol table; give -SymbolPath with an ELF or System.map)."
            : $"'{s}' is not a number or a symbol in {symbols.SourcePath} ({symbols.NameCount} symbols; names are case-sensitive).";
        return false;
    }

    private static bool TryNumber(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]))
        {
            return false;
        }

        string t = s.Replace("_", string.Empty, StringComparison.Ordinal);
        if (t.EndsWith('L') || t.EndsWith('l'))
        {
            t = t[..^1];
        }

        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return t.Length > 2 && ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
