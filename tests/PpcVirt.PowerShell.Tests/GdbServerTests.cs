using System.Buffers.Binary;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Tests.Shared;
using SmaPowerShell = System.Management.Automation.PowerShell;

namespace PpcVirt.PowerShell.Tests;

/// <summary>Start-PpcGdbServer: the real gdb-multiarch drives a guest through the cmdlet; Ctrl-C ends a session.</summary>
public sealed partial class GdbServerTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    public void Dispose() => _ps.Dispose();

    [GeneratedRegex(@"on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Announcement();

    private static string HelloElf => Path.Combine(PowerShellSession.RepoRoot, "tests", "guests", "bamboo", "hello.elf");

    /// <summary>Starts <c>Start-PpcGdbServer -Port 0</c> on a VM running hello.elf and returns the announced port.</summary>
    private (SmaPowerShell Ps, IAsyncResult Invocation, int Port) StartServer(string name)
    {
        var ps = SmaPowerShell.Create();
        ps.Runspace = _ps.Runspace;
        ps.AddScript("$vm = New-PpcVm -Name $args[0] -KernelPath $args[1]; Start-PpcGdbServer -Vm $vm -Port 0 -Quiet").AddArgument(name).AddArgument(HelloElf);
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        ps.Streams.Information.DataAdded += (_, e) =>
        {
            Match m = Announcement().Match(ps.Streams.Information[e.Index].MessageData?.ToString() ?? string.Empty);
            if (m.Success)
            {
                port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        IAsyncResult invocation = ps.BeginInvoke();
        // Safety timeout only.
        Assert.True(port.Task.Wait(TimeSpan.FromMinutes(1)), "Start-PpcGdbServer did not announce its port");
        return (ps, invocation, port.Task.Result);
    }

    [GdbMultiarchFact]
    public void StartPpcGdbServer_GdbMultiarchBreaksBySymbolReadsRegistersAndMemoryStepsAndDetaches()
    {
        string name = PowerShellSession.UniqueName("gdb");
        ulong main = ElfImage.Load(HelloElf).Symbols["main"].Value;
        (SmaPowerShell ps, IAsyncResult invocation, int port) = StartServer(name);
        using (ps)
        {
            (int exitCode, string output) = GdbMultiarch.Run(HelloElf, port, ["break *main", "continue", "p/x $pc", "info registers r1 msr", "x/4xw main", "stepi", "p/x $pc", "info symbol $pc", "detach"]);
            if (!invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(1)))
            {
                ps.Stop();
            }

            PSDataCollection<PSObject> results = ps.EndInvoke(invocation);
            Assert.True(exitCode == 0, output);
            var session = (PpcGdbSession)Assert.Single(results).BaseObject;

            Assert.Contains($"Breakpoint 1, 0x{main:x8} in main ()", output, StringComparison.Ordinal);
            Assert.Contains($"$1 = 0x{main:x}", output, StringComparison.Ordinal);
            Assert.Matches(@"r1\s+0x7ffff0\s", output);
            var vm = (PpcVm)_ps.Invoke("Get-PpcVm -Name $args[0]", name)[0].BaseObject;
            byte[] words = new byte[16];
            vm.Vm.Memory.Read(main, words);
            string expected = string.Join("\t", Enumerable.Range(0, 4).Select(i => $"0x{BinaryPrimitives.ReadUInt32BigEndian(words.AsSpan(4 * i)):x8}"));
            Assert.Contains($"0x{main:x} <main>:\t{expected}", output, StringComparison.Ordinal);
            Assert.Contains($"$2 = 0x{main + 4:x}", output, StringComparison.Ordinal);
            Assert.Contains("main + 4 in section .text", output, StringComparison.Ordinal);
            Assert.Matches(@"\[Inferior 1 \(.*\) detached\]", output);

            Assert.Equal(GdbSessionEnd.Detached, session.End);
            Assert.Equal(port, session.Port);
            Assert.NotNull(session.Client);
            Assert.Equal(main + 4, session.ProgramCounter);
            Assert.Equal(ExitReason.InstructionLimit, session.LastExit?.Reason);
            Assert.Equal(PpcVmState.Stopped, vm.State);
            Assert.False(vm.Vcpu.Debug.HasBreakpoints);
        }
    }

    [Fact]
    public void StartPpcGdbServer_Stop_EndsTheSessionAndFreesThePortAndTheVm()
    {
        string name = PowerShellSession.UniqueName("gdbstop");
        (SmaPowerShell ps, IAsyncResult invocation, int port) = StartServer(name);
        using (ps)
        {
            ps.Stop();
            Assert.True(invocation.IsCompleted);
            var vm = (PpcVm)_ps.Invoke("Get-PpcVm -Name $args[0]", name)[0].BaseObject;
            Assert.NotEqual(PpcVmState.Running, vm.State);
            using var probe = new TcpClient();
            Assert.Throws<SocketException>(() => probe.Connect("127.0.0.1", port));
            Assert.Equal(ExitReason.Reset, ((PpcVcpuExit)_ps.Invoke("Start-PpcVcpu -Vm $args[0] -Quiet -MaxInstructions 10000000", name)[0].BaseObject).Reason);
        }
    }

    [Fact]
    public void StartPpcGdbServer_ConnectTimeout_ReturnsNoConnectionAndLeavesTheVmUsable()
    {
        string name = PowerShellSession.UniqueName("gdbto");
        var session = (PpcGdbSession)_ps.Invoke("$vm = New-PpcVm -Name $args[0] -KernelPath $args[1]; Start-PpcGdbServer -Vm $vm -Port 0 -Quiet -ConnectTimeoutSeconds 0.2", name, HelloElf)[0].BaseObject;
        Assert.Empty(_ps.Errors);
        Assert.Equal(GdbSessionEnd.NoConnection, session.End);
        Assert.Null(session.Client);
        Assert.Null(session.LastExit);
        Assert.Equal(0, session.PacketsHandled);
        Assert.NotEqual(0, session.Port);
        Assert.Equal(ExitReason.Reset, ((PpcVcpuExit)_ps.Invoke("Start-PpcVcpu -Vm $args[0] -Quiet -MaxInstructions 10000000", name)[0].BaseObject).Reason);
    }

    [Fact]
    public void StartPpcGdbServer_BadAddress_IsInvalidArgument()
    {
        _ps.Invoke("New-PpcVm -Name $args[0]", PowerShellSession.UniqueName("gdbaddr"));
        ErrorRecord e = _ps.SingleError("Start-PpcGdbServer -Vm (Get-PpcVm | Select-Object -Last 1) -Port 0 -Address nonsense");
        Assert.StartsWith("PpcVirt.InvalidAddress,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
    }
}
