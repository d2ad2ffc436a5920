using Xunit;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;

namespace PpcVirt.Engine.Tests.Guests;

/// <summary>
/// Runs every freestanding guest in tests/guests/bamboo and compares its UART output with QEMU's
/// golden transcript byte for byte, except on the lines listed as known QEMU deviations, where the
/// architected text is required instead.
/// </summary>
public sealed class BambooGoldenTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (string golden in Directory.GetFiles(RepositoryPaths.BambooGuests, "*.golden").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(golden));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void GuestPrintsWhatTheArchitectureAndQemuAgreeOn(string program)
    {
        string elf = Path.Combine(RepositoryPaths.BambooGuests, program + ".elf");
        GoldenFile golden = GoldenFile.Load(Path.Combine(RepositoryPaths.BambooGuests, program + ".golden"));
        using Machine machine = Machine.Create(new MachineOptions { KernelPath = elf });

        VcpuExit exit = machine.Run(new RunOptions { MaxInstructions = 4_000_000_000, Timeout = TimeSpan.FromMinutes(5) });

        Assert.Equal(ExitReason.Reset, exit.Reason);
        string[] ours = machine.Console.OutputText.Split('\n');
        string[] expected = golden.Expected();
        for (int i = 0; i < Math.Min(ours.Length, expected.Length); i++)
        {
            Assert.True(expected[i] == ours[i], $"{program}.golden line {i + 1}:\n expected: {expected[i]}\n actual:   {ours[i]}");
        }

        Assert.Equal(expected.Length, ours.Length);
    }

    [Fact]
    public void EveryGoldenHasItsElfAndEveryDeviationMatchesItsLine()
    {
        foreach (string golden in Directory.GetFiles(RepositoryPaths.BambooGuests, "*.golden"))
        {
            Assert.True(File.Exists(Path.ChangeExtension(golden, ".elf")), golden);
            _ = GoldenFile.Load(golden).Expected();
        }

        Assert.NotEmpty(Directory.GetFiles(RepositoryPaths.BambooGuests, "*.golden"));
    }
}
