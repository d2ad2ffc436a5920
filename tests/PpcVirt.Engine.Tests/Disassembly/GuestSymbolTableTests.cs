using PpcVirt.Engine.Disassembly;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Tests.Loaders;
using Xunit;

namespace PpcVirt.Engine.Tests.Disassembly;

/// <summary>
/// Guest symbols from ELF symbol tables and System.map files. Expected addresses and sizes of the
/// bamboo guests are what <c>powerpc-linux-gnu-nm -S tests/guests/bamboo/hello.elf</c> prints.
/// </summary>
public sealed class GuestSymbolTableTests
{
    private static string Guest(string name) => Path.Combine(RepositoryPaths.BambooGuests, name);

    [Fact]
    public void HelloElf_ResolvesNamesToTheAddressesNmPrints()
    {
        GuestSymbolTable t = GuestSymbolTable.Load(Guest("hello.elf"));

        Assert.True(t.TryResolve("main", out GuestSymbol main));
        Assert.Equal((0x18F8UL, 0x2CUL, true, true), (main.Address, main.Size, main.IsCode, main.IsGlobal));
        Assert.True(t.TryResolve("puts_", out GuestSymbol puts));
        Assert.Equal((0x13DCUL, 0x44UL), (puts.Address, puts.Size));
        Assert.True(t.TryResolve("_init", out GuestSymbol init));
        Assert.Equal(0x1258UL, init.Address);
        Assert.False(init.IsGlobal);
        Assert.False(t.TryResolve("Main", out _));

        // Absolute symbols (nm type A) are not labels.
        Assert.False(t.TryResolve("_stack_top", out _));
    }

    [Theory]
    [InlineData(0x0000UL, "_start")]
    [InlineData(0x0900UL, "_start+0x900")]
    [InlineData(0x1258UL, "_init")]
    [InlineData(0x1260UL, "_init+0x8")]
    [InlineData(0x18F8UL, "main")]
    [InlineData(0x1908UL, "main+0x10")]
    [InlineData(0x1923UL, "main+0x2b")]
    [InlineData(0x19A4UL, "exc_hooks+0x4")]
    public void HelloElf_LabelsAddressesWithTheNearestPrecedingSymbol(ulong address, string label)
    {
        GuestSymbolTable t = GuestSymbolTable.Load(Guest("hello.elf"));

        Assert.Equal(label, t.Label(address));
    }

    [Theory]
    [InlineData(0x1924UL)] // past main's st_size, .rodata has no symbol
    [InlineData(0x2000UL)] // past the end of the only PT_LOAD (memsz 0x19e0)
    [InlineData(0x0080_0000UL)] // _stack_top is absolute: never a label
    public void HelloElf_AddressesNoSymbolCoversHaveNoLabel(ulong address)
    {
        GuestSymbolTable t = GuestSymbolTable.Load(Guest("hello.elf"));

        Assert.Null(t.Label(address));
        Assert.False(t.TryLookup(address, out _, out _));
    }

    [Theory]
    [InlineData("hello.elf")]
    [InlineData("integer.elf")]
    [InlineData("interrupts.elf")]
    [InlineData("tlb.elf")]
    [InlineData("fpu.elf")]
    [InlineData("uart.elf")]
    public void EveryBambooGuest_HasMainAndTheCrt0Entry(string file)
    {
        GuestSymbolTable t = GuestSymbolTable.Load(Guest(file));
        ElfImage image = ElfImage.Load(Guest(file));

        Assert.True(t.TryResolve("main", out GuestSymbol main));
        Assert.True(main.IsCode);
        Assert.True(t.TryResolve("_start", out GuestSymbol start));
        Assert.Equal(image.Entry, start.Address);
        Assert.Equal("main", t.Label(main.Address));
    }

    [Fact]
    public void Elf64_SymbolsAreReadAndPhysicalAddressesMapToVirtual()
    {
        byte[] elf = new TestElfBuilder { Is64 = true, Machine = 21, Entry = 0xC000_0000_0000_0100 }
            .Load(0xC000_0000_0000_0000, 0x0, new byte[0x1000], 0x2000)
            .Symbol("start_here", 0xC000_0000_0000_0100, 0x40)
            .Symbol("data_word", 0xC000_0000_0000_1000, 8, type: 1)
            .Build();

        GuestSymbolTable t = GuestSymbolTable.FromElf(ElfImage.Parse(elf, "vmlinux64"));

        Assert.Equal("start_here+0x10", t.Label(0xC000_0000_0000_0110));
        Assert.Equal("data_word", t.Label(0xC000_0000_0000_1000));
        Assert.Null(t.Label(0xC000_0000_0000_0140));
        Assert.Equal(0xC000_0000_0000_0110UL, t.ToVirtual(0x110));
        Assert.Null(t.ToVirtual(0x2000));
    }

    [Fact]
    public void SystemMap_SkipsUndefinedAndAbsoluteAndLabelsUpToTheNextSymbol()
    {
        const string map = """
            c0000000 T _start
            c0000100 t interrupt_base
            c0002000 T start_kernel
            c0400000 A __abs_marker
            00000000 U undefined_thing
            c0800000 D init_task

            c0900000 b __bss_local
            """;

        GuestSymbolTable t = GuestSymbolTable.ParseSystemMap(new StringReader(map), "System.map");

        Assert.Equal("_start+0xff", t.Label(0xC000_00FF));
        Assert.Equal("start_kernel+0x10", t.Label(0xC000_2010));
        Assert.Equal("start_kernel+0x7fdff0", t.Label(0xC07F_FFF0));
        Assert.True(t.TryResolve("init_task", out GuestSymbol task));
        Assert.False(task.IsCode);
        Assert.True(t.TryResolve("start_kernel", out GuestSymbol sk));
        Assert.True(sk.IsCode);
        Assert.False(t.TryResolve("__abs_marker", out _));
        Assert.False(t.TryResolve("undefined_thing", out _));
        Assert.Null(t.Label(0xBFFF_FFFF));
        Assert.Null(t.ToVirtual(0));
    }

    [Fact]
    public void SystemMap_MalformedLine_NamesTheLine()
    {
        var e = Assert.Throws<FormatException>(() => GuestSymbolTable.ParseSystemMap(new StringReader("c0000000 T _start\nnot a map line at all\n"), "map.txt"));

        Assert.StartsWith("map.txt:2:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextThatIsNotAMap_IsEnoexecAndMissingFileIsEnoent()
    {
        string dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "scratch", "ppcvirt-sym-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            string bad = Path.Combine(dir, "notes.txt");
            File.WriteAllText(bad, "hello world\n");

            Assert.Equal(Errno.ENOEXEC, Assert.Throws<KvmException>(() => GuestSymbolTable.Load(bad)).Errno);
            Assert.Equal(Errno.ENOENT, Assert.Throws<KvmException>(() => GuestSymbolTable.Load(Path.Combine(dir, "nosuch.map"))).Errno);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FormatLabel_WritesIntoTheSpanAndReportsTooSmallBuffers()
    {
        GuestSymbolTable t = GuestSymbolTable.Load(Guest("hello.elf"));
        Span<char> buffer = stackalloc char[64];

        int n = t.FormatLabel(0x1908, buffer);

        Assert.Equal("main+0x10", new string(buffer[..n]));
        Assert.Equal(-1, t.FormatLabel(0x2000, buffer));
        Assert.True(t.FormatLabel(0x1908, buffer[..4]) > 4);
    }

    [Fact]
    public void Disassembler_LabelsEachLineWithTheKernelsSymbols()
    {
        using Machine m = Machine.Create(new MachineOptions { KernelPath = Guest("hello.elf") });
        GuestSymbolTable t = GuestSymbolTable.Load(Guest("hello.elf"));
        t.TryResolve("main", out GuestSymbol main);

        IReadOnlyList<DisassembledInstruction> list = GuestDisassembler.Disassemble(m.Vcpu, main.Address, 3, physical: true, t);

        Assert.Equal(["main", "main+0x4", "main+0x8"], list.Select(i => i.Symbol));
        Assert.Equal("stwu", list[0].TableMnemonic);
        Assert.All(GuestDisassembler.Disassemble(m.Vcpu, main.Address, 2, physical: true), i => Assert.Null(i.Symbol));
    }
}
