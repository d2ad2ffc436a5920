using System.Text;
using PpcVirt.Engine.Loaders;

namespace PpcVirt.Fuzz;

/// <summary>
/// The seed inputs the harnesses mutate, read from this repository only: the profiles under
/// <c>examples/profiles</c>, the committed guest ELFs under <c>tests/guests/bamboo</c>, and Bamboo
/// device trees the engine builds (<see cref="BambooDeviceTree"/>). Files are taken in ordinal
/// name order so a seed and case number always mean the same input. Built-in seeds (a minimal
/// profile, the inputs of issue 14) are always present, so a harness also runs without the repository.
/// </summary>
public sealed class FuzzCorpus
{
    private FuzzCorpus(IReadOnlyList<byte[]> profiles, IReadOnlyList<byte[]> elfs, IReadOnlyList<byte[]> deviceTrees)
    {
        Profiles = profiles;
        Elfs = elfs;
        DeviceTrees = deviceTrees;
    }

    /// <summary>Profile texts (UTF-8).</summary>
    public IReadOnlyList<byte[]> Profiles { get; }

    /// <summary>ELF files.</summary>
    public IReadOnlyList<byte[]> Elfs { get; }

    /// <summary>Flattened devicetree blobs.</summary>
    public IReadOnlyList<byte[]> DeviceTrees { get; }

    /// <summary>Loads the corpus from the repository at <paramref name="repositoryRoot"/> (null: built-in and engine-made seeds only).</summary>
    /// <param name="repositoryRoot">The folder holding PpcVirt.sln, or null.</param>
    public static FuzzCorpus Load(string? repositoryRoot)
    {
        var profiles = new List<byte[]>();
        var elfs = new List<byte[]>();
        if (repositoryRoot is not null)
        {
            profiles.AddRange(ReadAll(Path.Combine(repositoryRoot, "examples", "profiles"), "*.yaml"));
            elfs.AddRange(ReadAll(Path.Combine(repositoryRoot, "tests", "guests", "bamboo"), "*.elf"));
        }

        foreach (string text in BuiltInProfiles)
        {
            profiles.Add(Encoding.UTF8.GetBytes(text));
        }

        elfs.Add(MinimalElf32());
        var trees = new List<byte[]>
        {
            BambooDeviceTree.Build(128L << 20, "console=ttyS0,115200"),
            BambooDeviceTree.Build(1L << 20, string.Empty),
            SmallTree(),
        };
        return new FuzzCorpus(profiles, elfs, trees);
    }

    /// <summary>The folder holding PpcVirt.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (string? dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "PpcVirt.sln")))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>Profiles always in the corpus: a minimal valid one, a full one, and the crashing inputs of issue 14.</summary>
    public static IReadOnlyList<string> BuiltInProfiles { get; } =
    [
        "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata:\n  name: m\nspec:\n  machine: bamboo\n",
        "apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata: {name: f, description: \"d\"}\nspec: {machine: bamboo, cpu: 440EP, memory: 64MiB, kernel: k.elf, commandLine: 'c', limits: {maxInstructions: 5, timeoutSeconds: 1.5}}\n",
        "*a : 1\nb: &a x\n",
        "{*a : 1, &a b: 2}",
        "\0: d",
        ": !!]",
    ];

    private static IEnumerable<byte[]> ReadAll(string folder, string pattern)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        string[] files = Directory.GetFiles(folder, pattern);
        Array.Sort(files, StringComparer.Ordinal);
        return files.Select(File.ReadAllBytes).ToArray();
    }

    private static byte[] SmallTree()
    {
        var tree = new FdtBuilder { BootCpuIdPhys = 1 };
        tree.AddReservation(0x1000, 0x2000);
        FdtNode a = tree.Root.AddCells("#address-cells", 1).AddNode("a@0");
        a.AddString("compatible", "x,y").AddProperty("empty", []).AddNode("b").AddU64("v", 0x1234_5678_9ABC_DEF0);
        tree.AllocatePhandle(a);
        return tree.ToBlob();
    }

    /// <summary>A 32-bit big-endian EM_PPC executable with one PT_LOAD of 8 bytes at 0x1000 (two `b .` words), built by hand after the System V gABI ELF header layout.</summary>
    private static byte[] MinimalElf32()
    {
        byte[] f = new byte[0x60];
        f[0] = 0x7F;
        f[1] = (byte)'E';
        f[2] = (byte)'L';
        f[3] = (byte)'F';
        f[4] = 1; // ELFCLASS32
        f[5] = 2; // ELFDATA2MSB
        f[6] = 1; // EV_CURRENT
        Be16(f, 16, 2); // ET_EXEC
        Be16(f, 18, 20); // EM_PPC
        Be32(f, 20, 1);
        Be32(f, 24, 0x1000); // e_entry
        Be32(f, 28, 52); // e_phoff
        Be16(f, 40, 52); // e_ehsize
        Be16(f, 42, 32); // e_phentsize
        Be16(f, 44, 1); // e_phnum
        Be16(f, 46, 40); // e_shentsize
        Be32(f, 52, 1); // PT_LOAD
        Be32(f, 56, 0x58); // p_offset
        Be32(f, 60, 0x1000); // p_vaddr
        Be32(f, 64, 0x1000); // p_paddr
        Be32(f, 68, 8); // p_filesz
        Be32(f, 72, 0x20); // p_memsz
        Be32(f, 76, 5); // PF_R | PF_X
        Be32(f, 80, 4); // p_align
        Be32(f, 0x58, 0x4800_0000);
        Be32(f, 0x5C, 0x4800_0000);
        return f;
    }

    private static void Be16(byte[] f, int at, ushort v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(at), v);

    private static void Be32(byte[] f, int at, uint v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(at), v);
}
