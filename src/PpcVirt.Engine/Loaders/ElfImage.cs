using System.Buffers.Binary;
using System.Text;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Loaders;

/// <summary>
/// A parsed big-endian PowerPC ELF file (System V ABI "Object Files", ELF-64 Object File Format
/// 1.5 for the 64-bit layouts): the header fields a loader needs, the PT_LOAD segments with their
/// bytes and, when the file has one, the <c>SHT_SYMTAB</c> symbol table. ELFCLASS32 and ELFCLASS64
/// are read; <c>e_machine</c> must be <c>EM_PPC</c> (20) or <c>EM_PPC64</c> (21) and
/// <c>EI_DATA</c> must be <c>ELFDATA2MSB</c>, the combinations QEMU's <c>load_elf</c> accepts for
/// its PowerPC targets. Immutable after parsing.
/// </summary>
public sealed class ElfImage
{
    /// <summary>The KVM-style operation name used in the <see cref="KvmException"/>s this type throws.</summary>
    public const string Operation = "ELF load";

    private const int EiNident = 16;
    private const uint PtLoad = 1;
    private const uint ShtSymtab = 2;
    private const uint ShtStrtab = 3;

    private ElfImage(string sourceName, ElfClass elfClass, ElfMachine machine, ElfFileType type, ulong entry, uint flags, IReadOnlyList<ElfSegment> segments, IReadOnlyList<ElfSymbol> symbols)
    {
        SourceName = sourceName;
        Class = elfClass;
        Machine = machine;
        Type = type;
        Entry = entry;
        Flags = flags;
        Segments = segments;
        SymbolList = symbols;
        var byName = new Dictionary<string, ElfSymbol>(StringComparer.Ordinal);
        foreach (ElfSymbol s in symbols)
        {
            // A global definition wins over a local one of the same name; otherwise the first stays.
            if (!byName.TryGetValue(s.Name, out ElfSymbol? existing) || (existing.Binding == ElfSymbol.BindingLocal && s.Binding != ElfSymbol.BindingLocal))
            {
                byName[s.Name] = s;
            }
        }

        Symbols = byName;
    }

    /// <summary>The file path or name the image was parsed from (used in messages).</summary>
    public string SourceName { get; }

    /// <summary><c>e_ident[EI_CLASS]</c>: 32- or 64-bit headers.</summary>
    public ElfClass Class { get; }

    /// <summary><c>e_machine</c>: <see cref="ElfMachine.Ppc"/> or <see cref="ElfMachine.Ppc64"/>.</summary>
    public ElfMachine Machine { get; }

    /// <summary><c>e_type</c> (not restricted; executables are <see cref="ElfFileType.Executable"/>).</summary>
    public ElfFileType Type { get; }

    /// <summary><c>e_entry</c>: the (virtual) entry address as written in the header; 32-bit images zero-extended.</summary>
    public ulong Entry { get; }

    /// <summary><c>e_flags</c>: processor-specific flags (for PPC64, the ELFv1/v2 ABI in bits 0–1).</summary>
    public uint Flags { get; }

    /// <summary>The PT_LOAD program headers in program header table order.</summary>
    public IReadOnlyList<ElfSegment> Segments { get; }

    /// <summary>
    /// Named symbols of the <c>SHT_SYMTAB</c> section by name (ordinal comparison); empty for a
    /// stripped file. When a name occurs more than once the first global definition wins.
    /// </summary>
    public IReadOnlyDictionary<string, ElfSymbol> Symbols { get; }

    /// <summary>All named symbols of the <c>SHT_SYMTAB</c> section in table order.</summary>
    public IReadOnlyList<ElfSymbol> SymbolList { get; }

    /// <summary>Reads and parses the ELF file at <paramref name="path"/>.</summary>
    /// <param name="path">File path (relative paths resolve against the current directory).</param>
    /// <returns>The parsed image.</returns>
    /// <exception cref="KvmException">
    /// ENOENT: the file (or its folder) does not exist; the message includes the path.
    /// EIO: the file could not be read. ENOEXEC: not a big-endian PowerPC ELF (see <see cref="Parse"/>).
    /// </exception>
    public static ElfImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KvmException(Errno.ENOENT, Operation, $"'{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KvmException(Errno.EIO, Operation, $"'{path}' could not be read: {e.Message}");
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses an ELF image held in memory (the bytes are copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="sourceName">A name for messages, usually the path.</param>
    /// <returns>The parsed image.</returns>
    /// <exception cref="KvmException">
    /// ENOEXEC, with a message naming the problem: bad magic, unknown class, little-endian data,
    /// a machine other than EM_PPC/EM_PPC64, a header or header table that runs past the end of
    /// the file, a wrong program header entry size, a PT_LOAD whose file bytes lie outside the
    /// file, a PT_LOAD with p_filesz &gt; p_memsz, or a malformed symbol table.
    /// </exception>
    public static ElfImage Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        byte[] file = bytes.ToArray();
        return new Parser(file, sourceName).Run();
    }

    /// <summary>The PT_LOAD segment whose [p_vaddr, p_vaddr + p_memsz) contains <paramref name="virtualAddress"/>, or null.</summary>
    public ElfSegment? FindSegmentByVirtualAddress(ulong virtualAddress)
    {
        foreach (ElfSegment s in Segments)
        {
            if (s.ContainsVirtual(virtualAddress))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Looks a symbol up by name.</summary>
    public bool TryGetSymbol(string name, out ElfSymbol symbol)
    {
        bool found = Symbols.TryGetValue(name, out ElfSymbol? s);
        symbol = s!;
        return found;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{SourceName}: {Class} {Machine} {Type} entry 0x{Entry:x}, {Segments.Count} LOAD segment(s), {SymbolList.Count} symbol(s)";

    private ref struct Parser
    {
        private readonly byte[] _file;
        private readonly string _name;
        private bool _is64;

        public Parser(byte[] file, string name)
        {
            _file = file;
            _name = name;
            _is64 = false;
        }

        public ElfImage Run()
        {
            ReadOnlySpan<byte> f = _file;
            if (f.Length < 4 || f[0] != 0x7f || f[1] != (byte)'E' || f[2] != (byte)'L' || f[3] != (byte)'F')
            {
                throw Bad("not an ELF file (the first 4 bytes are not 7f 45 4c 46 \"\\x7fELF\").");
            }

            if (f.Length < EiNident)
            {
                throw Bad($"truncated ELF identification: the file has {f.Length} bytes, e_ident needs 16.");
            }

            byte elfClass = f[4];
            if (elfClass is not (1 or 2))
            {
                throw Bad($"unknown ELF class {elfClass} in e_ident[EI_CLASS] (expected 1 ELFCLASS32 or 2 ELFCLASS64).");
            }

            _is64 = elfClass == 2;
            byte data = f[5];
            if (data == 1)
            {
                throw Bad("little-endian ELF (ELFDATA2LSB); PowerPC guests here must be big-endian (ELFDATA2MSB).");
            }

            if (data != 2)
            {
                throw Bad($"unknown data encoding {data} in e_ident[EI_DATA] (expected 2 ELFDATA2MSB, big-endian).");
            }

            int ehsize = _is64 ? 64 : 52;
            if (f.Length < ehsize)
            {
                throw Bad($"truncated ELF header: the file has {f.Length} bytes, an {(_is64 ? "Elf64_Ehdr" : "Elf32_Ehdr")} needs {ehsize}.");
            }

            var type = (ElfFileType)U16(16);
            ushort machine = U16(18);
            if (machine is not ((ushort)ElfMachine.Ppc or (ushort)ElfMachine.Ppc64))
            {
                throw Bad($"e_machine is {machine} ({MachineName(machine)}), not PowerPC (20 EM_PPC or 21 EM_PPC64).");
            }

            ulong entry = _is64 ? U64(24) : U32(24);
            ulong phoff = _is64 ? U64(32) : U32(28);
            ulong shoff = _is64 ? U64(40) : U32(32);
            uint flags = U32(_is64 ? 48 : 36);
            int fo = _is64 ? 54 : 42;
            ushort phentsize = U16(fo);
            ushort phnum = U16(fo + 2);
            ushort shentsize = U16(fo + 4);
            ushort shnum = U16(fo + 6);

            List<ElfSegment> segments = ReadSegments(phoff, phentsize, phnum);
            List<ElfSymbol> symbols = ReadSymbols(shoff, shentsize, shnum);
            return new ElfImage(_name, _is64 ? ElfClass.Elf64 : ElfClass.Elf32, (ElfMachine)machine, type, entry, flags, segments, symbols);
        }

        private readonly List<ElfSegment> ReadSegments(ulong phoff, ushort phentsize, ushort phnum)
        {
            var segments = new List<ElfSegment>();
            if (phnum == 0)
            {
                return segments;
            }

            int expected = _is64 ? 56 : 32;
            if (phentsize != expected)
            {
                throw Bad($"e_phentsize is {phentsize}, expected {expected} for {(_is64 ? "ELFCLASS64" : "ELFCLASS32")}.");
            }

            if (!Fits(phoff, (ulong)phnum * phentsize))
            {
                throw Bad($"truncated program header table: {phnum} entries at offset 0x{phoff:x} run past the end of the {_file.Length}-byte file.");
            }

            for (int i = 0; i < phnum; i++)
            {
                int p = (int)phoff + (i * phentsize);
                if (U32(p) != PtLoad)
                {
                    continue;
                }

                ulong offset, vaddr, paddr, filesz, memsz, align;
                uint pflags;
                if (_is64)
                {
                    pflags = U32(p + 4);
                    offset = U64(p + 8);
                    vaddr = U64(p + 16);
                    paddr = U64(p + 24);
                    filesz = U64(p + 32);
                    memsz = U64(p + 40);
                    align = U64(p + 48);
                }
                else
                {
                    offset = U32(p + 4);
                    vaddr = U32(p + 8);
                    paddr = U32(p + 12);
                    filesz = U32(p + 16);
                    memsz = U32(p + 20);
                    pflags = U32(p + 24);
                    align = U32(p + 28);
                }

                if (filesz > memsz)
                {
                    throw Bad($"program header {i} (PT_LOAD) has p_filesz 0x{filesz:x} > p_memsz 0x{memsz:x}.");
                }

                if (filesz != 0 && !Fits(offset, filesz))
                {
                    throw Bad($"program header {i} (PT_LOAD) covers file bytes 0x{offset:x}+0x{filesz:x}, outside the {_file.Length}-byte file.");
                }

                ReadOnlyMemory<byte> bytes = filesz == 0 ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_file, (int)offset, (int)filesz);
                segments.Add(new ElfSegment(i, offset, vaddr, paddr, memsz, (ElfSegmentFlags)pflags, align, bytes));
            }

            return segments;
        }

        private readonly List<ElfSymbol> ReadSymbols(ulong shoff, ushort shentsize, ushort shnum)
        {
            var symbols = new List<ElfSymbol>();
            if (shoff == 0)
            {
                return symbols;
            }

            int expected = _is64 ? 64 : 40;
            if (shentsize != expected)
            {
                throw Bad($"e_shentsize is {shentsize}, expected {expected} for {(_is64 ? "ELFCLASS64" : "ELFCLASS32")}.");
            }

            ulong count = shnum;
            if (count == 0)
            {
                // More than 0xff00 sections: the real count is in section 0's sh_size (gABI "Sections").
                if (!Fits(shoff, (ulong)shentsize))
                {
                    throw Bad($"truncated section header table at offset 0x{shoff:x}.");
                }

                count = Section((int)shoff).Size;
            }

            if (count > int.MaxValue / (ulong)shentsize || !Fits(shoff, count * shentsize))
            {
                throw Bad($"truncated section header table: {count} entries at offset 0x{shoff:x} run past the end of the {_file.Length}-byte file.");
            }

            for (ulong i = 0; i < count; i++)
            {
                SectionHeader sh = Section((int)(shoff + (i * shentsize)));
                if (sh.Type != ShtSymtab)
                {
                    continue;
                }

                if (sh.Link >= count)
                {
                    throw Bad($"symbol table section {i} links to string table section {sh.Link}, which does not exist.");
                }

                SectionHeader strtab = Section((int)(shoff + (sh.Link * shentsize)));
                if (strtab.Type != ShtStrtab)
                {
                    throw Bad($"symbol table section {i} links to section {sh.Link}, which is not a string table.");
                }

                if (!Fits(sh.Offset, sh.Size) || !Fits(strtab.Offset, strtab.Size))
                {
                    throw Bad($"symbol table section {i} or its string table lies outside the file.");
                }

                int entsize = _is64 ? 24 : 16;
                for (ulong off = (ulong)entsize; off + (ulong)entsize <= sh.Size; off += (ulong)entsize)
                {
                    int s = (int)(sh.Offset + off);
                    uint nameIndex = U32(s);
                    byte info;
                    ushort shndx;
                    ulong value, size;
                    if (_is64)
                    {
                        info = _file[s + 4];
                        shndx = U16(s + 6);
                        value = U64(s + 8);
                        size = U64(s + 16);
                    }
                    else
                    {
                        value = U32(s + 4);
                        size = U32(s + 8);
                        info = _file[s + 12];
                        shndx = U16(s + 14);
                    }

                    if (nameIndex == 0)
                    {
                        continue;
                    }

                    if (nameIndex >= strtab.Size)
                    {
                        throw Bad($"symbol at offset 0x{s:x} has a name index 0x{nameIndex:x} outside its string table.");
                    }

                    ReadOnlySpan<byte> str = _file.AsSpan((int)(strtab.Offset + nameIndex), (int)(strtab.Size - nameIndex));
                    int nul = str.IndexOf((byte)0);
                    string name = Encoding.UTF8.GetString(nul < 0 ? str : str[..nul]);
                    symbols.Add(new ElfSymbol(name, value, size, (byte)(info & 0xf), (byte)(info >> 4), shndx));
                }
            }

            return symbols;
        }

        private readonly SectionHeader Section(int p) => _is64
            ? new SectionHeader(U32(p + 4), U64(p + 24), U64(p + 32), U32(p + 40))
            : new SectionHeader(U32(p + 4), U32(p + 16), U32(p + 20), U32(p + 24));

        private readonly bool Fits(ulong offset, ulong length) =>
            offset <= (ulong)_file.Length && length <= (ulong)_file.Length - offset;

        private readonly ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(offset, 2));

        private readonly uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(offset, 4));

        private readonly ulong U64(int offset) => BinaryPrimitives.ReadUInt64BigEndian(_file.AsSpan(offset, 8));

        private readonly KvmException Bad(string why) => new(Errno.ENOEXEC, Operation, $"'{_name}' is not a big-endian PowerPC ELF image: {why}");

        private static string MachineName(ushort machine) => machine switch
        {
            0 => "EM_NONE",
            2 => "EM_SPARC",
            3 => "EM_386",
            8 => "EM_MIPS",
            40 => "EM_ARM",
            62 => "EM_X86_64",
            183 => "EM_AARCH64",
            243 => "EM_RISCV",
            _ => "unknown",
        };
    }

    private readonly record struct SectionHeader(uint Type, ulong Offset, ulong Size, uint Link);
}
