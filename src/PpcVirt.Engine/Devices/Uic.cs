using System.Numerics;

namespace PpcVirt.Engine.Devices;

/// <summary>
/// The IBM Universal Interrupt Controller of the PPC440EP (PPC440EP user's manual, "Universal
/// Interrupt Controller"): 32 inputs, each level- or edge-sensitive with programmable polarity,
/// routed to a non-critical output (the core's External Input) or a critical output (Critical Input).
/// </summary>
/// <remarks>
/// <para>
/// DCRs, relative to the base (UIC0 on the 440EP: 0xC0): +0 SR status (read; write 1 to clear),
/// +1 SRS status set (write 1 to set; reads return SR), +2 ER enable, +3 CR critical (1 = critical),
/// +4 PR polarity (1 = active high / rising edge, 0 = active low / falling edge), +5 TR trigger
/// (1 = edge, 0 = level), +6 MSR masked status (read-only: SR &amp; ER), +7 VR vector (read-only),
/// +8 VCR vector configuration. Bits use IBM order: input n is mask <c>0x80000000 &gt;&gt; n</c>.
/// </para>
/// <para>
/// Level-sensitive inputs: SR[n] follows the polarity-adjusted input (set while the input is
/// active, cleared when it goes inactive), and writing 1 to SR[n] does not clear it while the input
/// is still active. A PR or TR write re-samples the level-sensitive inputs, as does <see cref="Reset"/>;
/// since PR resets to 0 (active low), inputs whose wires are low read as pending in SR until software
/// programs PR, but ER=0 keeps them from reaching the outputs. A bit set through SRS on a
/// level-sensitive input stays until it is cleared, its input changes, or PR/TR is written.
/// </para>
/// <para>
/// Edge-sensitive inputs: SR[n] latches on the active edge of the wire (rising when PR[n]=1, falling
/// when PR[n]=0) and stays set until software clears it. Changing PR or TR is not itself an edge.
/// </para>
/// <para>
/// Outputs (level, active high): non-critical while <c>SR &amp; ER &amp; ~CR</c> is non-zero, critical while
/// <c>SR &amp; ER &amp; CR</c> is non-zero; re-evaluated after every register write, input change and reset,
/// and driven only when their level changes.
/// </para>
/// <para>
/// VR: when a critical interrupt is pending (<c>SR &amp; ER &amp; CR</c> non-zero), VR = VCR[VBA] (VCR with
/// bits 30:31 masked, i.e. <c>VCR &amp; 0xFFFFFFFC</c>) + 512 × k, where k is the highest-priority pending
/// input number n when VCR[PRO] (the least significant bit) is 1 (input 0 highest) or 31 − n when it is
/// 0 (input 31 highest); with no critical interrupt pending VR reads 0.
/// </para>
/// <para>Thread safety: all state is guarded by a lock, so inputs may be driven from any thread; the
/// outputs are driven while that lock is held.</para>
/// </remarks>
public sealed class Uic : IDcrDevice
{
    /// <summary>Number of interrupt inputs.</summary>
    public const int InputCount = 32;

    /// <summary>DCR offset of SR (status; read, write-1-to-clear).</summary>
    public const uint SrOffset = 0;

    /// <summary>DCR offset of SRS (status set; write-1-to-set).</summary>
    public const uint SrsOffset = 1;

    /// <summary>DCR offset of ER (enable).</summary>
    public const uint ErOffset = 2;

    /// <summary>DCR offset of CR (critical: 1 = critical, 0 = non-critical).</summary>
    public const uint CrOffset = 3;

    /// <summary>DCR offset of PR (polarity: 1 = active high / rising).</summary>
    public const uint PrOffset = 4;

    /// <summary>DCR offset of TR (trigger: 1 = edge, 0 = level).</summary>
    public const uint TrOffset = 5;

    /// <summary>DCR offset of MSR (masked status, read-only: SR &amp; ER).</summary>
    public const uint MsrOffset = 6;

    /// <summary>DCR offset of VR (vector, read-only).</summary>
    public const uint VrOffset = 7;

    /// <summary>DCR offset of VCR (vector configuration: VBA in bits 0:29, PRO in bit 31).</summary>
    public const uint VcrOffset = 8;

    /// <summary>Number of DCRs the controller decodes (base+0 … base+8).</summary>
    public const uint DcrCount = 9;

    private const uint VcrPro = 0x00000001;
    private const uint VcrWritable = 0xFFFFFFFD;

    private readonly object _gate = new();
    private readonly uint _dcrBase;
    private readonly IInterruptLine _nonCriticalOutput;
    private readonly IInterruptLine? _criticalOutput;
    private readonly IInterruptLine[] _inputs = new IInterruptLine[InputCount];
    private uint _sr;
    private uint _er;
    private uint _cr;
    private uint _pr;
    private uint _tr;
    private uint _vcr;
    private uint _wires;
    private bool _nonCriticalAsserted;
    private bool _criticalAsserted;

    /// <summary>Creates a controller in its reset state with all input wires low.</summary>
    /// <param name="dcrBase">First DCR number (UIC0 on the 440EP: 0xC0; UIC1: 0xD0).</param>
    /// <param name="nonCriticalOutput">Non-critical output, normally the core's External Input.</param>
    /// <param name="criticalOutput">Critical output (core Critical Input), or null when unconnected.</param>
    public Uic(uint dcrBase, IInterruptLine nonCriticalOutput, IInterruptLine? criticalOutput)
    {
        ArgumentNullException.ThrowIfNull(nonCriticalOutput);
        if (dcrBase > DcrBus.Count - DcrCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dcrBase), dcrBase, "The UIC's nine DCRs must lie within 0–1023.");
        }

        _dcrBase = dcrBase;
        _nonCriticalOutput = nonCriticalOutput;
        _criticalOutput = criticalOutput;
        for (int n = 0; n < InputCount; n++)
        {
            _inputs[n] = new Input(this, n);
        }

        lock (_gate)
        {
            ResetRegisters();
        }
    }

    /// <summary>First DCR number the controller decodes.</summary>
    public uint DcrBase => _dcrBase;

    /// <summary>Current level of the non-critical output.</summary>
    public bool NonCriticalAsserted
    {
        get
        {
            lock (_gate)
            {
                return _nonCriticalAsserted;
            }
        }
    }

    /// <summary>Current level of the critical output.</summary>
    public bool CriticalAsserted
    {
        get
        {
            lock (_gate)
            {
                return _criticalAsserted;
            }
        }
    }

    /// <summary>The wire of input <paramref name="n"/> (0–31, IBM bit n = mask 0x80000000 &gt;&gt; n), for a device to drive.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not 0–31.</exception>
    public IInterruptLine GetInput(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, InputCount);
        return _inputs[n];
    }

    /// <summary>Chip reset: ER, CR, PR, TR, VCR = 0; SR re-sampled from the input wires (see remarks); outputs re-evaluated. Input wire levels are kept.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ResetRegisters();
            UpdateOutputs();
        }
    }

    /// <inheritdoc/>
    public bool Claims(uint dcrn) => dcrn - _dcrBase < DcrCount;

    /// <summary>mfdcr: reads the UIC register at <paramref name="dcrn"/> (see remarks for the layout); unclaimed numbers read 0.</summary>
    public uint Read(uint dcrn)
    {
        lock (_gate)
        {
            return (dcrn - _dcrBase) switch
            {
                SrOffset or SrsOffset => _sr,
                ErOffset => _er,
                CrOffset => _cr,
                PrOffset => _pr,
                TrOffset => _tr,
                MsrOffset => _sr & _er,
                VrOffset => Vector(),
                VcrOffset => _vcr,
                _ => 0,
            };
        }
    }

    /// <summary>mtdcr: writes the UIC register at <paramref name="dcrn"/> (MSR and VR are read-only), then re-evaluates the outputs.</summary>
    public void Write(uint dcrn, uint value)
    {
        lock (_gate)
        {
            switch (dcrn - _dcrBase)
            {
                case SrOffset:
                    _sr &= ~value;
                    _sr |= ActiveLevelInputs();
                    break;
                case SrsOffset:
                    _sr |= value;
                    break;
                case ErOffset:
                    _er = value;
                    break;
                case CrOffset:
                    _cr = value;
                    break;
                case PrOffset:
                    _pr = value;
                    ResampleLevelInputs();
                    break;
                case TrOffset:
                    _tr = value;
                    ResampleLevelInputs();
                    break;
                case VcrOffset:
                    _vcr = value & VcrWritable;
                    break;
                default:
                    return;
            }

            UpdateOutputs();
        }
    }

    private static uint Mask(int n) => 0x80000000u >> n;

    private void ResetRegisters()
    {
        _er = 0;
        _cr = 0;
        _pr = 0;
        _tr = 0;
        _vcr = 0;
        _sr = 0;
        ResampleLevelInputs();
    }

    /// <summary>Level-sensitive inputs whose wire currently equals their polarity (active).</summary>
    private uint ActiveLevelInputs() => ~_tr & ~(_wires ^ _pr);

    private void ResampleLevelInputs() => _sr = (_sr & _tr) | ActiveLevelInputs();

    private void SetInput(int n, bool level)
    {
        uint mask = Mask(n);
        lock (_gate)
        {
            bool old = (_wires & mask) != 0;
            if (old == level)
            {
                return;
            }

            _wires = level ? _wires | mask : _wires & ~mask;
            bool activeHigh = (_pr & mask) != 0;
            if ((_tr & mask) != 0)
            {
                if (level == activeHigh)
                {
                    _sr |= mask;
                }
            }
            else if (level == activeHigh)
            {
                _sr |= mask;
            }
            else
            {
                _sr &= ~mask;
            }

            UpdateOutputs();
        }
    }

    private uint Vector()
    {
        uint pending = _sr & _er & _cr;
        if (pending == 0)
        {
            return 0;
        }

        // Input n is bit (31 - n) counted from the least significant end.
        uint k = (_vcr & VcrPro) != 0
            ? (uint)BitOperations.LeadingZeroCount(pending)
            : (uint)BitOperations.TrailingZeroCount(pending);
        return (_vcr & 0xFFFFFFFCu) + (512u * k);
    }

    private void UpdateOutputs()
    {
        uint pending = _sr & _er;
        bool nonCritical = (pending & ~_cr) != 0;
        bool critical = (pending & _cr) != 0;
        if (nonCritical != _nonCriticalAsserted)
        {
            _nonCriticalAsserted = nonCritical;
            _nonCriticalOutput.Set(nonCritical);
        }

        if (critical != _criticalAsserted)
        {
            _criticalAsserted = critical;
            _criticalOutput?.Set(critical);
        }
    }

    private sealed class Input(Uic owner, int n) : IInterruptLine
    {
        public void Set(bool asserted) => owner.SetInput(n, asserted);
    }
}
