using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;
using PpcVirt.Engine.Profiles;
using Xunit;

namespace PpcVirt.Engine.Tests.Profiles;

/// <summary>Profiles written back as YAML load to the same values (docs/profile-schema.md).</summary>
public sealed class MachineProfileWriterTests
{
    private static string Examples => Path.Combine(RepositoryPaths.Root, "examples", "profiles");

    public static TheoryData<string> ExampleProfiles() => [.. Directory.GetFiles(Examples, "*.yaml").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(ExampleProfiles))]
    public void ExampleProfile_RoundTripsToTheSameValues(string file)
    {
        MachineProfile original = MachineProfileLoader.LoadFile(Path.Combine(Examples, file));

        string yaml = MachineProfileWriter.ToYaml(original, Examples);
        MachineProfile back = MachineProfileLoader.Parse(yaml, "<copy>", Examples);

        AssertSame(original, back);
    }

    [Fact]
    public void KernelUnderTheProfileFolder_IsWrittenRelativeWithSlashes_ElseAbsolute()
    {
        string guests = Path.Combine(RepositoryPaths.Root, "tests", "guests");
        string kernel = Path.Combine(guests, "bamboo", "hello.elf");
        var p = new MachineProfile { Name = "k", KernelPath = kernel };

        Assert.Contains("kernel: \"bamboo/hello.elf\"", MachineProfileWriter.ToYaml(p, guests), StringComparison.Ordinal);
        Assert.Contains($"kernel: \"{kernel}\"", MachineProfileWriter.ToYaml(p, Examples), StringComparison.Ordinal);
        Assert.Contains($"kernel: \"{kernel}\"", MachineProfileWriter.ToYaml(p, null), StringComparison.Ordinal);
        Assert.Equal(kernel, MachineProfileLoader.Parse(MachineProfileWriter.ToYaml(p, guests), "<t>", guests).KernelPath);

        // A sibling folder whose name starts with the profile folder's is not "under" it.
        Assert.Equal(kernel, MachineProfileWriter.KernelPathFor(kernel, Path.Combine(RepositoryPaths.Root, "tests", "gue")));
    }

    [Fact]
    public void ValuesThatLookLikeNullNumbersOrEmpty_StayStrings()
    {
        var p = new MachineProfile
        {
            Name = "123",
            Description = "null",
            CommandLine = string.Empty,
            MemoryBytes = 1536 * ByteSize.MiB,
            MaxInstructions = ulong.MaxValue,
            TimeoutSeconds = 2.5,
        };

        string yaml = MachineProfileWriter.ToYaml(p, null);
        MachineProfile back = MachineProfileLoader.Parse(yaml, "<t>", null);

        AssertSame(p, back);
        Assert.Contains("memory: 1536MiB", yaml, StringComparison.Ordinal);
        Assert.Contains("commandLine: \"\"", yaml, StringComparison.Ordinal);
        Assert.StartsWith(MachineProfileWriter.HeaderComment + "\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("...", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileThatWouldNotLoadBack_IsRefusedWithTheLoadersReason()
    {
        var p = new MachineProfile { Name = "bad name", MemoryBytes = 1_000_000 };

        ProfileException e = Assert.Throws<ProfileException>(() => MachineProfileWriter.ToYaml(p, null));

        Assert.StartsWith("metadata.name:", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelCheck_MissingDirectoryAndNonElf_ArePositionedAtSpecKernel()
    {
        string dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "scratch", "ppcvirt-profile-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "notelf.bin"), "not an ELF");
            Directory.CreateDirectory(Path.Combine(dir, "adir"));
            foreach ((string kernel, Errno errno) in new[] { ("nosuch.elf", Errno.ENOENT), ("adir", Errno.ENOENT), ("notelf.bin", Errno.ENOEXEC) })
            {
                string yaml = $"apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata:\n  name: k\nspec:\n  machine: bamboo\n  kernel: {kernel}\n";
                MachineProfile p = MachineProfileLoader.Parse(yaml, Path.Combine(dir, "p.yaml"), dir);

                (ProfileException problem, Errno got) = Assert.NotNull(ProfileKernelCheck.Check(p, yaml));

                Assert.Equal(errno, got);
                Assert.Equal((7, 11), (problem.Line, problem.Column));
                Assert.StartsWith("spec.kernel:", problem.Reason, StringComparison.Ordinal);
            }

            string good = $"apiVersion: ppcvirt.dev/v1\nkind: MachineProfile\nmetadata:\n  name: k\nspec:\n  machine: bamboo\n  kernel: {Path.Combine(RepositoryPaths.BambooGuests, "hello.elf")}\n";
            Assert.Null(ProfileKernelCheck.Check(MachineProfileLoader.Parse(good, "<t>", dir), good));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertSame(MachineProfile expected, MachineProfile actual)
    {
        Assert.Equal(
            (expected.Name, expected.Description, expected.Machine, expected.Cpu, expected.MemoryBytes, expected.KernelPath, expected.CommandLine, expected.MaxInstructions, expected.TimeoutSeconds),
            (actual.Name, actual.Description, actual.Machine, actual.Cpu, actual.MemoryBytes, actual.KernelPath, actual.CommandLine, actual.MaxInstructions, actual.TimeoutSeconds));
        Assert.Equal(MachineType.Bamboo, actual.Machine);
    }
}
