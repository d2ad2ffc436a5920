using System.Globalization;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;

namespace PpcVirt.Engine.Disassembly;

/// <summary>
/// Guest symbols for listings and traces: labels an address as <c>function+0xoff</c> and resolves
/// names to addresses. Built from an ELF symbol table (<see cref="FromElf"/>; ELFCLASS32 and
/// ELFCLASS64 big-endian, see <see cref="ElfImage"/>) or from a Linux <c>System.map</c>
/// (<see cref="ParseSystemMap"/>). Addresses are effective (virtual) addresses as the linker
/// assigned them; <see cref="ToVirtual"/> maps a guest physical address back through the ELF's
/// PT_LOAD segments. Immutable; lookups allocate nothing.
/// </summary>
/// <remarks>
/// Which symbol labels an address: the symbol with the greatest address ≤ the address, among
/// symbols that are defined (not <c>SHN_UNDEF</c>), not absolute (<c>SHN_ABS</c>, System.map
/// <c>A</c>), and not <c>STT_SECTION</c>/<c>STT_FILE</c>. When several share an address, one with a
/// size (a typed function or object, e.g. <c>exc_hooks</c> over the linker label <c>__bss_start</c>)
/// is preferred, then code, then a global one, then the first in the file.
/// A symbol with a size covers [address, address + size); one without a size covers the addresses
/// up to the next symbol, and (for ELF) not past the end of the PT_LOAD segment holding it (a
/// size-less symbol outside every PT_LOAD, such as an end label <c>__bss_end</c>, covers nothing). This
/// follows <c>addr2line</c>/gdb's "nearest preceding symbol" convention.
/// </remarks>
public sealed class GuestSymbolTable
{
    private const byte ElfTypeSection = 3;
    private const byte ElfTypeFile = 4;
    private const ushort ShnUndef = 0;
    private const ushort ShnAbs = 0xfff1;

    private readonly GuestSymbol[] _sorted;
    private readonly ulong[] _starts;
    private readonly ulong[] _ends;
    private readonly Dictionary<string, GuestSymbol> _byName;
    private readonly (ulong Physical, ulong Virtual, ulong Size)[] _segments;

    private GuestSymbolTable(string? sourcePath, List<GuestSymbol> symbols, (ulong Physical, ulong Virtual, ulong Size)[] segments)
    {
        SourcePath = sourcePath;
        _segments = segments;
        _byName = new Dictionary<string, GuestSymbol>(StringComparer.Ordinal);
        foreach (GuestSymbol s in symbols)
        {
            if (!_byName.TryGetValue(s.Name, out GuestSymbol? existing) || (!existing.IsGlobal && s.IsGlobal))
            {
                _byName[s.Name] = s;
            }
        }

        // One symbol per address (the best by the rank in the remarks), sorted by address.
        var best = new Dictionary<ulong, GuestSymbol>();
        foreach (GuestSymbol s in symbols)
        {
            if (!best.TryGetValue(s.Address, out GuestSymbol? existing) || Rank(s) > Rank(existing))
            {
                best[s.Address] = s;
            }
        }

        _sorted = [.. best.Values.OrderBy(s => s.Address)];
        _starts = new ulong[_sorted.Length];
        _ends = new ulong[_sorted.Length];
        for (int i = 0; i < _sorted.Length; i++)
        {
            GuestSymbol s = _sorted[i];
            _starts[i] = s.Address;
            ulong end;
            if (s.Size > 0)
            {
                end = s.Address + s.Size < s.Address ? ulong.MaxValue : s.Address + s.Size;
            }
            else
            {
                end = i + 1 < _sorted.Length ? _sorted[i + 1].Address : ulong.MaxValue;
                if (_segments.Length > 0)
                {
                    // Outside every PT_LOAD (e.g. an end label such as __bss_end): covers nothing.
                    ulong segmentEnd = SegmentEnd(s.Address) ?? s.Address;
                    end = Math.Min(end, segmentEnd);
                }
            }

            _ends[i] = end;
        }

        Symbols = Array.AsReadOnly(_sorted);
    }

    /// <summary>A table with no symbols (labels nothing, resolves nothing).</summary>
    public static GuestSymbolTable Empty { get; } = new(null, [], []);

    /// <summary>The ELF or System.map file the symbols came from, or null.</summary>
    public string? SourcePath { get; }

    /// <summary>The symbols that label addresses, by ascending address (one per address).</summary>
    public IReadOnlyList<GuestSymbol> Symbols { get; }

    /// <summary>Number of distinct names that <see cref="TryResolve"/> knows.</summary>
    public int NameCount => _byName.Count;

    /// <summary>The symbols of a parsed ELF image (its <see cref="ElfImage.SymbolList"/>), with its PT_LOAD segments for <see cref="ToVirtual"/>.</summary>
    /// <param name="image">A parsed image; a stripped one gives an empty table.</param>
    /// <returns>The table.</returns>
    public static GuestSymbolTable FromElf(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var segments = image.Segments.Select(s => (s.PhysicalAddress, s.VirtualAddress, s.MemorySize)).ToArray();
        var symbols = new List<GuestSymbol>(image.SymbolList.Count);
        foreach (ElfSymbol e in image.SymbolList)
        {
            if (e.SectionIndex is ShnUndef or ShnAbs || e.Type is ElfTypeSection or ElfTypeFile || e.Name.Length == 0)
            {
                continue;
            }

            bool code = e.Type == ElfSymbol.TypeFunction
                || (e.Type == 0 && image.Segments.Any(s => s.ContainsVirtual(e.Value) && (s.Flags & ElfSegmentFlags.Execute) != 0));
            symbols.Add(new GuestSymbol(e.Name, e.Value, e.Size, code, e.Binding != ElfSymbol.BindingLocal));
        }

        return new GuestSymbolTable(image.SourceName, symbols, segments);
    }

    /// <summary>
    /// Parses a Linux <c>System.map</c> (or any <c>nm</c> output): one symbol per line,
    /// <c>address type name</c>, the address in hex without prefix (up to 16 digits). Types
    /// <c>U</c> (undefined), <c>A</c>/<c>a</c> (absolute) and <c>N</c>/<c>n</c> (debug) are skipped;
    /// <c>T t W w</c> are code. Blank lines are skipped; a trailing <c>[module]</c> column is ignored.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">Name for messages and <see cref="SourcePath"/>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="FormatException">A line is not <c>address type name</c>; the message gives the source and the 1-based line number.</exception>
    public static GuestSymbolTable ParseSystemMap(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var symbols = new List<GuestSymbol>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            if (f.Length < 3 || f[1].Length != 1 || f[0].Length > 16
                || !ulong.TryParse(f[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong address))
            {
                throw new FormatException($"{sourceName}:{lineNumber}: expected 'address type name' (System.map / nm format), found '{line.Trim()}'.");
            }

            char type = f[1][0];
            if (type is 'U' or 'A' or 'a' or 'N' or 'n')
            {
                continue;
            }

            bool code = type is 'T' or 't' or 'W' or 'w';
            symbols.Add(new GuestSymbol(f[2], address, 0, code, char.IsAsciiLetterUpper(type)));
        }

        return new GuestSymbolTable(sourceName, symbols, []);
    }

    /// <summary>
    /// Loads symbols from a file: an ELF image (detected by its <c>\x7fELF</c> magic; see
    /// <see cref="ElfImage.Load"/>) or else a System.map text file.
    /// </summary>
    /// <param name="path">File path (relative: against the process's current directory).</param>
    /// <returns>The table.</returns>
    /// <exception cref="KvmException">ENOENT: the file does not exist; EIO: it cannot be read; ENOEXEC: an ELF file that is not a big-endian PowerPC image, or a text file that is not a System.map (the message gives the line).</exception>
    public static GuestSymbolTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KvmException(Errno.ENOENT, "load symbols", $"'{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KvmException(Errno.EIO, "load symbols", $"'{path}' could not be read: {e.Message}");
        }

        if (bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F')
        {
            return FromElf(ElfImage.Parse(bytes, path));
        }

        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            return ParseSystemMap(reader, path);
        }
        catch (FormatException e)
        {
            throw new KvmException(Errno.ENOEXEC, "load symbols", $"'{path}' is neither a PowerPC ELF nor a System.map: {e.Message}");
        }
    }

    /// <summary>The symbol covering <paramref name="address"/> (see the remarks) and the offset into it.</summary>
    /// <param name="address">An effective address.</param>
    /// <param name="symbol">The symbol, or null.</param>
    /// <param name="offset">Bytes from the symbol's address.</param>
    /// <returns>False when no symbol covers the address.</returns>
    public bool TryLookup(ulong address, out GuestSymbol symbol, out ulong offset)
    {
        int i = Array.BinarySearch(_starts, address);
        if (i < 0)
        {
            i = ~i - 1;
        }

        if (i < 0 || address >= _ends[i])
        {
            symbol = null!;
            offset = 0;
            return false;
        }

        symbol = _sorted[i];
        offset = address - symbol.Address;
        return true;
    }

    /// <summary>Looks a symbol up by exact (case-sensitive) name; a global definition wins over a local one.</summary>
    public bool TryResolve(string name, out GuestSymbol symbol)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool found = _byName.TryGetValue(name, out GuestSymbol? s);
        symbol = s!;
        return found;
    }

    /// <summary>The label of <paramref name="address"/>: <c>name</c> at the symbol's address, else <c>name+0xoff</c> (lower-case hex); null when no symbol covers it.</summary>
    public string? Label(ulong address)
    {
        Span<char> buffer = stackalloc char[256];
        int n = FormatLabel(address, buffer);
        return n < 0 ? null : n <= buffer.Length ? new string(buffer[..n]) : LongLabel(address);
    }

    /// <summary>
    /// Writes the <see cref="Label"/> of <paramref name="address"/> into <paramref name="destination"/>
    /// without allocating.
    /// </summary>
    /// <returns>The number of characters written; −1 when no symbol covers the address; the needed
    /// length (greater than the span's) when the label does not fit, in which case nothing useful was written.</returns>
    public int FormatLabel(ulong address, Span<char> destination)
    {
        if (!TryLookup(address, out GuestSymbol symbol, out ulong offset))
        {
            return -1;
        }

        string name = symbol.Name;
        if (offset == 0)
        {
            name.TryCopyTo(destination);
            return name.Length;
        }

        int needed = name.Length + 3 + 16;
        if (destination.Length < needed)
        {
            return needed;
        }

        name.CopyTo(destination);
        int p = name.Length;
        "+0x".CopyTo(destination[p..]);
        p += 3;
        offset.TryFormat(destination[p..], out int w, "x", CultureInfo.InvariantCulture);
        return p + w;
    }

    /// <summary>
    /// The virtual address of guest physical <paramref name="physicalAddress"/> through the ELF's
    /// PT_LOAD segments (<c>p_paddr</c> → <c>p_vaddr</c>), or null when no segment holds it or the
    /// table came from a System.map.
    /// </summary>
    public ulong? ToVirtual(ulong physicalAddress)
    {
        foreach ((ulong physical, ulong @virtual, ulong size) in _segments)
        {
            if (physicalAddress >= physical && physicalAddress - physical < size)
            {
                return physicalAddress - physical + @virtual;
            }
        }

        return null;
    }

    private string LongLabel(ulong address)
    {
        TryLookup(address, out GuestSymbol symbol, out ulong offset);
        return string.Create(CultureInfo.InvariantCulture, $"{symbol.Name}+0x{offset:x}");
    }

    private ulong? SegmentEnd(ulong address)
    {
        foreach ((_, ulong @virtual, ulong size) in _segments)
        {
            if (address >= @virtual && address - @virtual < size)
            {
                return @virtual + size;
            }
        }

        return null;
    }

    private static int Rank(GuestSymbol s) => (s.Size > 0 ? 4 : 0) + (s.IsCode ? 2 : 0) + (s.IsGlobal ? 1 : 0);
}
