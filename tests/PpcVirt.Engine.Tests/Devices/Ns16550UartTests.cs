using System.Text;
using PpcVirt.Engine.Devices;
using PpcVirt.Engine.Machines;
using Xunit;
using static PpcVirt.Engine.Devices.Ns16550Registers;

namespace PpcVirt.Engine.Tests.Devices;

public sealed class Ns16550UartTests
{
    private const ulong BambooUart0 = 0xEF600300;

    private readonly MachineConsole _console = new();
    private readonly RecordingLine _irq = new();
    private readonly Ns16550Uart _uart;

    public Ns16550UartTests()
    {
        _uart = new Ns16550Uart(BambooUart0, _console, _irq);
    }

    [Fact]
    public void Window_IsEightBytesAtTheBase()
    {
        Assert.Equal(BambooUart0, _uart.Base);
        Assert.Equal(8UL, _uart.SizeBytes);
    }

    [Fact]
    public void ResetValues_MatchThe16550A()
    {
        Assert.Equal(0x00, In(Ier));
        Assert.Equal(0x01, In(Iir));
        Assert.Equal(0x00, In(Lcr));
        Assert.Equal(0x00, In(Mcr));
        Assert.Equal(0x60, In(Lsr));
        Assert.Equal(0xB0, In(Msr)); // a terminal holding CTS, DSR and DCD
        Assert.Equal(0x00, In(Scr));
        Assert.Equal(0x00, In(Rbr));
        Assert.False(_uart.InterruptAsserted);
        Assert.Empty(_irq.History);
    }

    [Fact]
    public void Reset_RestoresRegistersAndDeassertsTheInterrupt()
    {
        Out(Lcr, 0x03);
        Out(Scr, 0x5A);
        Out(Mcr, 0x0B);
        Out(Fcr, 0xC1);
        Out(Ier, 0x0F);
        Assert.True(_irq.Level);

        _uart.Reset();

        Assert.False(_irq.Level);
        Assert.False(_uart.InterruptAsserted);
        Assert.Equal(0x00, In(Ier));
        Assert.Equal(0x01, In(Iir));
        Assert.Equal(0x00, In(Lcr));
        Assert.Equal(0x00, In(Mcr));
        Assert.Equal(0x60, In(Lsr));
        Assert.Equal(0xB0, In(Msr));
        Assert.Equal(0x00, In(Scr));
    }

    [Fact]
    public void ScratchAndLineControl_ReadBackWhatWasWritten()
    {
        Out(Scr, 0xA5);
        Assert.Equal(0xA5, In(Scr));
        Out(Scr, 0x5A);
        Assert.Equal(0x5A, In(Scr));
        Out(Lcr, 0x1B);
        Assert.Equal(0x1B, In(Lcr));
    }

    [Fact]
    public void Ier_KeepsOnlyTheLowNibble()
    {
        Out(Ier, 0xF0);
        Assert.Equal(0x00, In(Ier));
        Out(Ier, 0xFD);
        Assert.Equal(0x0D, In(Ier));
    }

    [Fact]
    public void Dlab_SwitchesOffsetsZeroAndOneToTheDivisorLatch()
    {
        Out(Ier, 0x05);
        Out(Lcr, 0x83);
        Out(Dll, 0x36);
        Out(Dlm, 0x01);
        Assert.Equal(0x36, In(Dll));
        Assert.Equal(0x01, In(Dlm));
        Assert.Equal(string.Empty, _console.OutputText); // DLL write did not transmit

        Out(Lcr, 0x03);
        Assert.Equal(0x05, In(Ier));
        Out(Thr, (byte)'x');
        Assert.Equal("x", _console.OutputText);

        Out(Lcr, 0x83);
        Assert.Equal(0x36, In(Dll));
        Assert.Equal(0x01, In(Dlm));
    }

    [Fact]
    public void Transmit_AppearsOnTheConsoleAndLeavesTheTransmitterEmpty()
    {
        var seen = new List<byte>();
        _console.Output += seen.Add;

        foreach (byte b in "Linux\n"u8)
        {
            Out(Thr, b);
            Assert.Equal(0x60, In(Lsr));
        }

        Assert.Equal("Linux\n", _console.OutputText);
        Assert.Equal("Linux\n"u8.ToArray(), seen.ToArray());
    }

    [Fact]
    public void Autoconfig_AsLinux8250DoesIt_ConcludesPlain16550A()
    {
        var probe = new Linux8250Probe(_uart);

        Assert.Equal("16550A", probe.Autoconfig());

        // Loopback traffic never reached the line; the port is left quiet with FIFOs off.
        Assert.Equal(string.Empty, _console.OutputText);
        Assert.Equal(0x00, In(Ier));
        Assert.Equal(0x01, In(Iir));
        Assert.Equal(0x00, In(Mcr));
        Assert.Equal(0x00, In(Lcr));
        Assert.Equal(0x60, In(Lsr));
        Assert.False(_irq.Level);

        Assert.Equal(16, probe.SizeFifo());
        Assert.Equal(string.Empty, _console.OutputText);
        Assert.False(probe.DetectsThreBug());
        Assert.False(probe.DetectsTxEnableBug());
    }

    [Fact]
    public void Fcr_EnablesFifosAndIirReportsThemInBits7And6()
    {
        Out(Fcr, 0x01);
        Assert.Equal(0xC1, In(Iir));
        Out(Fcr, 0x00);
        Assert.Equal(0x01, In(Iir));
    }

    [Fact]
    public void LcrBF_HasNoEfr_RegisterTwoStaysFcrAndIir()
    {
        Out(Lcr, 0xBF);
        Out(Efr, 0x10); // a 16550A takes this as FCR: FIFOs stay off
        Assert.Equal(0x01, In(Iir));
        Out(Efr, 0x01);
        Assert.Equal(0xC1, In(Iir)); // what an EFR probe reads back: not 0
        Out(Lcr, 0x00);
        Assert.Equal(0xC1, In(Iir));
    }

    [Fact]
    public void Fcr_Bit5IsIgnored_No64ByteMode()
    {
        Out(Fcr, 0x21);
        Assert.Equal(0xC1, In(Iir));
        Out(Lcr, 0x80);
        Out(Fcr, 0x21);
        Assert.Equal(0xC1, In(Iir));
    }

    [Fact]
    public void Thre_AssertsWhenEnabled_ClearsOnIirRead_RearmsOnThrWrite()
    {
        Out(Ier, IerThre);
        Assert.True(_irq.Level);
        Assert.Equal(0x02, In(Iir)); // reports THRE, and that read clears it
        Assert.False(_irq.Level);
        Assert.Equal(0x01, In(Iir));
        Assert.Equal(0x60, In(Lsr)); // the transmitter is still empty

        Out(Thr, (byte)'A');
        Assert.True(_irq.Level);
        Assert.Equal(0x02, In(Iir));
        Assert.False(_irq.Level);
        Assert.Equal("A", _console.OutputText);
        Assert.Equal(new[] { true, false, true, false }, _irq.History);
    }

    [Fact]
    public void Thre_ReenablingEtbeiRaisesItAgain_DisablingDropsIt()
    {
        Out(Ier, IerThre);
        Assert.Equal(0x02, In(Iir));
        Assert.False(_irq.Level);

        Out(Ier, IerThre); // already enabled: no new THRE
        Assert.False(_irq.Level);

        Out(Ier, 0);
        Out(Ier, IerThre);
        Assert.True(_irq.Level);

        Out(Ier, 0);
        Assert.False(_irq.Level);
        Assert.Equal(0x01, In(Iir));
    }

    [Fact]
    public void Thre_WithFifosEnabled_ReadsC2()
    {
        Out(Fcr, 0x01);
        Out(Ier, IerThre);
        Assert.Equal(0xC2, In(Iir));
        Assert.Equal(0xC1, In(Iir));
    }

    [Fact]
    public void Receive_ConsoleInputSetsDataReadyAndIsReadInOrder()
    {
        _console.SendInput("ab"u8);

        Assert.Equal(0x61, In(Lsr));
        Assert.Equal((byte)'a', In(Rbr));
        Assert.Equal(0x61, In(Lsr));
        Assert.Equal((byte)'b', In(Rbr));
        Assert.Equal(0x60, In(Lsr));
        Assert.Equal(0, _console.PendingInput);
    }

    [Fact]
    public void Receive_InterruptRaisedByInputAvailable_ClearedWhenDrained()
    {
        Out(Ier, IerRxData);
        Assert.False(_irq.Level);

        _console.SendInput("q"u8); // no guest access: the InputAvailable notification polls

        Assert.True(_irq.Level);
        Assert.True(_uart.InterruptAsserted);
        Assert.Equal(0x04, In(Iir));
        Assert.True(_irq.Level); // reading IIR does not clear RX data
        Assert.Equal((byte)'q', In(Rbr));
        Assert.False(_irq.Level);
        Assert.Equal(0x01, In(Iir));
    }

    [Fact]
    public void Receive_NonFifoModeHoldsOneByte_RestWaitsInTheConsole()
    {
        _console.SendInput("xyz"u8);
        Assert.Equal(0x61, In(Lsr));
        Assert.Equal(2, _console.PendingInput);
        Assert.Equal((byte)'x', In(Rbr));
        Assert.Equal(1, _console.PendingInput);
    }

    [Fact]
    public void Receive_FifoTriggerLevel_TimeoutBelowAndDataAtTrigger()
    {
        Out(Fcr, 0x81); // FIFOs on, trigger 8
        Out(Ier, IerRxData);

        _console.SendInput("1234567"u8);
        Assert.Equal(0xCC, In(Iir)); // below trigger: character timeout (immediate)
        Assert.True(_irq.Level);

        _console.SendInput("8"u8);
        Assert.Equal(0xC4, In(Iir)); // 8 queued: at trigger

        Assert.Equal((byte)'1', In(Rbr));
        Assert.Equal(0xCC, In(Iir));
    }

    [Fact]
    public void Receive_FifoHoldsSixteen_MoreArriveAsItDrains()
    {
        Out(Fcr, 0xC1); // trigger 14
        byte[] input = Encoding.ASCII.GetBytes("abcdefghijklmnopqrst"); // 20 bytes
        _console.SendInput(input);
        Assert.Equal(4, _console.PendingInput);

        var received = new List<byte>();
        while ((In(Lsr) & LsrDataReady) != 0)
        {
            received.Add(In(Rbr));
        }

        Assert.Equal(input, received.ToArray());
        Assert.Equal(0x60, In(Lsr)); // never an overrun
    }

    [Fact]
    public void FcrClearRx_EmptiesTheFifo()
    {
        Out(Fcr, 0x01);
        Out(Mcr, McrLoop);
        Out(Thr, 0x11);
        Out(Thr, 0x22);
        Assert.Equal(0x61, In(Lsr));

        Out(Fcr, 0x03);

        Assert.Equal(0x60, In(Lsr));
        Assert.Equal(0xC1, In(Iir));
    }

    [Fact]
    public void Loopback_TransmitGoesToTheReceiverNotTheConsole()
    {
        Out(Mcr, McrLoop);
        _console.SendInput("h"u8);

        Out(Thr, 0x55);

        Assert.Equal(string.Empty, _console.OutputText);
        Assert.Equal(0x61, In(Lsr));
        Assert.Equal(0x55, In(Rbr));
        Assert.Equal(0x60, In(Lsr));
        Assert.Equal(1, _console.PendingInput); // the line input is disconnected in loopback

        Out(Mcr, 0);
        Assert.Equal((byte)'h', In(Rbr));
    }

    [Fact]
    public void Loopback_MsrReflectsMcrOutputs()
    {
        Out(Mcr, McrLoop | McrOut2 | McrRts);
        Assert.Equal(0x90, In(Msr) & 0xF0); // what the 8250 LOOP test expects

        Out(Mcr, McrLoop | McrDtr | McrOut1);
        Assert.Equal(0x60, In(Msr) & 0xF0);
    }

    [Fact]
    public void Loopback_MsrDeltaBitsRecordChangesAndClearOnRead()
    {
        Assert.Equal(0xB0, In(Msr));
        Out(Mcr, McrLoop); // CTS, DSR, DCD drop; RI stays low
        Assert.Equal(0x0B, In(Msr));
        Assert.Equal(0x00, In(Msr));

        Out(Mcr, McrLoop | McrOut1);
        Assert.Equal(0x40, In(Msr)); // RI rising: no TERI
        Out(Mcr, McrLoop);
        Assert.Equal(0x04, In(Msr)); // RI trailing edge: TERI
    }

    [Fact]
    public void ModemStatusInterrupt_PendingUntilMsrRead()
    {
        Out(Ier, IerModemStatus);
        Assert.False(_irq.Level);
        Out(Mcr, McrLoop | McrRts);
        Assert.True(_irq.Level);
        Assert.Equal(0x00, In(Iir));
        Assert.Equal(0x1A, In(Msr)); // CTS held, DSR and DCD dropped
        Assert.False(_irq.Level);
        Assert.Equal(0x01, In(Iir));
    }

    [Fact]
    public void Loopback_OverrunInNonFifoMode_OverwritesAndSetsOe()
    {
        Out(Mcr, McrLoop);
        Out(Thr, 0x01);
        Out(Thr, 0x02);

        Assert.Equal(0x63, In(Lsr)); // DR | OE | THRE | TEMT
        Assert.Equal(0x61, In(Lsr)); // OE clears on read
        Assert.Equal(0x02, In(Rbr));
    }

    [Fact]
    public void Loopback_OverrunInFifoMode_KeepsTheFirstSixteen()
    {
        Out(Fcr, 0x01);
        Out(Mcr, McrLoop);
        for (int i = 0; i < 17; i++)
        {
            Out(Thr, (byte)i);
        }

        Assert.Equal(0x63, In(Lsr));
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(i, In(Rbr));
        }

        Assert.Equal(0x60, In(Lsr));
    }

    [Fact]
    public void Priorities_LineStatusThenRxThenThre()
    {
        Out(Mcr, McrLoop);
        Out(Thr, 0x01);
        Out(Thr, 0x02); // overrun
        Out(Ier, IerRxData | IerThre | IerLineStatus);

        Assert.Equal(0x06, In(Iir));
        Assert.Equal(0x63, In(Lsr));
        Assert.Equal(0x04, In(Iir));
        Assert.Equal(0x02, In(Rbr));
        Assert.True(_irq.Level);
        Assert.Equal(0x02, In(Iir));
        Assert.False(_irq.Level);
        Assert.Equal(0x01, In(Iir));
    }

    [Fact]
    public void InterruptIsNotGatedByOut2()
    {
        Out(Mcr, 0);
        Out(Ier, IerThre);
        Assert.True(_irq.Level);
    }

    [Fact]
    public void AnyAccessLength_IsAByteAccessAtTheOffset()
    {
        Out(Scr, 0x00);
        _uart.Write(Scr, 4, 0x12345678);
        Assert.Equal(0x78UL, _uart.Read(Scr, 4));
        Assert.Equal(0x60UL, _uart.Read(Lsr, 2));
        Assert.Equal(0x00UL, _uart.Read(8, 1));
        _uart.Write(9, 1, 0xFF); // outside the window: ignored
        Assert.Equal(0x78, In(Scr));
    }

    [Fact]
    public void NullConsole_DiscardsOutputAndNeverReceives()
    {
        var irq = new RecordingLine();
        var uart = new Ns16550Uart(0xEF600400, console: null, irq);

        uart.Write(Thr, 1, 'z');
        Assert.Equal(0x60UL, uart.Read(Lsr, 1));
        Assert.Equal(0x00UL, uart.Read(Msr, 1)); // nothing connected
        uart.Write(Ier, 1, IerRxData | IerThre);
        Assert.True(irq.Level);
        Assert.Equal(0x02UL, uart.Read(Iir, 1));
        Assert.False(irq.Level);

        // Still a full register file, loopback included.
        uart.Write(Mcr, 1, McrLoop);
        uart.Write(Thr, 1, 0x42);
        Assert.Equal(0x04UL, uart.Read(Iir, 1));
        Assert.Equal(0x42UL, uart.Read(Rbr, 1));
    }

    [Fact]
    public void NullInterruptLine_StillTracksTheOutputLevel()
    {
        var uart = new Ns16550Uart(0, _console, irq: null);
        uart.Write(Ier, 1, IerThre);
        Assert.True(uart.InterruptAsserted);
    }

    private const int Efr = 2;

    private byte In(int register) => (byte)_uart.Read((ulong)register, 1);

    private void Out(int register, byte value) => _uart.Write((ulong)register, 1, value);
}
