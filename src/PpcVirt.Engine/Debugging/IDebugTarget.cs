using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// What the GDB server needs from one debuggable thread (a vCPU), independent of the CPU family:
/// its target description, registers by GDB register, memory by effective address through the
/// guest MMU, the debugger's breakpoints, and run/stop. <see cref="VcpuDebugTarget"/> is the
/// implementation over a <see cref="Vcpu"/>; a family plugs in by providing its
/// <see cref="GdbTargetDescription"/>.
/// </summary>
public interface IDebugTarget
{
    /// <summary>Registers and architecture GDB is told about.</summary>
    GdbTargetDescription Description { get; }

    /// <summary>A short description for <c>qThreadExtraInfo</c>, e.g. <c>vCPU 0 (440EP)</c>.</summary>
    string DisplayName { get; }

    /// <summary>The program counter (effective address of the next instruction).</summary>
    ulong ProgramCounter { get; set; }

    /// <summary>The debugger's breakpoints and watchpoints on this thread.</summary>
    DebugControl Debug { get; }

    /// <summary>Reads a register (zero-extended to 64 bits).</summary>
    /// <returns>False when the register cannot be read.</returns>
    bool TryReadRegister(GdbRegister register, out ulong value);

    /// <summary>Writes a register (the low <see cref="GdbRegister.BitSize"/> bits of <paramref name="value"/>).</summary>
    /// <returns>False when the register cannot be written (read-only or unknown).</returns>
    bool TryWriteRegister(GdbRegister register, ulong value);

    /// <summary>Reads guest memory at effective address <paramref name="address"/>, translated with the thread's current MMU state.</summary>
    /// <returns>Bytes read: fewer than requested when a page is not mapped or not RAM.</returns>
    int ReadMemory(ulong address, Span<byte> destination);

    /// <summary>Writes guest memory at effective address <paramref name="address"/> (debugger access: the page need only be mapped; its write permission is not required).</summary>
    /// <returns>Bytes written: fewer than requested when a page is not mapped or not RAM.</returns>
    int WriteMemory(ulong address, ReadOnlySpan<byte> source);

    /// <summary>Runs until an exit (KVM_RUN).</summary>
    VcpuExit Run(RunOptions options);

    /// <summary>Asks a running <see cref="Run"/> to return (thread-safe).</summary>
    void RequestStop();
}
