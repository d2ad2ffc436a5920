using System.Buffers.Binary;
using System.Diagnostics;
using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Cpu.Ppc440;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Tracing;

/// <summary>
/// Runs a vCPU one instruction at a time (KVM_RUN with an instruction limit of 1, the way a
/// single-stepping debugger drives KVM_GUESTDBG_SINGLESTEP) and writes every retired instruction,
/// every interrupt the vCPU delivers and the final exit to a text or CSV trace (docs/tracing.md).
/// The interpreter's run loop is untouched: with no trace running nothing is checked per instruction.
/// </summary>
/// <remarks>
/// <para>Per step the tracer reads the word at the program counter through the vCPU's instruction
/// translation, names it with the core's own instruction table (<see cref="Ppc440InstructionTable"/>,
/// the mnemonic the core executes, with the <c>o</c>/<c>.</c> suffixes), runs one instruction and
/// compares the core's per-IVOR interrupt counters (<see cref="Ppc440Statistics.InterruptsByVector"/>)
/// before and after. Asynchronous interrupts (critical input, watchdog, external input, fixed-interval
/// timer, decrementer) are taken at the instruction boundary before the instruction, so their line comes
/// first and the instruction that then retires is the first one of the handler; every other vector is
/// raised by the instruction itself (Power ISA Book III-E §7.6 "Interrupt Definitions"), so its line
/// follows the instruction's. The save/restore register written is SRR0, CSRR0 or MCSRR0 by the
/// vector's class; the target is IVPR[0:15] ∥ IVORn[16:27] ∥ 0b0000.</para>
/// <para>The trace stops at the first exit other than the per-step instruction limit (MMIO, DCR,
/// reset, shutdown, internal error, cancellation), or at <see cref="TraceOptions.MaxInstructions"/> /
/// <see cref="TraceOptions.Timeout"/>, like <see cref="Vcpu.Run"/> does.</para>
/// <para>Cost: each step allocates the engine's exit object and a translation result; a trace runs
/// at a small fraction of the untraced rate and is meant for thousands to millions of instructions.</para>
/// </remarks>
public static class InstructionTracer
{
    private static readonly InterruptVector[] s_asynchronous =
        [InterruptVector.CriticalInput, InterruptVector.Watchdog, InterruptVector.External, InterruptVector.FixedIntervalTimer, InterruptVector.Decrementer];

    private static readonly InterruptVector[] s_synchronous =
        [InterruptVector.MachineCheck, InterruptVector.DataStorage, InterruptVector.InstructionStorage, InterruptVector.Alignment, InterruptVector.Program,
         InterruptVector.FpUnavailable, InterruptVector.SystemCall, InterruptVector.ApuUnavailable, InterruptVector.DataTlbError, InterruptVector.InstructionTlbError, InterruptVector.Debug];

    /// <summary>Runs <paramref name="vcpu"/> under trace until an exit, writing one line per event to <paramref name="writer"/>.</summary>
    /// <param name="vcpu">The vCPU (any family; interrupt lines need a PPC440 core).</param>
    /// <param name="writer">Where the trace goes; the caller owns and flushes it.</param>
    /// <param name="options">Limits, cancellation, format and symbols.</param>
    /// <returns>
    /// The exit, as <see cref="Vcpu.Run"/> would report it for the whole traced run:
    /// <see cref="VcpuExit.InstructionsExecuted"/> counts every traced instruction and
    /// <see cref="VcpuExit.Elapsed"/> the whole trace.
    /// </returns>
    /// <exception cref="KvmException">EBUSY: the vCPU is already running on another thread.</exception>
    /// <exception cref="IOException">Writing the trace failed.</exception>
    public static VcpuExit Run(Vcpu vcpu, TextWriter writer, TraceOptions options)
    {
        ArgumentNullException.ThrowIfNull(vcpu);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        long t0 = Stopwatch.GetTimestamp();
        long deadline = options.Timeout is { } timeout ? t0 + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        ulong start = vcpu.InstructionsRetired;
        var lines = new TraceLineWriter(writer, options.Format, options.Symbols);
        var step = new RunOptions { MaxInstructions = 1, CancellationToken = options.CancellationToken };
        var core = vcpu.Core as Ppc440Core;
        long[] counters = core?.Statistics.InterruptsByVector ?? new long[16];
        long[] before = new long[counters.Length];
        lines.Header(options.Title);
        Span<byte> bytes = stackalloc byte[4];

        while (true)
        {
            ulong retired = vcpu.InstructionsRetired;
            VcpuExit? stop = null;
            if (options.MaxInstructions != 0 && retired - start >= options.MaxInstructions)
            {
                stop = Summary(ExitReason.InstructionLimit, vcpu, start, t0, $"instruction limit {options.MaxInstructions} reached");
            }
            else if (Stopwatch.GetTimestamp() >= deadline)
            {
                stop = Summary(ExitReason.Timeout, vcpu, start, t0, "time limit reached");
            }

            if (stop is not null)
            {
                lines.Exit(retired, stop);
                return stop;
            }

            ulong pc = vcpu.ProgramCounter;
            bool fetched = Fetch(vcpu, pc, bytes, out uint word);
            counters.CopyTo(before, 0);
            VcpuExit exit = vcpu.Run(step);
            ulong after = vcpu.InstructionsRetired;

            foreach (InterruptVector v in s_asynchronous)
            {
                if (counters[(int)v] != before[(int)v])
                {
                    ulong target = VectorTarget(core!, v);
                    lines.Interrupt(retired, pc, v, pc, target);
                    pc = target;
                    fetched = Fetch(vcpu, pc, bytes, out word);
                }
            }

            if (after != retired)
            {
                lines.Instruction(after, pc, word, fetched, fetched ? Decode(vcpu, word) : null);
            }

            foreach (InterruptVector v in s_synchronous)
            {
                if (counters[(int)v] != before[(int)v])
                {
                    lines.Interrupt(after, pc, v, SaveRegister(core!, v), VectorTarget(core!, v));
                }
            }

            if (exit.Reason != ExitReason.InstructionLimit)
            {
                VcpuExit summary = new()
                {
                    Reason = exit.Reason,
                    InstructionsExecuted = vcpu.InstructionsRetired - start,
                    StartTimestamp = t0,
                    Elapsed = Stopwatch.GetElapsedTime(t0),
                    ProgramCounter = exit.ProgramCounter,
                    Mmio = exit.Mmio,
                    Dcr = exit.Dcr,
                    Message = exit.Message,
                };
                lines.Exit(after, summary);
                return summary;
            }
        }
    }

    private static VcpuExit Summary(ExitReason reason, Vcpu vcpu, ulong start, long t0, string message) => new()
    {
        Reason = reason,
        InstructionsExecuted = vcpu.InstructionsRetired - start,
        StartTimestamp = t0,
        Elapsed = Stopwatch.GetElapsedTime(t0),
        ProgramCounter = vcpu.ProgramCounter,
        Message = message,
    };

    private static bool Fetch(Vcpu vcpu, ulong pc, Span<byte> bytes, out uint word)
    {
        word = 0;
        TranslationResult t = vcpu.Translate(pc, AccessKind.Execute);
        if (!t.Valid || vcpu.Vm.Memory.FindSlot(t.PhysicalAddress) is null || vcpu.Vm.Memory.FindSlot(t.PhysicalAddress + 3) is null)
        {
            return false;
        }

        vcpu.Vm.Memory.Read(t.PhysicalAddress, bytes);
        word = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    private static InstructionDefinition? Decode(Vcpu vcpu, uint word) =>
        vcpu.Model.Family == Cpu.CpuFamily.Ppc440 ? Ppc440Core.Decoder.Decode(word) : null;

    private static unsafe ulong VectorTarget(Ppc440Core core, InterruptVector v) =>
        (core.S->Ivpr & 0xFFFF_0000u) | (core.S->Ivor[(int)v] & 0xFFF0u);

    private static unsafe ulong SaveRegister(Ppc440Core core, InterruptVector v) => TraceLineWriter.SaveRegisterName(v) switch
    {
        "CSRR0" => core.S->Csrr0,
        "MCSRR0" => core.S->Mcsrr0,
        _ => core.S->Srr0,
    };
}
