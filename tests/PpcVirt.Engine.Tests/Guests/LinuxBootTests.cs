using System.Text.RegularExpressions;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Machines;
using Xunit;

namespace PpcVirt.Engine.Tests.Guests;

/// <summary>
/// Unmodified Linux 6.1 (Debian linux-source-6.1, built by linux/build-bamboo-kernel.sh) boots on
/// the Bamboo machine to its /init, prints the same console log as QEMU 7.2 -M bamboo (timestamps
/// aside), and its reboot comes back as a Reset exit (DBCR0[RST]).
/// </summary>
public sealed partial class LinuxBootTests
{
    [GeneratedRegex(@"^\[ *\d+\.\d+\] ")]
    private static partial Regex Timestamp();

    private static string[] Normalize(string text) =>
        text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => Timestamp().Replace(l, string.Empty)).ToArray();

    [Fact]
    public void GoldenLogWasRecordedFromTheKernelTheScriptBuilds()
    {
        Assert.Equal(LinuxKernel.GoldenSha256(), LinuxKernel.Sha256(LinuxKernel.Path));
    }

    [Fact]
    public void LinuxBootsToInitPrintsQemusLogAndResets()
    {
        using Machine m = Machine.Create(new MachineOptions { KernelPath = LinuxKernel.Path, CommandLine = "console=ttyS0,115200" });

        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 2_000_000_000, Timeout = TimeSpan.FromMinutes(3) });

        Assert.Equal(ExitReason.Reset, exit.Reason);
        string[] ours = Normalize(m.Console.OutputText);
        string[] qemu = Normalize(File.ReadAllText(LinuxKernel.GoldenLog));
        Assert.Contains("PPCVIRT-INIT-OK", ours);
        Assert.Contains("cpu\t\t: 440EP Rev. B", ours);
        for (int i = 0; i < Math.Min(ours.Length, qemu.Length); i++)
        {
            Assert.True(qemu[i] == ours[i], $"boot log line {i + 1}:\n qemu: {qemu[i]}\n ours: {ours[i]}");
        }

        Assert.Equal(qemu.Length, ours.Length);
    }

    [Fact]
    public void TheGuestShellAnswersWhatTheHostTypes()
    {
        using Machine m = Machine.Create(new MachineOptions { KernelPath = LinuxKernel.Path, CommandLine = "console=ttyS0,115200 ppcvirt_end=shell" });
        for (int i = 0; i < 2000 && !m.Console.OutputText.Contains("ppcvirt# ", StringComparison.Ordinal); i++)
        {
            Assert.Equal(ExitReason.InstructionLimit, m.Run(new RunOptions { MaxInstructions = 1_000_000 }).Reason);
        }

        m.Console.SendInput("echo ping-42\rreboot\r"u8);
        VcpuExit exit = m.Run(new RunOptions { MaxInstructions = 2_000_000_000, Timeout = TimeSpan.FromMinutes(1) });

        Assert.Equal(ExitReason.Reset, exit.Reason);
        string[] lines = Normalize(m.Console.OutputText);
        Assert.Contains("ping-42", lines);
        Assert.Contains("PPCVIRT-END: reboot", lines.Select(l => l.Replace("ppcvirt# ", string.Empty, StringComparison.Ordinal)));
    }
}
