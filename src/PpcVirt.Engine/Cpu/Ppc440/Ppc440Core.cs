using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Cpu.Decoding;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// The PPC440 vCPU: a predecoding interpreter (tier 1) over <see cref="Ppc440State"/>, the Book E
/// interrupt model, the guest TLB with seed 004's shadow translation, timers and DCR access.
/// Partial files hold memory access, timers, SPRs and registers by name.
/// </summary>
internal sealed unsafe partial class Ppc440Core : ICpuCore, IDisposable
{
    internal static readonly InstructionDecoder Decoder = new(Ppc440InstructionTable.Build());

    private const uint NoFetchTag = 1;
    private const int ChunkInstructions = 4096;

    internal readonly Ppc440State* S;
    private readonly Vm _vm;
    private readonly PhysicalMemoryMap _memory;
    private readonly Ppc440Tlb _tlb = new();
    private readonly GuestInterrupt _interrupt = new();
    private readonly VcpuExitSignal _exitSignal = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly int _id;

    internal int Countdown;
    private int _countStart;
    private ulong _retired;
    private volatile int _stopRequested;
    private volatile int _writeShadowFlushRequested;

    private InterruptVector _faultVector;
    private VcpuExit? _signalledExit;

    private uint _fetchTag = NoFetchTag;
    private uint _fetchMask = 0xFFFF_F000;
    private int _fetchPhysOffset;
    private byte* _fetchHost;
    private DecodedInstruction* _fetchSlots;
    private DecodedPage? _fetchPageObject;

    private volatile bool _externalInput;
    private volatile bool _criticalInput;

    /// <summary>MSR[FE0,FE1] went from 0 to non-zero while FPSCR[FEX]=1: the "delayed" Floating-Point Enabled Program interrupt is due after the MSR-changing instruction.</summary>
    private bool _fpEnabledDelayed;

    public Ppc440Core(Vm vm, CpuModel model, int id)
    {
        _vm = vm;
        _memory = vm.Memory;
        _id = id;
        Model = model;
        S = (Ppc440State*)NativeMemory.AllocZeroed((nuint)sizeof(Ppc440State));
        AllocateShadow();
        ExternalInput = new InputLine(this, critical: false);
        CriticalInput = new InputLine(this, critical: true);
        Reset();
    }

    public CpuModel Model { get; }

    /// <summary>Where the vCPU's time goes (see <see cref="Ppc440Statistics"/>).</summary>
    public Ppc440Statistics Statistics { get; } = new();

    /// <summary>UIC non-critical output → External Input interrupt (MSR[EE]).</summary>
    public Devices.IInterruptLine ExternalInput { get; }

    /// <summary>UIC critical output → Critical Input interrupt (MSR[CE]).</summary>
    public Devices.IInterruptLine CriticalInput { get; }

    public ulong ProgramCounter
    {
        get => S->Pc;
        set
        {
            S->Pc = (uint)value & ~3u;
            _fetchTag = NoFetchTag;
        }
    }

    public ulong InstructionsRetired => _retired;

    internal Ppc440Tlb Tlb => _tlb;

    internal bool UserMode => (S->Msr & Msr.PR) != 0;

    public void Reset()
    {
        NativeMemory.Clear(S, (nuint)sizeof(Ppc440State));
        S->Pc = 0xFFFF_FFFC;
        S->Pir = (uint)_id;
        _tlb.Clear();
        _retired = 0;
        _replay.Clear();
        _replayPosition = 0;
        _signalledExit = null;
        _fpEnabledDelayed = false;
        ResetTimers();
        FlushShadow();
    }

    public void RequestStop()
    {
        _stopRequested = 1;
        _wake.Set();
    }

    public void RequestWriteShadowFlush()
    {
        _writeShadowFlushRequested = 1;
        _wake.Set();
    }

    public bool WriteShadowFlushPending => _writeShadowFlushRequested != 0;

    public VcpuExit Run(RunOptions options)
    {
        // A stop requested while no run executed is kept (KVM_CAP_IMMEDIATE_EXIT): the first
        // service point of RunCore returns Canceled before any guest instruction. A stop requested
        // during this run (a kick, a cancelled token) ends this run only: whatever the run's exit,
        // it is dropped when the run returns, so it cannot cancel the next run.
        CancellationTokenRegistration registration = options.CancellationToken.Register(RequestStop);
        try
        {
            return RunCore(options);
        }
        finally
        {
            registration.Dispose();
            _stopRequested = 0;
        }
    }

    private VcpuExit RunCore(RunOptions options)
    {
        long t0 = Stopwatch.GetTimestamp();
        ulong startRetired = _retired;
        ulong limit = options.MaxInstructions;
        long deadline = options.Timeout is { } timeout ? t0 + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;

        PrepareRun();
        PrepareDebug();

        // A load the VMM completed (KVM_EXIT_MMIO/DCR read) retires first, before any interrupt
        // that became pending during the exit and before an immediate exit, as KVM_RUN completes
        // the access before it looks at immediate_exit or enters the guest.
        bool completing = _replay.Count > 0;

        while (true)
        {
            if (!completing)
            {
                VcpuExit? exit = Service(startRetired, limit, deadline, t0);
                if (exit is not null)
                {
                    return exit;
                }
            }

            completing = false;

            int chunk = ChunkInstructions;
            if (limit != 0)
            {
                chunk = (int)Math.Min((ulong)chunk, limit - (_retired - startRetired));
            }

            bool replaying = _replay.Count > 0;
            if (replaying)
            {
                chunk = 1;
            }

            _countStart = chunk;
            Countdown = chunk;
            try
            {
                if (_debug.HasBreakpoints && !replaying)
                {
                    Execute<DebugExecution>();
                }
                else
                {
                    Execute<PlainExecution>();
                }

                if (replaying)
                {
                    EndReplay();
                }
            }
            catch (GuestInterrupt)
            {
                // The faulting instruction counts as executed, so a guest stuck in an interrupt
                // loop still reaches its instruction limit.
                Countdown--;
                EndReplay();
                Deliver(_faultVector, S->Pc);
            }
            catch (VcpuExitSignal)
            {
                _retired += (ulong)(_countStart - Countdown);
                VcpuExit signalled = _signalledExit!;
                _signalledExit = null;
                return Finish(signalled.Reason, startRetired, t0, signalled.Mmio, signalled.Dcr, signalled.Message, signalled.Debug);
            }

            _retired += (ulong)(_countStart - Countdown);
        }
    }

    /// <summary>
    /// The interpreter loop: runs until <see cref="Countdown"/> reaches zero. With
    /// <typeparamref name="TPolicy"/> = <see cref="DebugExecution"/> it checks the host breakpoints before
    /// every instruction (the instruction at a breakpoint does not execute); the JIT specialises the
    /// loop per policy, so <see cref="PlainExecution"/> carries no check at all.
    /// </summary>
    private void Execute<TPolicy>()
        where TPolicy : struct, IExecutionPolicy
    {
        Ppc440State* s = S;
        ulong[] breakpoints = TPolicy.CheckBreakpoints ? _debug.BreakpointAddresses : [];
        while (Countdown > 0)
        {
            uint pc = s->Pc;
            if (TPolicy.CheckBreakpoints)
            {
                for (int i = 0; i < breakpoints.Length; i++)
                {
                    if (breakpoints[i] == pc)
                    {
                        SignalDebug(_debug.MatchBreakpoint(pc)!);
                    }
                }
            }

            if ((pc & _fetchMask) != _fetchTag)
            {
                RefillFetch(pc);
            }

            uint offset = pc - _fetchTag;
            DecodedInstruction* slot = _fetchSlots + ((offset + (uint)_fetchPhysOffset) >> 2);
            nint handler = slot->Handler;
            if (handler == 0)
            {
                handler = DecodeInto(ref *slot, _fetchHost + offset);
            }

            s->Npc = pc + 4;
            ((delegate*<Ppc440Core, uint, void>)handler)(this, slot->Word);
            s->Pc = s->Npc;
            Countdown--;
        }
    }

    /// <summary>What the interpreter loop checks besides executing (a type parameter, so each variant is compiled on its own).</summary>
    private interface IExecutionPolicy
    {
        /// <summary>Check the host breakpoints before each instruction.</summary>
        static abstract bool CheckBreakpoints { get; }
    }

    /// <summary>The ordinary loop: nothing but the instructions.</summary>
    private struct PlainExecution : IExecutionPolicy
    {
        public static bool CheckBreakpoints => false;
    }

    /// <summary>The loop while host breakpoints are set (<see cref="Vcpu.Debug"/>).</summary>
    private struct DebugExecution : IExecutionPolicy
    {
        public static bool CheckBreakpoints => true;
    }

    private static nint DecodeInto(ref DecodedInstruction slot, byte* host)
    {
        uint word = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(host));
        InstructionDefinition? d = Decoder.Decode(word);
        slot.Word = word;
        slot.Handler = d?.HandlerFor(word) ?? Ppc440InstructionTable.IllegalHandler;
        return slot.Handler;
    }

    /// <summary>isync and friends: drop the fetch window so the next instruction is fetched anew.</summary>
    internal void ContextSynchronize() => _fetchTag = NoFetchTag;

    /// <summary>Makes the interpreter return to the service loop right after the current instruction (interrupt state changed).</summary>
    internal void ForceService()
    {
        if (Countdown > 1)
        {
            _countStart -= Countdown - 1;
            Countdown = 1;
        }
    }

    private VcpuExit? Service(ulong startRetired, ulong limit, long deadline, long t0)
    {
        while (true)
        {
            if (_writeShadowFlushRequested != 0)
            {
                FlushWriteShadow();
            }

            if (_stopRequested != 0)
            {
                _stopRequested = 0;
                return Finish(ExitReason.Canceled, startRetired, t0, null, null, "stop requested by the host");
            }

            if (limit != 0 && _retired - startRetired >= limit)
            {
                return Finish(ExitReason.InstructionLimit, startRetired, t0, null, null, $"instruction limit {limit} reached");
            }

            long now = Stopwatch.GetTimestamp();
            if (now >= deadline)
            {
                return Finish(ExitReason.Timeout, startRetired, t0, null, null, "time limit reached");
            }

            if (_resetRequested)
            {
                _resetRequested = false;
                return Finish(ExitReason.Reset, startRetired, t0, null, null, _resetReason);
            }

            UpdateTimers();
            if (DeliverPendingInterrupt())
            {
                continue;
            }

            if ((S->Msr & Msr.WE) == 0)
            {
                return null;
            }

            // MSR[WE]: wait state. Sleep the host thread until the next timer event or a wake-up.
            long wakeAt = Math.Min(deadline, NextTimerEventTimestamp());
            long waitTicks = wakeAt - Stopwatch.GetTimestamp();
            if (waitTicks > 0)
            {
                _wake.Reset();
                if (_stopRequested == 0 && _writeShadowFlushRequested == 0 && !_externalInput && !_criticalInput)
                {
                    long before = Stopwatch.GetTimestamp();
                    _wake.Wait(TimeSpan.FromSeconds(Math.Min(waitTicks, Stopwatch.Frequency) / (double)Stopwatch.Frequency));
                    Statistics.WaitTicks += Stopwatch.GetTimestamp() - before;
                }
            }
        }
    }

    private VcpuExit Finish(ExitReason reason, ulong startRetired, long t0, MmioAccess? mmio, DcrAccess? dcr, string? message, Debugging.DebugEvent? debug = null) => new()
    {
        Reason = reason,
        InstructionsExecuted = _retired - startRetired,
        StartTimestamp = t0,
        Elapsed = Stopwatch.GetElapsedTime(t0),
        ProgramCounter = S->Pc,
        Mmio = mmio,
        Dcr = dcr,
        Debug = debug,
        Message = message,
    };

    /// <summary>Leaves the run loop with an exit for the VMM; the current instruction is re-executed on resume.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void SignalExit(ExitReason reason, MmioAccess? mmio = null, DcrAccess? dcr = null, string? message = null)
    {
        _signalledExit = new VcpuExit { Reason = reason, Mmio = mmio, Dcr = dcr, Message = message };
        throw _exitSignal;
    }

    /// <summary>Aborts the current instruction with a synchronous interrupt (SRR0 = this instruction).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Raise(InterruptVector vector, uint esr)
    {
        _faultVector = vector;
        S->Esr = esr;
        throw _interrupt;
    }

    /// <summary>Data storage / data TLB error: sets DEAR and ESR, then aborts the instruction.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void RaiseData(InterruptVector vector, uint ea, uint esr)
    {
        S->Dear = ea;
        Raise(vector, esr);
    }

    /// <summary>Program interrupt for a privileged instruction in problem state (ESR[PPR]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RequireSupervisor()
    {
        if ((S->Msr & Msr.PR) != 0)
        {
            Raise(InterruptVector.Program, Esr.PPR);
        }
    }

    /// <summary>FP-unavailable interrupt when MSR[FP]=0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RequireFp()
    {
        if ((S->Msr & Msr.FP) == 0)
        {
            Raise(InterruptVector.FpUnavailable, S->Esr);
        }
    }

    /// <summary>Delivers an interrupt: saves PC/MSR into the class's save/restore pair and vectors to IVPR | IVORn.</summary>
    internal void Deliver(InterruptVector vector, uint returnAddress)
    {
        Statistics.InterruptsByVector[(int)vector]++;
        uint msr = S->Msr;
        uint clear = Msr.WE | Msr.EE | Msr.PR | Msr.FP | Msr.FE0 | Msr.FE1 | Msr.IS | Msr.DS;
        switch (vector)
        {
            case InterruptVector.CriticalInput:
            case InterruptVector.Watchdog:
            case InterruptVector.Debug:
                S->Csrr0 = returnAddress;
                S->Csrr1 = msr;
                clear |= Msr.CE | Msr.DE;
                break;
            case InterruptVector.MachineCheck:
                S->Mcsrr0 = returnAddress;
                S->Mcsrr1 = msr;
                clear |= Msr.ME | Msr.CE | Msr.DE;
                break;
            default:
                S->Srr0 = returnAddress;
                S->Srr1 = msr;
                break;
        }

        SetMsr(msr & ~clear);
        uint target = (S->Ivpr & 0xFFFF_0000) | (S->Ivor[(int)vector] & 0xFFF0);
        S->Pc = target;
        S->Npc = target;
    }

    /// <summary>Writes MSR (implemented bits only); a change of MSR[PR] flushes the shadow TLB (seed 004's privilege switch).</summary>
    internal void SetMsr(uint value)
    {
        value &= Msr.Ppc440Mask;
        uint old = S->Msr;
        S->Msr = value;
        uint changed = old ^ value;
        if ((changed & Msr.PR) != 0)
        {
            FlushShadow();
        }
        else if ((changed & (Msr.IS | Msr.DS)) != 0)
        {
            UpdateContext();
        }

        if ((value & (Msr.EE | Msr.CE | Msr.WE)) != 0)
        {
            ForceService();
        }

        if ((old & (Msr.FE0 | Msr.FE1)) == 0 && (value & (Msr.FE0 | Msr.FE1)) != 0 && (S->Fpscr & Fpu.Fpscr.FEX) != 0)
        {
            _fpEnabledDelayed = true;
            ForceService();
        }
    }

    /// <summary>
    /// The precise Floating-Point Enabled exception type Program interrupt, taken by an FP
    /// instruction that leaves FPSCR[FEX]=1 while MSR[FE0,FE1] ≠ 0. The PPC440 takes it precisely
    /// in all three non-zero FE0/FE1 modes (PPC440x5 manual §6.5.7: a Program interrupt occurs when
    /// the exception is presented and MSR[FE0,FE1] is non-zero; only the "delayed" case is
    /// imprecise): SRR0 = this instruction, SRR1 = MSR, ESR[FP]. The instruction's FPSCR and FPR
    /// updates stand; its CR update does not happen — the 440 records instead in ESR[PCRE] that the
    /// instruction updates the CR, in ESR[PCMP] that it is a compare and in ESR[PCRF] which field
    /// (§6.5.7, "Programming Note", where Book E would update the CR).
    /// </summary>
    /// <param name="crField">The CR field the instruction would set (1 for Rc=1), or −1 for none.</param>
    /// <param name="compare">Whether the instruction is fcmpu/fcmpo.</param>
    /// <returns>Whether the interrupt was taken (the caller then skips its CR update).</returns>
    internal bool FpEnabledException(int crField, bool compare)
    {
        if ((S->Fpscr & Fpu.Fpscr.FEX) == 0 || (S->Msr & (Msr.FE0 | Msr.FE1)) == 0)
        {
            return false;
        }

        uint esr = Esr.FP;
        if (crField >= 0)
        {
            esr |= Esr.PCRE | (compare ? Esr.PCMP : 0) | (uint)crField;
        }

        Deliver(InterruptVector.Program, S->Pc);
        S->Esr = esr;
        return true;
    }

    private bool DeliverPendingInterrupt()
    {
        if (_fpEnabledDelayed)
        {
            // PPC440x5 manual §6.5.7: SRR0 = the instruction after the MSR-changing one (the rfi
            // target for rfi/rfci/rfmci), ESR[PIE] marks the delayed form; ESR[FP] as the exception
            // is a Floating-Point Enabled one.
            _fpEnabledDelayed = false;
            if ((S->Fpscr & Fpu.Fpscr.FEX) != 0 && (S->Msr & (Msr.FE0 | Msr.FE1)) != 0)
            {
                Deliver(InterruptVector.Program, S->Pc);
                S->Esr = Esr.FP | Esr.PIE;
                return true;
            }
        }

        uint msr = S->Msr;
        if (_criticalInput && (msr & Msr.CE) != 0)
        {
            Deliver(InterruptVector.CriticalInput, S->Pc);
            return true;
        }

        if ((S->Tsr & TsrWis) != 0 && (S->Tcr & TcrWie) != 0 && (msr & Msr.CE) != 0)
        {
            Deliver(InterruptVector.Watchdog, S->Pc);
            return true;
        }

        if ((msr & Msr.EE) == 0)
        {
            return false;
        }

        if (_externalInput)
        {
            Deliver(InterruptVector.External, S->Pc);
            return true;
        }

        if ((S->Tsr & TsrFis) != 0 && (S->Tcr & TcrFie) != 0)
        {
            Deliver(InterruptVector.FixedIntervalTimer, S->Pc);
            return true;
        }

        if ((S->Tsr & TsrDis) != 0 && (S->Tcr & TcrDie) != 0)
        {
            Deliver(InterruptVector.Decrementer, S->Pc);
            return true;
        }

        return false;
    }

    /// <summary>True once <see cref="Dispose"/> has freed the native state and shadow TLB.</summary>
    internal bool IsDisposed { get; private set; }

    /// <summary>Frees the native state and the shadow TLB; the VM calls it once no run is in progress. Idempotent.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        FreeShadow();
        NativeMemory.Free(S);

        // _wake is not disposed: it holds no OS handle (its WaitHandle is never taken), and
        // interrupt lines or RequestStop may still touch it after the VM is gone.
    }

    private sealed class InputLine(Ppc440Core core, bool critical) : Devices.IInterruptLine
    {
        public void Set(bool asserted)
        {
            if (critical)
            {
                core._criticalInput = asserted;
            }
            else
            {
                core._externalInput = asserted;
            }

            if (asserted)
            {
                core._wake.Set();
                if (core.Countdown > 1 && Environment.CurrentManagedThreadId == core._runThread)
                {
                    core.ForceService();
                }
            }
        }
    }
}
