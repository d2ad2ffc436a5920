using PpcVirt.Engine.Machines;
using static PpcVirt.Engine.Devices.Ns16550Registers;

namespace PpcVirt.Engine.Devices;

/// <summary>
/// A National Semiconductor PC16550D (16550A) UART: eight byte-wide registers at stride 1
/// (reg-shift 0), 16-byte receive and transmit FIFOs, and a level interrupt output. Register
/// semantics follow the PC16550D datasheet ("Registers", "FIFO Interrupt Mode Operation").
/// </summary>
/// <remarks>
/// <para>
/// The serial line is modelled as infinitely fast: a byte written to THR is handed to
/// <see cref="MachineConsole.Transmit"/> at once, so the transmit FIFO is always empty and
/// LSR[THRE|TEMT] (0x60) stay set. Host input is pulled from <see cref="MachineConsole.TryReadInput"/>
/// whenever the receiver has room (on every register access and when
/// <see cref="MachineConsole.InputAvailable"/> fires), so host input waits in the console's queue and
/// never overruns; the divisor latch and LCR framing bits are stored but have no timing effect.
/// </para>
/// <para>
/// Character timeout: with the FIFOs enabled and fewer bytes than the FCR[7:6] trigger level queued,
/// the 4-character-time timeout is treated as already expired, so IIR reports 0x0C (timeout) at once
/// instead of after a delay; at or above the trigger level it reports 0x04. Reading RBR does not
/// postpone the timeout. Without FIFOs any received byte gives 0x04.
/// </para>
/// <para>
/// Interrupt output: asserted (level, active high) while IIR reports any pending interrupt. It is not
/// gated by MCR[OUT2]: on the Bamboo the UART interrupt goes straight to UIC0, as in QEMU's model.
/// </para>
/// <para>
/// Modem inputs: with a console attached the far end is a terminal holding CTS, DSR and DCD active
/// (MSR[7:4] = 1011b, as QEMU presents them); without a console all four inputs are inactive. In
/// loopback (MCR[4]) they are driven from MCR (RTS→CTS, DTR→DSR, OUT1→RI, OUT2→DCD) and the delta bits
/// MSR[3:0] record the changes. No parity, framing or break conditions are ever generated; overrun
/// (LSR[OE]) only occurs in loopback when the receiver is full.
/// </para>
/// <para>
/// Access width: any access length is treated as a byte access at <c>offset</c>; reads return the
/// register in the low byte (upper bytes zero), writes use the low byte of the value. Offsets beyond
/// the eight registers read as 0 and ignore writes.
/// </para>
/// <para>
/// Thread safety: register accesses (vCPU thread) and console input notifications (any thread) are
/// serialised by a lock; the interrupt line is driven while that lock is held, and console output is
/// raised after it is released.
/// </para>
/// </remarks>
public sealed class Ns16550Uart : IMmioDevice
{
    /// <summary>Number of registers (bytes) the UART decodes.</summary>
    public const int RegisterCount = 8;

    /// <summary>Depth of the receive and transmit FIFOs in bytes (PC16550D: 16).</summary>
    public const int FifoDepth = 16;

    private const byte ConnectedTerminalInputs = MsrCts | MsrDsr | MsrDcd;

    private readonly object _gate = new();
    private readonly MachineConsole? _console;
    private readonly IInterruptLine? _irq;
    private readonly byte[] _rxFifo = new byte[FifoDepth];
    private int _rxHead;
    private int _rxCount;
    private byte _lastRx;
    private byte _dll;
    private byte _dlm;
    private byte _ier;
    private byte _fcr;
    private byte _lcr;
    private byte _mcr;
    private byte _lsrErrors;
    private byte _msrInputs;
    private byte _msrDeltas;
    private byte _scr;
    private bool _threPending;
    private bool _irqAsserted;

    /// <summary>Creates a UART in its reset state.</summary>
    /// <param name="baseAddress">Guest physical address of register 0 (Bamboo UART0: 0xEF600300).</param>
    /// <param name="console">Host side of the serial line; null discards output and never receives.</param>
    /// <param name="irq">Interrupt output (for example a UIC input); null leaves it unconnected.</param>
    public Ns16550Uart(ulong baseAddress, MachineConsole? console, IInterruptLine? irq)
    {
        Base = baseAddress;
        _console = console;
        _irq = irq;
        ResetRegisters();
        if (console is not null)
        {
            console.InputAvailable += OnInputAvailable;
        }
    }

    /// <inheritdoc/>
    public ulong Base { get; }

    /// <summary>Size of the register window: 8 bytes.</summary>
    public ulong SizeBytes => RegisterCount;

    /// <summary>Current level of the interrupt output (true while any enabled interrupt is pending).</summary>
    public bool InterruptAsserted
    {
        get
        {
            lock (_gate)
            {
                return _irqAsserted;
            }
        }
    }

    /// <summary>Master reset (PC16550D "Reset Control"): IER=0, IIR=0x01, FCR=0, LCR=0, MCR=0, LSR=0x60, MSR deltas 0, SCR=0, divisor 0, FIFOs empty; deasserts the interrupt.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ResetRegisters();
            UpdateInterrupt();
        }
    }

    /// <summary>Pulls pending console input into the receiver and re-evaluates the interrupt output.</summary>
    public void PollInput()
    {
        lock (_gate)
        {
            Sync();
        }
    }

    /// <summary>Reads register <paramref name="offset"/> (0–7); see the class remarks for access widths.</summary>
    /// <param name="offset">Byte offset from <see cref="Base"/>.</param>
    /// <param name="length">Access length in bytes (ignored: always a byte access).</param>
    /// <returns>The register value in the low byte.</returns>
    public ulong Read(ulong offset, int length)
    {
        if (offset >= RegisterCount)
        {
            return 0;
        }

        lock (_gate)
        {
            ReceiveFromConsole();
            byte value = ReadRegister((int)offset);
            Sync();
            return value;
        }
    }

    /// <summary>Writes the low byte of <paramref name="value"/> to register <paramref name="offset"/> (0–7).</summary>
    /// <param name="offset">Byte offset from <see cref="Base"/>.</param>
    /// <param name="length">Access length in bytes (ignored: always a byte access).</param>
    /// <param name="value">Value; only bits 7:0 are used.</param>
    public void Write(ulong offset, int length, ulong value)
    {
        if (offset >= RegisterCount)
        {
            return;
        }

        int transmitted;
        lock (_gate)
        {
            transmitted = WriteRegister((int)offset, (byte)value);
            Sync();
        }

        if (transmitted >= 0)
        {
            _console?.Transmit((byte)transmitted);
        }
    }

    private bool FifoEnabled => (_fcr & FcrEnableFifo) != 0;

    private bool Loopback => (_mcr & McrLoop) != 0;

    private bool Dlab => (_lcr & LcrDlab) != 0;

    private int RxCapacity => FifoEnabled ? FifoDepth : 1;

    private int RxTriggerLevel => (_fcr & FcrTriggerMask) switch
    {
        0x00 => 1,
        0x40 => 4,
        0x80 => 8,
        _ => 14,
    };

    private void OnInputAvailable()
    {
        lock (_gate)
        {
            Sync();
        }
    }

    private void ResetRegisters()
    {
        _rxHead = 0;
        _rxCount = 0;
        _lastRx = 0;
        _dll = 0;
        _dlm = 0;
        _ier = 0;
        _fcr = 0;
        _lcr = 0;
        _mcr = 0;
        _lsrErrors = 0;
        _msrDeltas = 0;
        _msrInputs = ExternalModemInputs();
        _scr = 0;
        _threPending = false;
    }

    private byte ReadRegister(int register)
    {
        switch (register)
        {
            case Rbr:
                if (Dlab)
                {
                    return _dll;
                }

                if (_rxCount > 0)
                {
                    _lastRx = _rxFifo[_rxHead];
                    _rxHead = (_rxHead + 1) % FifoDepth;
                    _rxCount--;
                }

                return _lastRx;
            case Ier:
                return Dlab ? _dlm : _ier;
            case Iir:
            {
                byte id = PendingInterrupt();
                if (id == IirThre)
                {
                    // Reading IIR while it reports THRE clears that source (datasheet Table IV).
                    _threPending = false;
                }

                return (byte)(id | (FifoEnabled ? IirFifosEnabled : 0));
            }

            case Lcr:
                return _lcr;
            case Mcr:
                return _mcr;
            case Lsr:
            {
                byte lsr = LineStatus();
                _lsrErrors = 0;
                return lsr;
            }

            case Msr:
            {
                byte msr = (byte)(_msrInputs | _msrDeltas);
                _msrDeltas = 0;
                return msr;
            }

            default:
                return _scr;
        }
    }

    /// <returns>The byte to transmit to the console, or -1.</returns>
    private int WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case Thr:
                if (Dlab)
                {
                    _dll = value;
                    return -1;
                }

                // The byte leaves at once; THR is empty again, which (re)arms the THRE source.
                _threPending = true;
                if (Loopback)
                {
                    Receive(value);
                    return -1;
                }

                return value;
            case Ier:
                if (Dlab)
                {
                    _dlm = value;
                    return -1;
                }

                WriteIer(value);
                return -1;
            case Fcr:
                WriteFcr(value);
                return -1;
            case Lcr:
                _lcr = value;
                return -1;
            case Mcr:
                _mcr = (byte)(value & 0x1F);
                UpdateModemInputs();
                return -1;
            case Lsr:
            case Msr:
                // Status registers: writes are ignored (the datasheet reserves them for factory test).
                return -1;
            default:
                _scr = value;
                return -1;
        }
    }

    private void WriteIer(byte value)
    {
        byte old = _ier;
        _ier = (byte)(value & 0x0F);
        bool wasEnabled = (old & IerThre) != 0;
        bool isEnabled = (_ier & IerThre) != 0;
        if (isEnabled && !wasEnabled)
        {
            // Enabling ETBEI while THR is empty (always, here) raises THRE even if an IIR read had
            // cleared it; the Linux 8250 driver's THRE re-assert test relies on this.
            _threPending = true;
        }
        else if (!isEnabled)
        {
            _threPending = false;
        }
    }

    private void WriteFcr(byte value)
    {
        bool enable = (value & FcrEnableFifo) != 0;
        if (enable != FifoEnabled)
        {
            // Changing FCR[0] clears both FIFOs.
            ClearRx();
        }

        if (!enable)
        {
            // The other FCR bits cannot be programmed while FCR[0] is 0.
            _fcr = 0;
            return;
        }

        if ((value & FcrClearRx) != 0)
        {
            ClearRx();
        }

        // FcrClearTx: the transmit FIFO is always empty on an infinitely fast line.
        _fcr = (byte)(value & (FcrEnableFifo | FcrDmaMode | FcrTriggerMask));
    }

    private void ClearRx()
    {
        _rxHead = 0;
        _rxCount = 0;
    }

    private void Receive(byte value)
    {
        if (_rxCount < RxCapacity)
        {
            _rxFifo[(_rxHead + _rxCount) % FifoDepth] = value;
            _rxCount++;
            return;
        }

        _lsrErrors |= LsrOverrun;
        if (!FifoEnabled)
        {
            // 16450 mode: the new character overwrites RBR. In FIFO mode it is lost instead.
            _rxFifo[_rxHead] = value;
        }
    }

    private void ReceiveFromConsole()
    {
        if (_console is null || Loopback)
        {
            return;
        }

        while (_rxCount < RxCapacity && _console.TryReadInput(out byte value))
        {
            Receive(value);
        }
    }

    private byte LineStatus()
    {
        byte lsr = (byte)(LsrThre | LsrTemt | _lsrErrors);
        if (_rxCount > 0)
        {
            lsr |= LsrDataReady;
        }

        return lsr;
    }

    private byte PendingInterrupt()
    {
        if ((_ier & IerLineStatus) != 0 && (_lsrErrors & (LsrOverrun | LsrParity | LsrFraming | LsrBreak)) != 0)
        {
            return IirLineStatus;
        }

        if ((_ier & IerRxData) != 0 && _rxCount > 0)
        {
            return !FifoEnabled || _rxCount >= RxTriggerLevel ? IirRxData : IirRxTimeout;
        }

        if ((_ier & IerThre) != 0 && _threPending)
        {
            return IirThre;
        }

        if ((_ier & IerModemStatus) != 0 && _msrDeltas != 0)
        {
            return IirModemStatus;
        }

        return IirNoInterrupt;
    }

    private byte ExternalModemInputs() => _console is null ? (byte)0 : ConnectedTerminalInputs;

    private void UpdateModemInputs()
    {
        byte inputs;
        if (Loopback)
        {
            inputs = 0;
            inputs |= (_mcr & McrRts) != 0 ? MsrCts : (byte)0;
            inputs |= (_mcr & McrDtr) != 0 ? MsrDsr : (byte)0;
            inputs |= (_mcr & McrOut1) != 0 ? MsrRi : (byte)0;
            inputs |= (_mcr & McrOut2) != 0 ? MsrDcd : (byte)0;
        }
        else
        {
            inputs = ExternalModemInputs();
        }

        byte changed = (byte)(inputs ^ _msrInputs);
        if ((changed & MsrCts) != 0)
        {
            _msrDeltas |= MsrDeltaCts;
        }

        if ((changed & MsrDsr) != 0)
        {
            _msrDeltas |= MsrDeltaDsr;
        }

        if ((changed & MsrRi) != 0 && (inputs & MsrRi) == 0)
        {
            _msrDeltas |= MsrTrailingEdgeRi;
        }

        if ((changed & MsrDcd) != 0)
        {
            _msrDeltas |= MsrDeltaDcd;
        }

        _msrInputs = inputs;
    }

    private void Sync()
    {
        ReceiveFromConsole();
        UpdateInterrupt();
    }

    private void UpdateInterrupt()
    {
        bool asserted = PendingInterrupt() != IirNoInterrupt;
        if (asserted != _irqAsserted)
        {
            _irqAsserted = asserted;
            _irq?.Set(asserted);
        }
    }
}
