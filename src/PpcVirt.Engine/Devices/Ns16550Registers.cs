namespace PpcVirt.Engine.Devices;

/// <summary>
/// Register offsets (byte offsets from the UART base, stride 1 / reg-shift 0) and bit masks of the
/// National Semiconductor PC16550D (16550A) UART, as named in its datasheet ("Registers",
/// Table II "Summary of Accessible Registers"). Bit 0 is the least significant bit.
/// </summary>
public static class Ns16550Registers
{
    /// <summary>Offset 0, read, LCR[DLAB]=0: Receiver Buffer Register.</summary>
    public const int Rbr = 0;

    /// <summary>Offset 0, write, LCR[DLAB]=0: Transmitter Holding Register.</summary>
    public const int Thr = 0;

    /// <summary>Offset 0, LCR[DLAB]=1: Divisor Latch, least significant byte.</summary>
    public const int Dll = 0;

    /// <summary>Offset 1, LCR[DLAB]=0: Interrupt Enable Register.</summary>
    public const int Ier = 1;

    /// <summary>Offset 1, LCR[DLAB]=1: Divisor Latch, most significant byte.</summary>
    public const int Dlm = 1;

    /// <summary>Offset 2, read (any DLAB): Interrupt Identification Register.</summary>
    public const int Iir = 2;

    /// <summary>Offset 2, write (any DLAB): FIFO Control Register.</summary>
    public const int Fcr = 2;

    /// <summary>Offset 3: Line Control Register.</summary>
    public const int Lcr = 3;

    /// <summary>Offset 4: Modem Control Register.</summary>
    public const int Mcr = 4;

    /// <summary>Offset 5: Line Status Register.</summary>
    public const int Lsr = 5;

    /// <summary>Offset 6: Modem Status Register.</summary>
    public const int Msr = 6;

    /// <summary>Offset 7: Scratch Register.</summary>
    public const int Scr = 7;

    /// <summary>IER bit 0 (ERBFI): enable received-data-available (and character timeout) interrupt.</summary>
    public const byte IerRxData = 0x01;

    /// <summary>IER bit 1 (ETBEI): enable transmitter-holding-register-empty interrupt.</summary>
    public const byte IerThre = 0x02;

    /// <summary>IER bit 2 (ELSI): enable receiver line status interrupt.</summary>
    public const byte IerLineStatus = 0x04;

    /// <summary>IER bit 3 (EDSSI): enable modem status interrupt.</summary>
    public const byte IerModemStatus = 0x08;

    /// <summary>IIR bit 0: 1 when no interrupt is pending.</summary>
    public const byte IirNoInterrupt = 0x01;

    /// <summary>IIR[3:1] identification (with bit 0 clear): receiver line status, priority 1 (highest).</summary>
    public const byte IirLineStatus = 0x06;

    /// <summary>IIR identification: received data available (FIFO at trigger level), priority 2.</summary>
    public const byte IirRxData = 0x04;

    /// <summary>IIR identification: character timeout (FIFO mode, below trigger level), priority 2.</summary>
    public const byte IirRxTimeout = 0x0C;

    /// <summary>IIR identification: transmitter holding register empty, priority 3.</summary>
    public const byte IirThre = 0x02;

    /// <summary>IIR identification: modem status, priority 4 (lowest).</summary>
    public const byte IirModemStatus = 0x00;

    /// <summary>IIR[7:6]: both set while the FIFOs are enabled (FCR[0]=1).</summary>
    public const byte IirFifosEnabled = 0xC0;

    /// <summary>FCR bit 0: enable both FIFOs (changing it clears them).</summary>
    public const byte FcrEnableFifo = 0x01;

    /// <summary>FCR bit 1: clear the receive FIFO (self-clearing).</summary>
    public const byte FcrClearRx = 0x02;

    /// <summary>FCR bit 2: clear the transmit FIFO (self-clearing).</summary>
    public const byte FcrClearTx = 0x04;

    /// <summary>FCR bit 3: DMA mode select (stored, no effect here).</summary>
    public const byte FcrDmaMode = 0x08;

    /// <summary>FCR[7:6]: receive FIFO trigger level (00=1, 01=4, 10=8, 11=14 bytes).</summary>
    public const byte FcrTriggerMask = 0xC0;

    /// <summary>LCR bit 7 (DLAB): divisor latch access.</summary>
    public const byte LcrDlab = 0x80;

    /// <summary>MCR bit 0: Data Terminal Ready output.</summary>
    public const byte McrDtr = 0x01;

    /// <summary>MCR bit 1: Request To Send output.</summary>
    public const byte McrRts = 0x02;

    /// <summary>MCR bit 2: OUT1 output.</summary>
    public const byte McrOut1 = 0x04;

    /// <summary>MCR bit 3: OUT2 output.</summary>
    public const byte McrOut2 = 0x08;

    /// <summary>MCR bit 4: local loopback.</summary>
    public const byte McrLoop = 0x10;

    /// <summary>LSR bit 0 (DR): data ready.</summary>
    public const byte LsrDataReady = 0x01;

    /// <summary>LSR bit 1 (OE): overrun error.</summary>
    public const byte LsrOverrun = 0x02;

    /// <summary>LSR bit 2 (PE): parity error.</summary>
    public const byte LsrParity = 0x04;

    /// <summary>LSR bit 3 (FE): framing error.</summary>
    public const byte LsrFraming = 0x08;

    /// <summary>LSR bit 4 (BI): break interrupt.</summary>
    public const byte LsrBreak = 0x10;

    /// <summary>LSR bit 5 (THRE): transmitter holding register (or TX FIFO) empty.</summary>
    public const byte LsrThre = 0x20;

    /// <summary>LSR bit 6 (TEMT): transmitter empty (holding and shift register).</summary>
    public const byte LsrTemt = 0x40;

    /// <summary>LSR bit 7: error in receiver FIFO.</summary>
    public const byte LsrFifoError = 0x80;

    /// <summary>MSR bit 0 (DCTS): CTS changed since the last MSR read.</summary>
    public const byte MsrDeltaCts = 0x01;

    /// <summary>MSR bit 1 (DDSR): DSR changed since the last MSR read.</summary>
    public const byte MsrDeltaDsr = 0x02;

    /// <summary>MSR bit 2 (TERI): RI went from active to inactive since the last MSR read.</summary>
    public const byte MsrTrailingEdgeRi = 0x04;

    /// <summary>MSR bit 3 (DDCD): DCD changed since the last MSR read.</summary>
    public const byte MsrDeltaDcd = 0x08;

    /// <summary>MSR bit 4: Clear To Send input (RTS in loopback).</summary>
    public const byte MsrCts = 0x10;

    /// <summary>MSR bit 5: Data Set Ready input (DTR in loopback).</summary>
    public const byte MsrDsr = 0x20;

    /// <summary>MSR bit 6: Ring Indicator input (OUT1 in loopback).</summary>
    public const byte MsrRi = 0x40;

    /// <summary>MSR bit 7: Data Carrier Detect input (OUT2 in loopback).</summary>
    public const byte MsrDcd = 0x80;
}
