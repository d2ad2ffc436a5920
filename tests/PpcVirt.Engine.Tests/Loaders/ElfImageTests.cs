using System.Buffers.Binary;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using Xunit;

namespace PpcVirt.Engine.Tests.Loaders;

public sealed class ElfImageTests
{
    private static readonly byte[] s_code = [0x38, 0x60, 0x00, 0x2a, 0x48, 0x00, 0x00, 0x00]; // li r3,42; b .

    [Fact]
    public void Parse_Elf32_ReadsHeaderSegmentsAndSymbols()
    {
        byte[] file = new TestElfBuilder { Entry = 0xc0000000 }
            .Load(0xc0000000, 0x0, s_code, 0x1000, flags: 5)
            .Note([1, 2, 3, 4])
            .Load(0xc0010000, 0x10000, [9, 9], 0x2, flags: 6)
            .Symbol("_start", 0xc0000000, 8)
            .Symbol("counter", 0xc0010000, 4, type: 1)
            .Build();

        ElfImage image = ElfImage.Parse(file, "tiny.elf");

        Assert.Equal(ElfClass.Elf32, image.Class);
        Assert.Equal(ElfMachine.Ppc, image.Machine);
        Assert.Equal(ElfFileType.Executable, image.Type);
        Assert.Equal(0xc0000000UL, image.Entry);
        Assert.Equal("tiny.elf", image.SourceName);
        Assert.Equal(2, image.Segments.Count);

        ElfSegment text = image.Segments[0];
        Assert.Equal(0, text.Index);
        Assert.Equal(0xc0000000UL, text.VirtualAddress);
        Assert.Equal(0UL, text.PhysicalAddress);
        Assert.Equal(8UL, text.FileSize);
        Assert.Equal(0x1000UL, text.MemorySize);
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Execute, text.Flags);
        Assert.Equal(s_code, text.Data.ToArray());

        Assert.Equal(2, image.Segments[1].Index); // the PT_NOTE at index 1 is skipped
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Write, image.Segments[1].Flags);

        Assert.True(image.TryGetSymbol("_start", out ElfSymbol start));
        Assert.Equal(0xc0000000UL, start.Value);
        Assert.Equal(8UL, start.Size);
        Assert.Equal(ElfSymbol.TypeFunction, start.Type);
        Assert.Equal(ElfSymbol.BindingGlobal, start.Binding);
        Assert.Equal(ElfSymbol.TypeObject, image.Symbols["counter"].Type);
        Assert.Equal(2, image.SymbolList.Count);
        Assert.Same(text, image.FindSegmentByVirtualAddress(0xc0000fff));
        Assert.Null(image.FindSegmentByVirtualAddress(0xc0001000));
    }

    [Fact]
    public void Parse_Elf64_ReadsHeaderSegmentsAndSymbols()
    {
        byte[] file = new TestElfBuilder { Is64 = true, Machine = 21, Entry = 0xc000000000010000 }
            .Load(0xc000000000010000, 0x10000, s_code, 0x20)
            .Symbol("__start", 0xc000000000010000, 8)
            .Build();

        ElfImage image = ElfImage.Parse(file, "tiny64.elf");

        Assert.Equal(ElfClass.Elf64, image.Class);
        Assert.Equal(ElfMachine.Ppc64, image.Machine);
        Assert.Equal(0xc000000000010000UL, image.Entry);
        ElfSegment s = Assert.Single(image.Segments);
        Assert.Equal(0xc000000000010000UL, s.VirtualAddress);
        Assert.Equal(0x10000UL, s.PhysicalAddress);
        Assert.Equal(0x20UL, s.MemorySize);
        Assert.Equal(s_code, s.Data.ToArray());
        Assert.Equal(0xc000000000010000UL, image.Symbols["__start"].Value);
    }

    [Fact]
    public void Parse_WithoutSectionHeaders_HasNoSymbols()
    {
        ElfImage image = ElfImage.Parse(new TestElfBuilder().Load(0, 0, s_code, 8).Build(), "x");
        Assert.Empty(image.Symbols);
    }

    [Fact]
    public void Load_ReadsTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ppcvirt-elf-{Guid.NewGuid():N}.elf");
        File.WriteAllBytes(path, new TestElfBuilder { Entry = 0x100 }.Load(0x100, 0x100, s_code, 8).Build());
        try
        {
            ElfImage image = ElfImage.Load(path);
            Assert.Equal(path, image.SourceName);
            Assert.Equal(0x100UL, image.Entry);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_IsEnoentWithPath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ppcvirt-missing-{Guid.NewGuid():N}", "vmlinux");
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Load(path));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(new byte[0], "not an ELF file")]
    [InlineData(new byte[] { 0x4d, 0x5a, 0x90, 0x00, 0, 0, 0, 0 }, "not an ELF file")]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 1, 2 }, "truncated ELF identification")]
    public void Parse_NotElf_IsEnoexec(byte[] bytes, string expected)
    {
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(bytes, "junk.bin"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains(expected, e.Message);
        Assert.Contains("junk.bin", e.Message);
    }

    [Fact]
    public void Parse_LittleEndian_IsEnoexec()
    {
        byte[] file = new TestElfBuilder { LittleEndian = true }.Load(0, 0, s_code, 8).Build();
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "le.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains("little-endian", e.Message);
    }

    [Fact]
    public void Parse_X86Machine_IsEnoexec()
    {
        byte[] file = new TestElfBuilder { Machine = 3 }.Load(0, 0, s_code, 8).Build();
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "x86.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains("e_machine is 3 (EM_386), not PowerPC", e.Message);
    }

    [Fact]
    public void Parse_UnknownClass_IsEnoexec()
    {
        byte[] file = new TestElfBuilder().Load(0, 0, s_code, 8).Build();
        file[4] = 7;
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "c.elf"));
        Assert.Contains("unknown ELF class 7", e.Message);
    }

    [Theory]
    [InlineData(false, 40, "truncated ELF header")]
    [InlineData(true, 60, "truncated ELF header")]
    [InlineData(false, 60, "truncated program header table")]
    [InlineData(true, 100, "truncated program header table")]
    public void Parse_Truncated_IsEnoexec(bool is64, int length, string expected)
    {
        byte[] file = new TestElfBuilder { Is64 = is64, Machine = 20 }.Load(0, 0, s_code, 8).Build();
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file.AsSpan(0, length), "cut.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_SegmentOutsideFile_IsEnoexec()
    {
        var builder = new TestElfBuilder();
        byte[] file = builder.Load(0, 0, s_code, 8).Build();
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(builder.ProgramHeaderOffset(0) + 4), 0x10000); // p_offset
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "bad.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains("program header 0 (PT_LOAD) covers file bytes 0x10000+0x8, outside the", e.Message);
    }

    [Fact]
    public void Parse_FileSizeAboveMemorySize_IsEnoexec()
    {
        byte[] file = new TestElfBuilder().Load(0, 0, s_code, 4).Build();
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "bad.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains("p_filesz 0x8 > p_memsz 0x4", e.Message);
    }

    [Fact]
    public void Parse_WrongProgramHeaderEntrySize_IsEnoexec()
    {
        byte[] file = new TestElfBuilder().Load(0, 0, s_code, 8).Build();
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(42), 40);
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file, "bad.elf"));
        Assert.Contains("e_phentsize is 40, expected 32", e.Message);
    }

    [Fact]
    public void Parse_SymbolTableOutsideFile_IsEnoexec()
    {
        byte[] file = new TestElfBuilder().Load(0, 0, s_code, 8).Symbol("x", 0, 0).Build();
        KvmException e = Assert.Throws<KvmException>(() => ElfImage.Parse(file.AsSpan(0, file.Length - 10), "bad.elf"));
        Assert.Equal(Errno.ENOEXEC, e.Errno);
        Assert.Contains("section header table", e.Message);
    }
}
