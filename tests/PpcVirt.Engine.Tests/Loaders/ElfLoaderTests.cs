using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Memory;
using Xunit;

namespace PpcVirt.Engine.Tests.Loaders;

public sealed class ElfLoaderTests : IDisposable
{
    private const int RamBytes = 1 << 20;
    private readonly HostMemory _ram = new(RamBytes);
    private readonly PhysicalMemoryMap _memory = new();

    public ElfLoaderTests()
    {
        _memory.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, RamBytes, _ram);
        _ram.AsSpan(0, RamBytes).Fill(0xAA); // make zero-fill observable
    }

    public void Dispose() => _ram.Dispose();

    [Fact]
    public void LoadInto_CopiesToPhysicalAddressAndZeroFillsBss()
    {
        byte[] text = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] data = [0x11, 0x22, 0x33];
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0xc0000000 }
                .Load(0xc0000000, 0x2000, text, 0x10, flags: 5)
                .Load(0xc0004000, 0x6000, data, 0x100, flags: 6)
                .Build(),
            "k.elf");

        ElfLoader.LoadInto(image, _memory);

        Assert.Equal(text, Read(0x2000, 8));
        Assert.All(Read(0x2008, 8), b => Assert.Equal(0, b));
        Assert.Equal(0xAA, Read(0x2010, 1)[0]); // beyond memsz untouched
        Assert.Equal(data, Read(0x6000, 3));
        Assert.All(Read(0x6003, 0x100 - 3), b => Assert.Equal(0, b));
        Assert.Equal(0xAA, Read(0x6100, 1)[0]);
        Assert.Equal(0xAA, Read(0x1fff, 1)[0]);
    }

    [Fact]
    public void LoadInto_LinuxVmlinux_EntryBecomesPhysical()
    {
        // Reference: e_entry 0xc0000000, one LOAD vaddr 0xc0000000 paddr 0 → PC = 0.
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0xc0000000 }.Load(0xc0000000, 0, new byte[64], 0x1000, flags: 7).Build(), "vmlinux");

        Assert.Equal(0UL, ElfLoader.LoadInto(image, _memory));
    }

    [Fact]
    public void EntryPoint_OffsetInsideSegmentIsKept()
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0xc0000010 }.Load(0xc0000000, 0x400000, new byte[64], 64, flags: 5).Build(), "k");
        Assert.Equal(0x400010UL, ElfLoader.EntryPoint(image));
    }

    [Fact]
    public void EntryPoint_IdentityMappedImageKeepsEntry()
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0x100 }.Load(0x100, 0x100, new byte[64], 64).Build(), "hello");
        Assert.Equal(0x100UL, ElfLoader.LoadInto(image, _memory));
    }

    [Theory]
    [InlineData(6u, 0xc0000000UL)] // not executable: no conversion (QEMU requires PF_X)
    [InlineData(5u, 0x0UL)]
    public void EntryPoint_RequiresExecutableSegment(uint flags, ulong expected)
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0xc0000000 }.Load(0xc0000000, 0, new byte[16], 16, flags).Build(), "k");
        Assert.Equal(expected, ElfLoader.EntryPoint(image));
    }

    [Fact]
    public void EntryPoint_EntryInBssIsNotConverted()
    {
        // QEMU tests e_entry against [p_vaddr, p_vaddr + p_filesz), not p_memsz.
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Entry = 0xc0000020 }.Load(0xc0000000, 0, new byte[16], 0x100, flags: 7).Build(), "k");
        Assert.Equal(0xc0000020UL, ElfLoader.EntryPoint(image));
    }

    [Fact]
    public void EntryPoint_Elf64_IsNotTruncated()
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder { Is64 = true, Machine = 21, Entry = 0xc000000000000100 }
                .Load(0xc000000000000000, 0x1_0000_0000, new byte[0x200], 0x200, flags: 5).Build(),
            "k64");
        Assert.Equal(0x1_0000_0100UL, ElfLoader.EntryPoint(image));
    }

    [Fact]
    public void LoadInto_SegmentOutsideRam_IsEfaultAndWritesNothing()
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder()
                .Load(0x1000, 0x1000, [1, 2, 3, 4], 4)
                .Load(0x2000, RamBytes - 8, [5, 6, 7, 8], 16)
                .Build(),
            "big.elf");

        KvmException e = Assert.Throws<KvmException>(() => ElfLoader.LoadInto(image, _memory));

        Assert.Equal(Errno.EFAULT, e.Errno);
        Assert.Contains("big.elf", e.Message);
        Assert.Contains($"0x{RamBytes:x} is outside every memory slot", e.Message);
        Assert.Equal(0xAA, Read(0x1000, 1)[0]);
    }

    [Fact]
    public void LoadInto_SegmentAcrossAdjacentSlots_Loads()
    {
        using var more = new HostMemory(4096);
        _memory.SetUserMemoryRegion(1, MemorySlotFlags.None, RamBytes, 4096, more);
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder().Load(0, RamBytes - 2, [1, 2, 3, 4], 8).Build(), "span.elf");

        ElfLoader.LoadInto(image, _memory);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 0, 0, 0, 0 }, Read(RamBytes - 2, 8));
    }

    [Fact]
    public void LoadSizes_BssOverlappingAnotherSegmentIsTruncated()
    {
        // QEMU: when [paddr+filesz, paddr+memsz) overlaps another PT_LOAD only filesz bytes are loaded.
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder()
                .Load(0x1000, 0x1000, [1, 2, 3, 4], 0x2000)
                .Load(0x2000, 0x2000, [5, 6, 7, 8], 4)
                .Build(),
            "rom.elf");

        Assert.Equal(new ulong[] { 4, 4 }, ElfLoader.LoadSizes(image));
        ElfLoader.LoadInto(image, _memory);
        Assert.Equal(0xAA, Read(0x1004, 1)[0]);
        Assert.Equal(new byte[] { 5, 6, 7, 8 }, Read(0x2000, 4));
    }

    [Fact]
    public void LoadInto_ZeroSizedSegmentIsSkipped()
    {
        ElfImage image = ElfImage.Parse(
            new TestElfBuilder().Load(0, 0x7000_0000, [], 0).Load(0x100, 0x100, [1], 1).Build(), "z.elf");
        ElfLoader.LoadInto(image, _memory);
        Assert.Equal(1, Read(0x100, 1)[0]);
    }

    private byte[] Read(ulong gpa, int length)
    {
        byte[] buffer = new byte[length];
        _memory.Read(gpa, buffer);
        return buffer;
    }
}
