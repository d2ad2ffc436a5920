using System.Diagnostics;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// Book E timer facilities of the 440 (PPC440 manual "Timer Facilities"): the 64-bit time base
/// (400 MHz on Bamboo, following host real time), the decrementer with DECAR auto-reload, the
/// fixed-interval timer and the watchdog, with TSR/TCR. Timers are evaluated lazily at service
/// points; the wait state sleeps until the next event.
/// </summary>
internal sealed unsafe partial class Ppc440Core
{
    public const long TimeBaseHz = 400_000_000;

    internal const uint TsrEnw = 0x8000_0000, TsrWis = 0x4000_0000, TsrWrs = 0x3000_0000, TsrDis = 0x0800_0000, TsrFis = 0x0400_0000;
    internal const uint TcrWp = 0xC000_0000, TcrWrc = 0x3000_0000, TcrWie = 0x0800_0000, TcrDie = 0x0400_0000, TcrFp = 0x0300_0000, TcrFie = 0x0080_0000, TcrAre = 0x0040_0000;

    private long _tbEpoch;
    private ulong _tbOffset;
    private ulong _decStartTb;
    private uint _decStartValue;
    private bool _decRunning;
    private ulong _fitLastTb;
    private ulong _wdtLastTb;
    private bool _resetRequested;
    private string? _resetReason;

    private void ResetTimers()
    {
        _tbEpoch = Stopwatch.GetTimestamp();
        _tbOffset = 0;
        _decRunning = false;
        _decStartValue = 0;
        _fitLastTb = 0;
        _wdtLastTb = 0;
    }

    /// <summary>Current time base value (TBU:TBL).</summary>
    internal ulong ReadTimeBase()
    {
        long ticks = Stopwatch.GetTimestamp() - _tbEpoch;
        ulong scaled = (ulong)(ticks / Stopwatch.Frequency * TimeBaseHz) + (ulong)(ticks % Stopwatch.Frequency * TimeBaseHz / Stopwatch.Frequency);
        return scaled + _tbOffset;
    }

    internal void WriteTimeBase(ulong value)
    {
        _tbOffset += value - ReadTimeBase();
    }

    internal uint ReadDecrementer()
    {
        if (!_decRunning)
        {
            return _decStartValue;
        }

        UpdateDecrementer(ReadTimeBase());
        if (!_decRunning)
        {
            return 0;
        }

        ulong elapsed = ReadTimeBase() - _decStartTb;
        return elapsed >= _decStartValue ? 0 : (uint)(_decStartValue - elapsed);
    }

    internal void WriteDecrementer(uint value)
    {
        _decStartTb = ReadTimeBase();
        _decStartValue = value;
        _decRunning = value != 0;
        ForceService();
    }

    internal void WriteTsr(uint value)
    {
        S->Tsr &= ~value;
        ForceService();
    }

    internal void WriteTcr(uint value)
    {
        S->Tcr = value;
        ForceService();
    }

    private void UpdateDecrementer(ulong tb)
    {
        if (!_decRunning || tb - _decStartTb < _decStartValue)
        {
            return;
        }

        S->Tsr |= TsrDis;
        if ((S->Tcr & TcrAre) != 0 && S->Decar != 0)
        {
            ulong over = tb - _decStartTb - _decStartValue;
            _decStartValue = S->Decar;
            _decStartTb = tb - (over % S->Decar);
        }
        else
        {
            _decRunning = false;
            _decStartValue = 0;
        }
    }

    private int FitPeriodLog2() => ((S->Tcr & TcrFp) >> 24) switch { 0 => 13, 1 => 17, 2 => 21, _ => 25 };

    private int WatchdogPeriodLog2() => ((S->Tcr & TcrWp) >> 30) switch { 0 => 17, 1 => 21, 2 => 25, _ => 29 };

    private void UpdateTimers()
    {
        ulong tb = ReadTimeBase();
        UpdateDecrementer(tb);

        int fit = FitPeriodLog2();
        if ((tb >> fit) != (_fitLastTb >> fit))
        {
            S->Tsr |= TsrFis;
        }

        _fitLastTb = tb;

        int wdt = WatchdogPeriodLog2();
        if ((tb >> wdt) != (_wdtLastTb >> wdt))
        {
            // Watchdog state machine: first timeout sets ENW, second sets WIS, third resets (TCR[WRC]).
            if ((S->Tsr & TsrEnw) == 0)
            {
                S->Tsr |= TsrEnw;
            }
            else if ((S->Tsr & TsrWis) == 0)
            {
                S->Tsr |= TsrWis;
            }
            else if ((S->Tcr & TcrWrc) != 0)
            {
                S->Tsr = (S->Tsr & ~TsrWrs) | (S->Tcr & TcrWrc);
                RequestReset("watchdog timer reset (TCR[WRC])");
            }
        }

        _wdtLastTb = tb;
    }

    /// <summary>The host timestamp of the next timer event that could raise an enabled interrupt.</summary>
    private long NextTimerEventTimestamp()
    {
        ulong tb = ReadTimeBase();
        ulong next = ulong.MaxValue;
        if (_decRunning && (S->Tcr & TcrDie) != 0)
        {
            next = Math.Min(next, _decStartTb + _decStartValue);
        }

        if ((S->Tcr & TcrFie) != 0)
        {
            int fit = FitPeriodLog2();
            next = Math.Min(next, ((tb >> fit) + 1) << fit);
        }

        if ((S->Tcr & TcrWie) != 0 || (S->Tcr & TcrWrc) != 0)
        {
            int wdt = WatchdogPeriodLog2();
            next = Math.Min(next, ((tb >> wdt) + 1) << wdt);
        }

        if (next == ulong.MaxValue)
        {
            return long.MaxValue;
        }

        ulong delta = next > tb ? next - tb : 0;
        return Stopwatch.GetTimestamp() + (long)(delta * (ulong)Stopwatch.Frequency / TimeBaseHz);
    }

    /// <summary>A system reset request (DBCR0[RST], watchdog): the run returns a Reset exit at the next service point.</summary>
    internal void RequestReset(string reason)
    {
        _resetRequested = true;
        _resetReason = reason;
        ForceService();
    }
}
