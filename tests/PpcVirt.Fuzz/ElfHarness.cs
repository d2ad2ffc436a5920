using System.Buffers.Binary;
using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Memory;

namespace PpcVirt.Fuzz;

/// <summary>
/// Fuzzes <see cref="ElfImage.Parse"/> and <see cref="ElfLoader"/> on mutated guest ELFs (the
/// committed Bamboo guests and a minimal image), with edits aimed at the ELF header and program
/// header fields (System V gABI, "ELF Header" and "Program Header"). Documented outcome: an image,
/// or <see cref="KvmException"/> ENOEXEC from parsing; then <see cref="ElfLoader.LoadInto"/> into
/// 16 MiB of RAM at PA 0 succeeds or fails with EFAULT. Anything else is a failure.
/// </summary>
public sealed class ElfHarness : IFuzzHarness, IDisposable
{
    /// <summary>Longest input generated, in bytes.</summary>
    public const int MaxInputBytes = 64 * 1024;

    private static readonly byte[][] s_dictionary =
    [
        [0x7F, (byte)'E', (byte)'L', (byte)'F'], [0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 6], [0x70, 0, 0, 0], [0, 0x14], [0, 0x15],
        [0xFF, 0xFF, 0xFF, 0xFF], [0x80, 0, 0, 0], [0, 0, 0, 0], [0, 0x20], [0, 0x38], [0, 0x28], [0, 0x40],
    ];

    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly Vm _vm;

    /// <summary>Creates the harness over the ELF seeds of <paramref name="corpus"/>, with its own VM for loading.</summary>
    public ElfHarness(FuzzCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _seeds = corpus.Elfs;
        _vm = new Vm(CpuFamily.Ppc440);
        HostMemory ram = _vm.AllocateHostMemory(16 << 20);
        _vm.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, 16 << 20, ram);
    }

    /// <inheritdoc/>
    public long Accepted { get; private set; }

    /// <inheritdoc/>
    public string Name => "elf";

    /// <inheritdoc/>
    public byte[] Generate(FuzzRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        byte[] seed = random.Pick(_seeds);
        if (random.OneIn(3))
        {
            return Mutator.Mutate(random, seed, _seeds, s_dictionary, MaxInputBytes);
        }

        // Structure-aware: overwrite header or program header fields with boundary values.
        byte[] f = (byte[])seed.Clone();
        bool is64 = f.Length > 4 && f[4] == 2;
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            (int at, int width) = PickField(random, f, is64);
            if ((long)at + width <= f.Length)
            {
                ulong v = Mutator.InterestingValue(random, f.Length);
                if (width == 2)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(at), (ushort)v);
                }
                else if (width == 4)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(at), (uint)v);
                }
                else
                {
                    BinaryPrimitives.WriteUInt64BigEndian(f.AsSpan(at), v);
                }
            }
        }

        return random.OneIn(4) ? Mutator.Mutate(random, f, _seeds, s_dictionary, MaxInputBytes, 2) : f;
    }

    /// <inheritdoc/>
    public string? Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ElfImage image;
        try
        {
            image = ElfImage.Parse(input, "fuzz.elf");
        }
        catch (KvmException e) when (e.Errno == Errno.ENOEXEC)
        {
            return null;
        }

        Accepted++;
        ulong[] sizes = ElfLoader.LoadSizes(image);
        if (sizes.Length != image.Segments.Count)
        {
            return $"LoadSizes gave {sizes.Length} sizes for {image.Segments.Count} segments";
        }

        _ = ElfLoader.EntryPoint(image);
        _ = image.FindSegmentByVirtualAddress(image.Entry);
        _ = image.ToString();
        foreach (ElfSymbol s in image.SymbolList)
        {
            if (!image.TryGetSymbol(s.Name, out _))
            {
                return $"symbol '{s.Name}' is listed but not found by name";
            }
        }

        try
        {
            ElfLoader.LoadInto(image, _vm.Memory);
        }
        catch (KvmException e) when (e.Errno == Errno.EFAULT)
        {
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose() => _vm.Dispose();

    private static (int At, int Width) PickField(FuzzRandom r, byte[] f, bool is64)
    {
        if (r.OneIn(2))
        {
            // ELF header: e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx.
            (int, int)[] header = is64
                ? [(16, 2), (18, 2), (20, 4), (24, 8), (32, 8), (40, 8), (48, 4), (52, 2), (54, 2), (56, 2), (58, 2), (60, 2), (62, 2)]
                : [(16, 2), (18, 2), (20, 4), (24, 4), (28, 4), (32, 4), (36, 4), (40, 2), (42, 2), (44, 2), (46, 2), (48, 2), (50, 2)];
            return r.Pick(header);
        }

        if (r.OneIn(2))
        {
            // A program header field (p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align).
            ulong phoff = f.Length >= 64 ? (is64 ? BinaryPrimitives.ReadUInt64BigEndian(f.AsSpan(32)) : BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(28))) : 0;
            int phnum = f.Length >= 64 ? BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(is64 ? 56 : 44)) : 1;
            int entry = is64 ? 56 : 32;
            int field = r.Next(8);
            int offset = is64 ? (field switch { 0 => 0, 1 => 4, _ => 8 * (field - 1) }) : 4 * field;
            int width = is64 && field >= 2 ? 8 : 4;
            return ((int)Math.Min(phoff + (ulong)(r.Next(Math.Max(1, phnum)) * entry) + (ulong)offset, int.MaxValue), width);
        }

        // A section header field (sh_name, sh_type, sh_offset, sh_size, sh_link, sh_entsize …).
        ulong shoff = f.Length >= 64 ? (is64 ? BinaryPrimitives.ReadUInt64BigEndian(f.AsSpan(40)) : BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(32))) : 0;
        int shnum = f.Length >= 64 ? BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(is64 ? 60 : 48)) : 1;
        int size = is64 ? 64 : 40;
        int w = is64 ? 8 : 4;
        return ((int)Math.Min(shoff + (ulong)(r.Next(Math.Max(1, shnum)) * size) + (ulong)(4 * r.Next(size / 4)), int.MaxValue), r.OneIn(2) ? 4 : w);
    }
}
