using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Loaders;
using PpcVirt.Engine.Machines;
using Xunit;

namespace PpcVirt.Engine.Tests.Debugging;

/// <summary>
/// The GDB Remote Serial Protocol server against a scripted client over loopback, driving the
/// hello guest (tests/guests/bamboo/hello.elf). Expected register numbers and sizes come from gdb's
/// features/rs6000/powerpc-32.xml; packet forms from the GDB manual's "Remote Protocol" appendix.
/// </summary>
public sealed class GdbSessionTests : IDisposable
{
    private const int GprBytes = 4;
    private readonly Machine _machine;
    private readonly GdbServer _server;
    private readonly Task<GdbSessionEnd> _serve;
    private readonly RspTestClient _client;
    private readonly ElfImage _elf;

    public GdbSessionTests()
    {
        string path = Path.Combine(RepositoryPaths.BambooGuests, "hello.elf");
        _elf = ElfImage.Load(path);
        _machine = Machine.Create(new MachineOptions { KernelPath = path });
        _server = new GdbServer(_machine.Vm, IPAddress.Loopback, 0);
        _serve = Task.Run(() => _server.ServeOne());
        _client = new RspTestClient(_server.LocalEndPoint);
    }

    private ulong Main => _elf.Symbols["main"].Value;

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _serve.Wait(TimeSpan.FromSeconds(60));
        _machine.Dispose();
    }

    [Fact]
    public void Packets_AreAckedAndChecksummed_BadChecksumIsNacked()
    {
        _client.SendRaw("$?#00");
        Assert.Equal('-', (char)_client.ReadByte());

        _client.SendRaw("$?#3f");
        Assert.Equal('+', (char)_client.ReadByte());
        string reply = _client.Receive();
        Assert.StartsWith("T05", reply, StringComparison.Ordinal);
        Assert.Contains("thread:1;", reply, StringComparison.Ordinal);
        Assert.Contains($"40:{_machine.Vcpu.ProgramCounter:x8};", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAckMode_StopsAcknowledgements()
    {
        Assert.Equal("OK", _client.Exchange("QStartNoAckMode"));
        _client.AckMode = false;
        _client.SendRaw(RspTestClient.Frame("qC"));
        Assert.Equal('$', (char)_client.ReadByte());
    }

    [Fact]
    public void QSupported_AdvertisesPacketSizeAndFeatures()
    {
        string reply = _client.Exchange("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
        string[] features = reply.Split(';');
        Assert.Contains("PacketSize=4000", features);
        Assert.Contains("qXfer:features:read+", features);
        Assert.Contains("QStartNoAckMode+", features);
        Assert.Contains("swbreak+", features);
    }

    [Fact]
    public void TargetXml_IsPowerPc32_ReadInChunks()
    {
        string first = _client.Exchange("qXfer:features:read:target.xml:0,40");
        Assert.Equal('m', first[0]);
        Assert.Equal(0x40, first.Length - 1);
        var xml = new System.Text.StringBuilder(first[1..]);
        string next;
        do
        {
            next = _client.Exchange($"qXfer:features:read:target.xml:{xml.Length:x},40");
            xml.Append(next[1..]);
        }
        while (next[0] == 'm');

        Assert.Equal('l', next[0]);
        var doc = System.Xml.Linq.XDocument.Parse(xml.ToString());
        Assert.Equal("powerpc:common", doc.Root!.Element("architecture")!.Value);
        var core = doc.Root.Elements("feature").Single(f => (string?)f.Attribute("name") == "org.gnu.gdb.power.core");
        var fpu = doc.Root.Elements("feature").Single(f => (string?)f.Attribute("name") == "org.gnu.gdb.power.fpu");
        string[] coreNames = [.. Enumerable.Range(0, 32).Select(i => $"r{i}"), "pc", "msr", "cr", "lr", "ctr", "xer"];
        Assert.Equal(coreNames, core.Elements("reg").Select(r => (string)r.Attribute("name")!));
        Assert.All(core.Elements("reg"), r => Assert.Equal("32", (string?)r.Attribute("bitsize")));
        Assert.Equal("64", (string?)core.Elements("reg").Single(r => (string?)r.Attribute("name") == "pc").Attribute("regnum"));
        Assert.Equal("69", (string?)core.Elements("reg").Single(r => (string?)r.Attribute("name") == "xer").Attribute("regnum"));
        Assert.Equal("32", (string?)fpu.Elements("reg").Single(r => (string?)r.Attribute("name") == "f0").Attribute("regnum"));
        Assert.Equal("64", (string?)fpu.Elements("reg").Single(r => (string?)r.Attribute("name") == "f0").Attribute("bitsize"));
        Assert.Equal("70", (string?)fpu.Elements("reg").Single(r => (string?)r.Attribute("name") == "fpscr").Attribute("regnum"));
    }

    [Fact]
    public void G_ReturnsRegistersInRegnumOrder_PAndPWriteOne()
    {
        _machine.Vcpu.SetRegister("r3", 0x1234_5678);
        _machine.Vcpu.SetRegister("f1", BitConverter.DoubleToUInt64Bits(1.5));
        string g = _client.Exchange("g");
        int regs = GdbTargetDescription.PowerPc32.Registers.Sum(r => r.BitSize / 4);
        Assert.Equal(regs, g.Length);
        Assert.Equal("12345678", g.Substring(3 * 8, 8));
        Assert.Equal("3ff8000000000000", g.Substring(32 * 8 + 16, 16));
        Assert.Equal($"{_machine.Vcpu.ProgramCounter:x8}", g.Substring(32 * 8 + 32 * 16, 8));

        Assert.Equal($"{_machine.Vcpu.ProgramCounter:x8}", _client.Exchange("p40"));
        Assert.Equal("OK", _client.Exchange("P5=cafef00d"));
        Assert.Equal("cafef00d", _client.Exchange("p5"));
        Assert.Equal(0xCAFE_F00DUL, _machine.Vcpu.GetRegister("r5"));

        string changed = string.Concat(g.AsSpan(0, 4 * 8), "00000042", g.AsSpan(5 * 8));
        Assert.Equal("OK", _client.Exchange("G" + changed));
        Assert.Equal(0x42UL, _machine.Vcpu.GetRegister("r4"));
        Assert.Equal(0x1234_5678UL, _machine.Vcpu.GetRegister("r3"));
    }

    [Fact]
    public void M_ReadsThroughTheMmu_UnmappedIsAnError_MWrites()
    {
        RunToMain();
        byte[] expected = new byte[8];
        _machine.Vm.Memory.Read(Main, expected);
        Assert.Equal(Convert.ToHexStringLower(expected), _client.Exchange($"m{Main:x},8"));

        // crt0 maps EA 0..256 MiB; nothing is mapped at 0x90000000.
        Assert.Equal("E14", _client.Exchange("m90000000,4"));

        ulong scratch = 0x0010_0000;
        Assert.Equal("OK", _client.Exchange($"M{scratch:x},4:deadbeef"));
        Assert.Equal("deadbeef", _client.Exchange($"m{scratch:x},4"));
        Assert.Equal("OK", _client.Exchange($"X{scratch:x},0:"));
        // X data is binary with '}' escapes: 0x7d and '#' travel as "}]" and "}\u0003".
        Assert.Equal("OK", _client.Exchange($"X{scratch:x},2:}}]}}\u0003"));
        Assert.Equal("7d23", _client.Exchange($"m{scratch:x},2"));
    }

    [Fact]
    public void Z0_Continue_StopsAtTheBreakpointBeforeItExecutes_StepAdvancesOneInstruction()
    {
        RunToMain();
        Assert.Equal(Main, _machine.Vcpu.ProgramCounter);
        Assert.Equal(Main, ulong.Parse(_client.Exchange("p40"), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        ulong sp = ulong.Parse(_client.Exchange("p1"), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        // A step executes the instruction at the breakpoint (stwu r1,-16(r1)).
        string step = _client.Exchange("s");
        Assert.StartsWith("T05", step, StringComparison.Ordinal);
        Assert.Contains($"40:{Main + 4:x8};", step, StringComparison.Ordinal);
        Assert.Equal(sp - 16, _machine.Vcpu.GetRegister("r1"));

        Assert.Equal("vCont;c;C;s;S", _client.Exchange("vCont?"));
        Assert.Contains($"40:{Main + 8:x8};", _client.Exchange("vCont;s:1;c"), StringComparison.Ordinal);
        Assert.Equal("OK", _client.Exchange($"z0,{Main:x},4"));
        Assert.Empty(_machine.Vcpu.Debug.Breakpoints);
    }

    [Fact]
    public void Z2_WriteWatchpoint_StopsBeforeTheStoreWithItsAddress()
    {
        RunToMain();
        // main: stwu r1,-16(r1); lis; mflr r0; addi; stw r0,20(r1) — the stw writes new r1 + 20.
        ulong sp = _machine.Vcpu.GetRegister("r1");
        ulong slot = sp - 16 + 20;
        Assert.Equal("OK", _client.Exchange($"z0,{Main:x},4"));
        Assert.Equal("OK", _client.Exchange($"Z2,{slot:x},4"));
        string reply = _client.Exchange("c");
        Assert.StartsWith($"T05watch:{slot:x};", reply, StringComparison.Ordinal);
        Assert.Equal(Main + 16, _machine.Vcpu.ProgramCounter);
        byte[] word = new byte[4];
        _machine.Vm.Memory.Read(slot, word);
        Assert.NotEqual(_machine.Vcpu.GetRegister("r0"), BinaryPrimitives.ReadUInt32BigEndian(word));

        Assert.Equal("OK", _client.Exchange($"z2,{slot:x},4"));
        _client.Exchange("s");
        _machine.Vm.Memory.Read(slot, word);
        Assert.Equal(_machine.Vcpu.GetRegister("r0"), BinaryPrimitives.ReadUInt32BigEndian(word));
    }

    [Fact]
    public void CtrlC_InterruptsARunningGuest_WithSigint()
    {
        RunToMain();
        Assert.Equal("OK", _client.Exchange($"z0,{Main:x},4"));
        Assert.Equal("OK", _client.Exchange($"M{Main:x},4:48000000"));  // b . (spin)
        _client.Send("c");
        _client.SendRaw(RspConnection.Interrupt);
        string reply = _client.Receive();
        Assert.StartsWith("T02", reply, StringComparison.Ordinal);
        Assert.Equal(Main, _machine.Vcpu.ProgramCounter);
    }

    [Fact]
    public void CtrlC_WhileTheGuestRuns_StopsIt()
    {
        RunToMain();
        Assert.Equal("OK", _client.Exchange($"z0,{Main:x},4"));
        Assert.Equal("OK", _client.Exchange($"M{Main:x},4:48000000"));  // b . (spin)
        _client.Send("c");
        // Wait (bounded, safety only) until the vCPU is inside KVM_RUN, so the interrupt arrives mid-run.
        Assert.True(SpinWait.SpinUntil(() => _machine.Vcpu.IsRunning, TimeSpan.FromMinutes(1)));
        _client.SendRaw(RspConnection.Interrupt);
        Assert.StartsWith("T02thread:1;", _client.Receive(), StringComparison.Ordinal);
        Assert.False(_machine.Vcpu.IsRunning);
        Assert.Equal(Main, _machine.Vcpu.ProgramCounter);
    }

    [Fact]
    public void GuestReset_IsReportedAsProcessExit()
    {
        Assert.Equal("W00", _client.Exchange("c"));
        Assert.Contains("Hello from PPC440", _machine.Console.OutputText, StringComparison.Ordinal);
        Assert.Equal("W00", _client.Exchange("?"));
    }

    [Fact]
    public void Threads_OnePerVcpu()
    {
        Assert.Equal("QC1", _client.Exchange("qC"));
        Assert.Equal("m1", _client.Exchange("qfThreadInfo"));
        Assert.Equal("l", _client.Exchange("qsThreadInfo"));
        Assert.Equal("1", _client.Exchange("qAttached"));
        Assert.Equal("OK", _client.Exchange("Hg1"));
        Assert.Equal("OK", _client.Exchange("T1"));
        Assert.Equal("E01", _client.Exchange("T2"));
        Assert.Equal(string.Empty, _client.Exchange("qNoSuchPacket"));
    }

    [Fact]
    public async Task Detach_RemovesBreakpointsAndEndsTheSession()
    {
        Assert.Equal("OK", _client.Exchange($"Z0,{Main:x},4"));
        Assert.Equal("OK", _client.Exchange($"Z4,100000,8"));
        Assert.Equal("OK", _client.Exchange("D"));
        Assert.Equal(GdbSessionEnd.Detached, await _serve.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(_machine.Vcpu.Debug.HasBreakpoints);
        Assert.False(_machine.Vcpu.Debug.HasWatchpoints);
    }

    [Fact]
    public async Task Kill_EndsTheSession()
    {
        _client.SendRaw(RspTestClient.Frame("k"));
        Assert.Equal(GdbSessionEnd.Killed, await _serve.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private void RunToMain()
    {
        Assert.Equal("OK", _client.Exchange($"Z0,{Main:x},4"));
        string reply = _client.Exchange("c");
        Assert.StartsWith("T05swbreak:;thread:1;", reply, StringComparison.Ordinal);
        Assert.Contains($"40:{Main:x8};", reply, StringComparison.Ordinal);
    }
}
