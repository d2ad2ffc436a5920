using System.Globalization;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.PowerShell;

/// <summary>The result of one Start-PpcVcpu run: the engine <see cref="VcpuExit"/> with its VM and derived rates.</summary>
public sealed class PpcVcpuExit
{
    internal PpcVcpuExit(string vmName, int vcpuId, VcpuExit exit)
    {
        VmName = vmName;
        VcpuId = vcpuId;
        Exit = exit;
    }

    /// <summary>The VM's name.</summary>
    public string VmName { get; }

    /// <summary>The vCPU that ran.</summary>
    public int VcpuId { get; }

    /// <summary>Why the run stopped.</summary>
    public ExitReason Reason => Exit.Reason;

    /// <summary>Guest instructions completed during the run.</summary>
    public ulong InstructionsExecuted => Exit.InstructionsExecuted;

    /// <summary>Host wall-clock time of the run.</summary>
    public TimeSpan Elapsed => Exit.Elapsed;

    /// <summary><see cref="Elapsed"/> in seconds.</summary>
    public double ElapsedSeconds => Exit.Elapsed.TotalSeconds;

    /// <summary>The guest program counter when the run stopped.</summary>
    public ulong ProgramCounter => Exit.ProgramCounter;

    /// <summary>MMIO exit payload, or null.</summary>
    public MmioAccess? Mmio => Exit.Mmio;

    /// <summary>DCR exit payload, or null.</summary>
    public DcrAccess? Dcr => Exit.Dcr;

    /// <summary>The engine's explanation, or null.</summary>
    public string? Message => Exit.Message;

    /// <summary>Millions of guest instructions per host second (0 when no time elapsed).</summary>
    public double MipsRate => Exit.Elapsed.TotalSeconds > 0 ? Exit.InstructionsExecuted / Exit.Elapsed.TotalSeconds / 1e6 : 0;

    /// <summary>A one-line description of the MMIO or DCR access, or the message.</summary>
    public string? Details => Exit switch
    {
        { Mmio: { } m } => string.Create(CultureInfo.InvariantCulture, $"MMIO {(m.IsWrite ? "write" : "read")} {m.Length} byte(s) at 0x{m.PhysicalAddress:X9}{(m.IsWrite ? $" = 0x{m.Data:X}" : string.Empty)}"),
        { Dcr: { } d } => string.Create(CultureInfo.InvariantCulture, $"{(d.IsWrite ? "mtdcr" : "mfdcr")} DCR 0x{d.DcrNumber:X3}{(d.IsWrite ? $" = 0x{d.Data:X8}" : string.Empty)}"),
        _ => Exit.Message,
    };

    /// <summary>The engine exit.</summary>
    public VcpuExit Exit { get; }

    /// <summary>For <c>Start-PpcVcpu -Until</c>: the console text that matched the pattern (the run was then stopped), or null.</summary>
    public string? ConsoleMatch { get; internal init; }

    /// <summary>Returns a short summary.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{VmName}: {Reason} after {InstructionsExecuted} instructions at PC 0x{ProgramCounter:X8}");
}
