using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Hypervisor;

/// <summary>
/// A virtual CPU (KVM_CREATE_VCPU). <see cref="Run"/> is KVM_RUN: it executes guest code until an
/// exit the VMM must see. Registers are reached by their Power ISA names (KVM_GET/SET_ONE_REG).
/// A vCPU runs on one host thread at a time; <see cref="RequestStop"/> may be called from any thread.
/// Once the VM is disposed every member that reaches the core throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class Vcpu
{
    private readonly ICpuCore _core;
    private VcpuExit? _pending;
    private int _running;
    private int _runThread;

    internal Vcpu(Vm vm, int id, ICpuCore core)
    {
        Vm = vm;
        Id = id;
        _core = core;
    }

    /// <summary>The VM this vCPU belongs to.</summary>
    public Vm Vm { get; }

    /// <summary>vCPU id (KVM_CREATE_VCPU argument; also the PIR value).</summary>
    public int Id { get; }

    /// <summary>The CPU model (PVR and family).</summary>
    public CpuModel Model => _core.Model;

    /// <summary>Guest program counter (NIA): the next instruction's effective address.</summary>
    public ulong ProgramCounter
    {
        get => Live.ProgramCounter;
        set => Live.ProgramCounter = value;
    }

    /// <summary>Guest instructions completed since the vCPU was created or reset.</summary>
    public ulong InstructionsRetired => Live.InstructionsRetired;

    /// <summary>The last exit <see cref="Run"/> returned, or null before the first run.</summary>
    public VcpuExit? LastExit => _pending;

    /// <summary>True while <see cref="Run"/> executes on some thread.</summary>
    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <summary>Register names this vCPU accepts in <see cref="GetRegister"/>/<see cref="SetRegister"/> (e.g. r0–r31, PC, MSR, CR, LR, CTR, XER, SRR0, f0–f31, FPSCR, and every SPR by name).</summary>
    public IReadOnlyList<string> RegisterNames => _core.RegisterNames;

    /// <summary>
    /// KVM_RUN: runs guest code until an exit. A pending MMIO/DCR read completes first with the
    /// data the VMM put in the previous exit: that load retires before any interrupt that became
    /// pending during the exit is taken and before a stop requested with <see cref="RequestStop"/>
    /// ends the run (as KVM completes the access before it checks immediate_exit).
    /// </summary>
    /// <param name="options">Instruction/time limits and cancellation; null for none.</param>
    /// <returns>The exit.</returns>
    /// <exception cref="KvmException">EBUSY: the vCPU is already running on another thread.</exception>
    /// <exception cref="ObjectDisposedException">The VM was disposed.</exception>
    public VcpuExit Run(RunOptions? options = null)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new KvmException(Errno.EBUSY, "KVM_RUN", $"vCPU {Id} is already running.");
        }

        try
        {
            Vm.EnterRun();
        }
        catch
        {
            Volatile.Write(ref _running, 0);
            throw;
        }

        _runThread = Environment.CurrentManagedThreadId;
        try
        {
            if (_pending is { } previous && (previous.Reason is ExitReason.Mmio or ExitReason.Dcr))
            {
                _core.CompletePendingExit(previous);
            }

            _pending = _core.Run(options ?? new RunOptions());
            return _pending;
        }
        finally
        {
            _runThread = 0;
            Volatile.Write(ref _running, 0);
            Vm.ExitRun();
        }
    }

    /// <summary>
    /// Asks <see cref="Run"/> to return with <see cref="ExitReason.Canceled"/> at the next
    /// instruction boundary (thread-safe; also wakes a vCPU waiting in MSR[WE]). A stop requested
    /// while no run executes is kept: the next <see cref="Run"/> returns Canceled at once, with no
    /// guest instruction executed (only a pending MMIO/DCR load completes first). This is PpcVirt's
    /// KVM_CAP_IMMEDIATE_EXIT: KVM_RUN with kvm_run.immediate_exit set returns -EINTR before it
    /// enters the guest, so a VMM's kick that races with the start of a run is never lost. Each stop
    /// ends one run; it is consumed by the run it ends.
    /// </summary>
    public void RequestStop() => _core.RequestStop();

    /// <summary>KVM_GET_ONE_REG by name.</summary>
    /// <exception cref="KvmException">EINVAL: no such register on this CPU model.</exception>
    public ulong GetRegister(string name) =>
        Live.TryGetRegister(name, out ulong v) ? v : throw new KvmException(Errno.EINVAL, "KVM_GET_ONE_REG", $"no register named '{name}' on {Model.Name}.");

    /// <summary>KVM_SET_ONE_REG by name.</summary>
    /// <exception cref="KvmException">EINVAL: no such register, it is read-only (e.g. PVR), or the value is
    /// wider than the register (a 32-bit register takes 0 … 0xFFFFFFFF; nothing is truncated). EBUSY: running.</exception>
    public void SetRegister(string name, ulong value)
    {
        if (IsRunning)
        {
            throw new KvmException(Errno.EBUSY, "KVM_SET_ONE_REG", $"vCPU {Id} is running.");
        }

        int bits = Live.RegisterBits(name);
        if (bits < 64 && value >> bits != 0 && Live.TryGetRegister(name, out _))
        {
            throw new KvmException(Errno.EINVAL, "KVM_SET_ONE_REG", $"0x{value:X} does not fit the {bits}-bit register '{name}' on {Model.Name}.");
        }

        if (!Live.TrySetRegister(name, value))
        {
            throw new KvmException(Errno.EINVAL, "KVM_SET_ONE_REG", $"no writable register named '{name}' on {Model.Name}.");
        }
    }

    /// <summary>Resets the vCPU to its power-on state (registers, TLB, timers).</summary>
    public void Reset()
    {
        ICpuCore core = Live;
        _pending = null;
        core.Reset();
    }

    /// <summary>
    /// The guest TLB as the guest wrote it (Book E software TLB; KVM_CAP_SW_TLB / KVM_DIRTY_TLB).
    /// Empty for families without a software-managed TLB.
    /// </summary>
    public IReadOnlyList<BookETlbEntry> GetTlbEntries() => Live.GetTlbEntries();

    /// <summary>Writes one guest TLB entry as tlbwe would (all three words and the TID), and drops the shadow translations it affects.</summary>
    /// <exception cref="KvmException">EINVAL: index out of range or no software TLB on this family; EBUSY while running.</exception>
    public void SetTlbEntry(BookETlbEntry entry)
    {
        if (IsRunning)
        {
            throw new KvmException(Errno.EBUSY, "KVM_DIRTY_TLB", $"vCPU {Id} is running.");
        }

        Live.SetTlbEntry(entry);
    }

    /// <summary>KVM_TRANSLATE: translates <paramref name="effectiveAddress"/> with the vCPU's current MSR and PID.</summary>
    /// <param name="effectiveAddress">Effective address.</param>
    /// <param name="kind">Access kind (selects MSR[IS] or MSR[DS] and the permission checked).</param>
    public TranslationResult Translate(ulong effectiveAddress, AccessKind kind = AccessKind.Read) => Live.Translate(effectiveAddress, kind);

    /// <summary>
    /// The debugger's breakpoints and watchpoints on this vCPU (KVM_SET_GUEST_DEBUG): when one fires,
    /// <see cref="Run"/> returns <see cref="ExitReason.Debug"/> with <see cref="VcpuExit.Debug"/> set.
    /// Change them only while the vCPU is not running.
    /// </summary>
    public Debugging.DebugControl Debug => _core.Debug;

    internal ICpuCore Core => _core;

    /// <summary>Managed id of the thread inside <see cref="Run"/>, or 0.</summary>
    internal int RunThread => Volatile.Read(ref _runThread);

    /// <summary>The core, unless the VM was disposed (its native state is freed then).</summary>
    private ICpuCore Live
    {
        get
        {
            ObjectDisposedException.ThrowIf(Vm.IsDisposed, this);
            return _core;
        }
    }
}
