using PpcVirt.Engine.Debugging;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell;

/// <summary>What <c>Start-PpcGdbServer</c> outputs when its gdb session ends.</summary>
public sealed class PpcGdbSession
{
    internal PpcGdbSession(string vmName, string address, int port, string? client, GdbSessionEnd end, int packets, PpcVcpuExit? lastExit, ulong programCounter)
    {
        VmName = vmName;
        Address = address;
        Port = port;
        Client = client;
        End = end;
        PacketsHandled = packets;
        LastExit = lastExit;
        ProgramCounter = programCounter;
    }

    /// <summary>The VM debugged.</summary>
    public string VmName { get; }

    /// <summary>The address the server listened on, e.g. <c>127.0.0.1</c>.</summary>
    public string Address { get; }

    /// <summary>The TCP port the server listened on (the chosen one when -Port 0 was given).</summary>
    public int Port { get; }

    /// <summary>The debugger's address:port, or null when none connected.</summary>
    public string? Client { get; }

    /// <summary>How the session ended: Detached (gdb <c>detach</c>/quit), Killed (gdb <c>kill</c>), Disconnected, NoConnection (-ConnectTimeoutSeconds passed), or Canceled (Ctrl-C, Stop-PpcVcpu).</summary>
    public GdbSessionEnd End { get; }

    /// <summary>Remote-protocol packets handled.</summary>
    public int PacketsHandled { get; }

    /// <summary>The exit of the last continue or step, or null when the guest never ran.</summary>
    public PpcVcpuExit? LastExit { get; }

    /// <summary>The vCPU's program counter when the session ended (where a later Start-PpcVcpu resumes).</summary>
    public ulong ProgramCounter { get; }

    /// <summary>Machine-readable summary.</summary>
    public override string ToString() => $"{VmName} {Address}:{Port} {End}";
}
