using System.Buffers.Binary;
using System.Text;

namespace PpcVirt.Engine.Tests.Loaders;

/// <summary>
/// Writes small ELF files byte by byte for the loader tests (System V ABI layouts): an ELF
/// header, a program header table of PT_LOAD entries, the segment bytes and optionally a
/// .symtab/.strtab pair with a section header table.
/// </summary>
internal sealed class TestElfBuilder
{
    private readonly List<Segment> _segments = [];
    private readonly List<(string Name, ulong Value, ulong Size, byte Info)> _symbols = [];

    public bool Is64 { get; init; }

    public bool LittleEndian { get; init; }

    public ushort Machine { get; init; } = 20;

    public ushort Type { get; init; } = 2;

    public ulong Entry { get; set; }

    public TestElfBuilder Load(ulong vaddr, ulong paddr, byte[] data, ulong memsz, uint flags = 5)
    {
        _segments.Add(new Segment(1, vaddr, paddr, data, memsz, flags));
        return this;
    }

    public TestElfBuilder Note(byte[] data)
    {
        _segments.Add(new Segment(4, 0, 0, data, (ulong)data.Length, 4));
        return this;
    }

    public TestElfBuilder Symbol(string name, ulong value, ulong size, byte type = 2, byte bind = 1)
    {
        _symbols.Add((name, value, size, (byte)((bind << 4) | type)));
        return this;
    }

    public byte[] Build()
    {
        int ehsize = Is64 ? 64 : 52;
        int phentsize = Is64 ? 56 : 32;
        int shentsize = Is64 ? 64 : 40;
        var file = new List<byte>(new byte[ehsize + (_segments.Count * phentsize)]);
        var offsets = new List<int>();
        foreach (Segment s in _segments)
        {
            while (file.Count % 4 != 0)
            {
                file.Add(0);
            }

            offsets.Add(file.Count);
            file.AddRange(s.Data);
        }

        int shoff = 0;
        int shnum = 0;
        if (_symbols.Count > 0)
        {
            // strtab
            var strtab = new List<byte> { 0 };
            var nameOffsets = new List<int>();
            foreach (var sym in _symbols)
            {
                nameOffsets.Add(strtab.Count);
                strtab.AddRange(Encoding.UTF8.GetBytes(sym.Name));
                strtab.Add(0);
            }

            int strtabOffset = file.Count;
            file.AddRange(strtab);
            while (file.Count % 8 != 0)
            {
                file.Add(0);
            }

            int symentsize = Is64 ? 24 : 16;
            int symtabOffset = file.Count;
            file.AddRange(new byte[symentsize]); // null symbol
            for (int i = 0; i < _symbols.Count; i++)
            {
                byte[] e = new byte[symentsize];
                var sym = _symbols[i];
                if (Is64)
                {
                    W32(e, 0, (uint)nameOffsets[i]);
                    e[4] = sym.Info;
                    W16(e, 6, 1);
                    W64(e, 8, sym.Value);
                    W64(e, 16, sym.Size);
                }
                else
                {
                    W32(e, 0, (uint)nameOffsets[i]);
                    W32(e, 4, (uint)sym.Value);
                    W32(e, 8, (uint)sym.Size);
                    e[12] = sym.Info;
                    W16(e, 14, 1);
                }

                file.AddRange(e);
            }

            int symtabSize = file.Count - symtabOffset;
            shoff = file.Count;
            shnum = 3;
            file.AddRange(new byte[shentsize]); // SHN_UNDEF
            file.AddRange(SectionHeader(2, symtabOffset, symtabSize, 2, symentsize));
            file.AddRange(SectionHeader(3, strtabOffset, strtab.Count, 0, 0));
        }

        byte[] bytes = [.. file];
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = (byte)(Is64 ? 2 : 1);
        bytes[5] = (byte)(LittleEndian ? 1 : 2);
        bytes[6] = 1;
        W16(bytes, 16, Type);
        W16(bytes, 18, Machine);
        W32(bytes, 20, 1);
        if (Is64)
        {
            W64(bytes, 24, Entry);
            W64(bytes, 32, (ulong)ehsize);
            W64(bytes, 40, (ulong)shoff);
            W16(bytes, 52, (ushort)ehsize);
            W16(bytes, 54, (ushort)phentsize);
            W16(bytes, 56, (ushort)_segments.Count);
            W16(bytes, 58, (ushort)shentsize);
            W16(bytes, 60, (ushort)shnum);
        }
        else
        {
            W32(bytes, 24, (uint)Entry);
            W32(bytes, 28, (uint)ehsize);
            W32(bytes, 32, (uint)shoff);
            W16(bytes, 40, (ushort)ehsize);
            W16(bytes, 42, (ushort)phentsize);
            W16(bytes, 44, (ushort)_segments.Count);
            W16(bytes, 46, (ushort)shentsize);
            W16(bytes, 48, (ushort)shnum);
        }

        for (int i = 0; i < _segments.Count; i++)
        {
            Segment s = _segments[i];
            int p = ehsize + (i * phentsize);
            if (Is64)
            {
                W32(bytes, p, s.Type);
                W32(bytes, p + 4, s.Flags);
                W64(bytes, p + 8, (ulong)offsets[i]);
                W64(bytes, p + 16, s.Vaddr);
                W64(bytes, p + 24, s.Paddr);
                W64(bytes, p + 32, (ulong)s.Data.Length);
                W64(bytes, p + 40, s.Memsz);
                W64(bytes, p + 48, 4);
            }
            else
            {
                W32(bytes, p, s.Type);
                W32(bytes, p + 4, (uint)offsets[i]);
                W32(bytes, p + 8, (uint)s.Vaddr);
                W32(bytes, p + 12, (uint)s.Paddr);
                W32(bytes, p + 16, (uint)s.Data.Length);
                W32(bytes, p + 20, (uint)s.Memsz);
                W32(bytes, p + 24, s.Flags);
                W32(bytes, p + 28, 4);
            }
        }

        return bytes;
    }

    /// <summary>Offset of program header <paramref name="index"/> in a built file.</summary>
    public int ProgramHeaderOffset(int index) => (Is64 ? 64 : 52) + (index * (Is64 ? 56 : 32));

    private byte[] SectionHeader(uint type, int offset, int size, uint link, int entsize)
    {
        byte[] h = new byte[Is64 ? 64 : 40];
        if (Is64)
        {
            W32(h, 4, type);
            W64(h, 24, (ulong)offset);
            W64(h, 32, (ulong)size);
            W32(h, 40, link);
            W64(h, 56, (ulong)entsize);
        }
        else
        {
            W32(h, 4, type);
            W32(h, 16, (uint)offset);
            W32(h, 20, (uint)size);
            W32(h, 24, link);
            W32(h, 36, (uint)entsize);
        }

        return h;
    }

    private void W16(byte[] b, int o, ushort v)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(o), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(o), v);
        }
    }

    private void W32(byte[] b, int o, uint v)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(o), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(o), v);
        }
    }

    private void W64(byte[] b, int o, ulong v)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(o), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(o), v);
        }
    }

    private sealed record Segment(uint Type, ulong Vaddr, ulong Paddr, byte[] Data, ulong Memsz, uint Flags);
}
