using PpcVirt.Engine.Devices;

namespace PpcVirt.Engine.Tests.Devices;

/// <summary>
/// Replays, register access by register access, the probing that Linux's 8250 driver
/// (drivers/tty/serial/8250/8250_port.c: autoconfig(), autoconfig_16550a(), size_fifo() and the
/// THRE checks in serial8250_do_startup()) performs, and reports what the driver would conclude.
/// Written from a reading of that code's behaviour; no code is taken from it.
/// </summary>
internal sealed class Linux8250Probe(IMmioDevice uart)
{
    private const int Rx = 0;
    private const int Tx = 0;
    private const int Ier = 1;
    private const int Iir = 2;
    private const int Fcr = 2;
    private const int Efr = 2;
    private const int Lcr = 3;
    private const int Mcr = 4;
    private const int Lsr = 5;
    private const int Msr = 6;
    private const byte ConfModeA = 0x80;
    private const byte ConfModeB = 0xBF;
    private const byte McrLoop = 0x10;
    private const byte IerUue = 0x40;

    /// <summary>The port type autoconfig() settles on ("16550A" for a plain 16550A).</summary>
    public string Autoconfig()
    {
        // Existence test through IER (upper nibble masked off).
        byte scratch = In(Ier);
        Out(Ier, 0);
        int scratch2 = In(Ier) & 0x0F;
        Out(Ier, 0x0F);
        int scratch3 = In(Ier) & 0x0F;
        Out(Ier, scratch);
        if (scratch2 != 0 || scratch3 != 0x0F)
        {
            return "none: IER test failed";
        }

        byte saveMcr = In(Mcr);
        byte saveLcr = In(Lcr);

        // Loopback test (run unless UPF_SKIP_TEST): MCR = LOOP | OUT2 | RTS must give MSR[7:4] = DCD|CTS.
        Out(Mcr, McrLoop | 0x0A);
        int status1 = In(Msr) & 0xF0;
        Out(Mcr, saveMcr);
        if (status1 != 0x90)
        {
            return "none: LOOP test failed";
        }

        // Zero a possible EFR, then enable the FIFOs and look at IIR[7:6].
        Out(Lcr, ConfModeB);
        Out(Efr, 0);
        Out(Lcr, 0);
        Out(Fcr, 0x01);
        string type = (In(Iir) >> 6) switch
        {
            0 => "8250/16450",
            1 => "unknown",
            2 => "16550",
            _ => Autoconfig16550A(),
        };

        Out(Lcr, saveLcr);

        // "Reset the UART".
        Out(Mcr, saveMcr);
        Out(Fcr, 0x01);
        Out(Fcr, 0x07);
        Out(Fcr, 0x00);
        In(Rx);
        Out(Ier, 0);
        return type;
    }

    /// <summary>size_fifo(): loops 256 bytes back through the UART and counts how many the receiver kept.</summary>
    public int SizeFifo()
    {
        byte oldLcr = In(Lcr);
        Out(Lcr, 0);
        byte oldFcr = In(Fcr); // really IIR, as in the driver
        byte oldMcr = In(Mcr);
        Out(Fcr, 0x07);
        Out(Mcr, McrLoop);
        Out(Lcr, ConfModeA);
        int oldDl = In(0) | (In(1) << 8);
        Out(0, 0x01);
        Out(1, 0x00);
        Out(Lcr, 0x03);
        for (int i = 0; i < 256; i++)
        {
            Out(Tx, (byte)i);
        }

        int count = 0;
        while ((In(Lsr) & 0x01) != 0 && count < 256)
        {
            In(Rx);
            count++;
        }

        Out(Fcr, oldFcr);
        Out(Mcr, oldMcr);
        Out(Lcr, ConfModeA);
        Out(0, (byte)oldDl);
        Out(1, (byte)(oldDl >> 8));
        Out(Lcr, oldLcr);
        return count;
    }

    /// <summary>serial8250_do_startup()'s THRE re-assert test: true when the driver would set UART_BUG_THRE.</summary>
    public bool DetectsThreBug()
    {
        Out(Ier, 0x02);
        byte iir1 = In(Iir);
        Out(Ier, 0);
        Out(Ier, 0x02);
        byte iir = In(Iir);
        Out(Ier, 0);
        return (iir1 & 0x01) == 0 && (iir & 0x01) != 0;
    }

    /// <summary>serial8250_do_startup()'s TX-enable test: true when the driver would set UART_BUG_TXEN.</summary>
    public bool DetectsTxEnableBug()
    {
        Out(Ier, 0x02);
        byte lsr = In(Lsr);
        byte iir = In(Iir);
        Out(Ier, 0);
        return (lsr & 0x40) != 0 && (iir & 0x01) != 0;
    }

    private string Autoconfig16550A()
    {
        // EFR visible with DLAB set: only ST16C650V1.
        Out(Lcr, ConfModeA);
        if (In(Efr) == 0)
        {
            return "ST16650 (EFR with DLAB)";
        }

        // EFR behind LCR = 0xBF: ST16C650V2, TI16C752, ...
        Out(Lcr, ConfModeB);
        if (In(Efr) == 0)
        {
            return "EFRv2 UART";
        }

        // National Semiconductor SuperIO: the LOOP bit mirrored in EXCR1 (bank 2, LCR = 0xE0).
        Out(Lcr, 0);
        byte mcr = In(Mcr);
        Out(Lcr, 0xE0);
        byte excr1 = In(0x02);
        if (((excr1 ^ mcr) & McrLoop) == 0)
        {
            Out(Lcr, 0);
            Out(Mcr, (byte)(mcr ^ McrLoop));
            Out(Lcr, 0xE0);
            excr1 = In(0x02);
            Out(Lcr, 0);
            Out(Mcr, mcr);
            if (((excr1 ^ mcr) & McrLoop) != 0)
            {
                return "NS16550A (SuperIO)";
            }
        }

        // TI16750: IIR[5] set only when FCR[5] is written with DLAB set.
        Out(Lcr, 0);
        Out(Fcr, 0x21);
        int status1 = In(Iir) >> 5;
        Out(Fcr, 0x01);
        Out(Lcr, ConfModeA);
        Out(Fcr, 0x21);
        int status2 = In(Iir) >> 5;
        Out(Fcr, 0x01);
        Out(Lcr, 0);
        if (status1 == 6 && status2 == 7)
        {
            return "TI16750";
        }

        // XScale: IER[6] (UUE) writable.
        byte ierSave = In(Ier);
        Out(Ier, (byte)(ierSave & ~IerUue));
        if ((In(Ier) & IerUue) == 0)
        {
            Out(Ier, (byte)(ierSave | IerUue));
            if ((In(Ier) & IerUue) != 0)
            {
                return "XScale";
            }
        }

        Out(Ier, ierSave);
        return SizeFifo() == 64 ? "U6_16550A" : "16550A";
    }

    private byte In(int register) => (byte)uart.Read((ulong)register, 1);

    private void Out(int register, byte value) => uart.Write((ulong)register, 1, value);
}
