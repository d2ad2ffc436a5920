using System.Globalization;
using System.Text;
using PpcVirt.Engine.Hypervisor;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// One GDB Remote Serial Protocol session (GDB manual, "Remote Protocol": "Packets", "Stop Reply
/// Packets", "General Query Packets", "Host I/O" not supported) in all-stop mode over
/// <see cref="RspConnection"/>, driving the vCPUs as threads (thread id = vCPU id + 1).
/// <para>
/// Supported: <c>?</c>, <c>g</c>/<c>G</c>, <c>p</c>/<c>P</c>, <c>m</c>/<c>M</c>/<c>X</c> (effective
/// addresses through the guest MMU; an unmapped address gives <c>E14</c>, EFAULT), <c>Z0</c>–<c>Z4</c>
/// and <c>z0</c>–<c>z4</c>, <c>c</c>/<c>C</c>/<c>s</c>/<c>S</c>, <c>vCont?</c>/<c>vCont</c> (c, C, s, S),
/// Ctrl-C while running (stop with SIGINT), <c>D</c>, <c>k</c>, <c>vKill</c>, <c>H</c>, <c>T</c>,
/// <c>qSupported</c> (PacketSize, qXfer:features:read, QStartNoAckMode, swbreak, hwbreak),
/// <c>QStartNoAckMode</c>, <c>qXfer:features:read:target.xml</c>, <c>qAttached</c> (1: gdb detaches
/// on quit), <c>qC</c>, <c>qfThreadInfo</c>/<c>qsThreadInfo</c>, <c>qThreadExtraInfo</c>,
/// <c>qOffsets</c> (all 0: guest images run at their link addresses), <c>qSymbol</c>. Anything else
/// gets the empty reply (unsupported).
/// </para>
/// <para>
/// Stop replies: breakpoints <c>T05swbreak:;</c> / <c>T05hwbreak:;</c> with the PC at the
/// instruction (not executed); watchpoints <c>T05watch:addr;</c> / <c>rwatch</c> / <c>awatch</c>
/// with the access not yet performed (PowerPC watchpoints are "non-steppable" in gdb: it steps over
/// the access itself); a step <c>T05</c>; Ctrl-C <c>T02</c>; an MMIO/DCR exit no device claims
/// <c>T0a</c> (SIGBUS; continuing completes the access with zero data, as a VMM that ignores it);
/// an internal error <c>T0b</c> (SIGSEGV); a guest reset or shutdown <c>W00</c> (the "process"
/// exited; the VM is not reset by the server). Every T reply carries <c>thread:</c>, pc and r1.
/// </para>
/// </summary>
public sealed class GdbSession
{
    /// <summary>Largest packet accepted and advertised (qSupported PacketSize, hex 4000).</summary>
    public const int PacketSize = 0x4000;

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    private readonly RspConnection _connection;
    private readonly IReadOnlyList<IDebugTarget> _threads;
    private int _current;
    private string _stopReply;
    private bool _exited;

    /// <summary>A session over <paramref name="connection"/> for <paramref name="threads"/> (one per vCPU, at least one).</summary>
    /// <exception cref="ArgumentException">No threads.</exception>
    public GdbSession(RspConnection connection, IReadOnlyList<IDebugTarget> threads)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(threads);
        if (threads.Count == 0)
        {
            throw new ArgumentException("a GDB session needs at least one thread (vCPU).", nameof(threads));
        }

        _connection = connection;
        _threads = threads;
        _stopReply = StopReply(5, null);
    }

    /// <summary>The last exit a continue or step returned, or null.</summary>
    public VcpuExit? LastExit { get; private set; }

    /// <summary>Packets handled so far (interrupts included).</summary>
    public int PacketsHandled { get; private set; }

    private IDebugTarget Current => _threads[_current];

    /// <summary>Serves packets until gdb detaches or kills, the connection closes, or <paramref name="cancellationToken"/> is cancelled (the caller must then also close the stream to unblock a read).</summary>
    /// <returns>How the session ended. Breakpoints and watchpoints are cleared in every case.</returns>
    public GdbSessionEnd Serve(CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return GdbSessionEnd.Canceled;
                }

                string? packet;
                try
                {
                    packet = _connection.ReadPacket();
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or AggregateException)
                {
                    packet = null;
                }

                if (packet is null)
                {
                    return cancellationToken.IsCancellationRequested ? GdbSessionEnd.Canceled : GdbSessionEnd.Disconnected;
                }

                PacketsHandled++;
                GdbSessionEnd? end = Dispatch(packet, cancellationToken);
                if (end is not null)
                {
                    return end.Value;
                }
            }
        }
        finally
        {
            foreach (IDebugTarget t in _threads)
            {
                t.Debug.Clear();
            }
        }
    }

    private GdbSessionEnd? Dispatch(string packet, CancellationToken cancellationToken)
    {
        if (packet.Length == 0)
        {
            Send(string.Empty);
            return null;
        }

        switch (packet[0])
        {
            case '\u0003':
                // Interrupt while already stopped: nothing to stop.
                return null;
            case '?':
                Send(_stopReply);
                return null;
            case 'g':
                Send(ReadAllRegisters());
                return null;
            case 'G':
                Send(WriteAllRegisters(packet[1..]));
                return null;
            case 'p':
                Send(ReadOneRegister(packet[1..]));
                return null;
            case 'P':
                Send(WriteOneRegister(packet[1..]));
                return null;
            case 'm':
                Send(ReadMemory(packet[1..]));
                return null;
            case 'M':
                Send(WriteMemoryHex(packet[1..]));
                return null;
            case 'X':
                Send(WriteMemoryBinary(packet[1..]));
                return null;
            case 'Z':
            case 'z':
                Send(Breakpoint(packet[0] == 'Z', packet[1..]));
                return null;
            case 'c':
            case 'C':
                Resume(step: false, ResumeAddress(packet), cancellationToken);
                return null;
            case 's':
            case 'S':
                Resume(step: true, ResumeAddress(packet), cancellationToken);
                return null;
            case 'H':
                Send(SelectThread(packet.Length > 2 ? packet[2..] : "0") ? "OK" : "E01");
                return null;
            case 'T':
                Send(TryThread(packet[1..], out _) ? "OK" : "E01");
                return null;
            case 'D':
                Send("OK");
                return GdbSessionEnd.Detached;
            case 'k':
                return GdbSessionEnd.Killed;
            case 'q':
            case 'Q':
                if (Query(packet) is { } reply)
                {
                    Send(reply);
                }

                return null;
            case 'v':
                return VerbosePacket(packet, cancellationToken);
            default:
                Send(string.Empty);
                return null;
        }
    }

    /// <returns>The reply, or null when the query already sent it.</returns>
    private string? Query(string packet)
    {
        if (packet.StartsWith("qSupported", StringComparison.Ordinal))
        {
            return $"PacketSize={PacketSize:x};qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";
        }

        if (packet == "QStartNoAckMode")
        {
            Send("OK");
            _connection.AckMode = false;
            return null;
        }

        if (packet.StartsWith("qXfer:features:read:", StringComparison.Ordinal))
        {
            return FeaturesRead(packet["qXfer:features:read:".Length..]);
        }

        switch (packet)
        {
            case "qAttached":
                return "1";
            case "qC":
                return $"QC{_current + 1:x}";
            case "qfThreadInfo":
                return "m" + string.Join(",", Enumerable.Range(1, _threads.Count).Select(i => i.ToString("x", CultureInfo.InvariantCulture)));
            case "qsThreadInfo":
                return "l";
            case "qOffsets":
                return "Text=0;Data=0;Bss=0";
            case "qSymbol::":
                return "OK";
        }

        if (packet.StartsWith("qThreadExtraInfo,", StringComparison.Ordinal) && TryThread(packet["qThreadExtraInfo,".Length..], out int index))
        {
            return Hex(Encoding.ASCII.GetBytes(_threads[index].DisplayName));
        }

        return string.Empty;
    }

    private string FeaturesRead(string args)
    {
        // target.xml:offset,length
        int colon = args.IndexOf(':');
        if (colon < 0 || args[..colon] != "target.xml" || !TryParseAddressLength(args[(colon + 1)..], out ulong offset, out ulong length))
        {
            return "E00";
        }

        byte[] xml = Encoding.UTF8.GetBytes(Current.Description.ToXml());
        if (offset >= (ulong)xml.Length)
        {
            return "l";
        }

        int n = (int)Math.Min(length, (ulong)xml.Length - offset);
        string chunk = RspConnection.Escape(xml.AsSpan((int)offset, n));
        return ((int)offset + n < xml.Length ? "m" : "l") + chunk;
    }

    private GdbSessionEnd? VerbosePacket(string packet, CancellationToken cancellationToken)
    {
        if (packet == "vCont?")
        {
            Send("vCont;c;C;s;S");
            return null;
        }

        if (packet.StartsWith("vCont;", StringComparison.Ordinal))
        {
            // The action for the current thread: the first one naming it, else the first without a thread.
            char? action = null;
            foreach (string part in packet[6..].Split(';'))
            {
                string[] fields = part.Split(':');
                if (fields[0].Length == 0)
                {
                    continue;
                }

                bool forUs = fields.Length == 1 || (TryThread(fields[1], out int t) && t == _current) || fields[1] == "-1";
                if (forUs)
                {
                    action = fields[0][0];
                    break;
                }
            }

            switch (action)
            {
                case 'c' or 'C':
                    Resume(step: false, null, cancellationToken);
                    return null;
                case 's' or 'S':
                    Resume(step: true, null, cancellationToken);
                    return null;
                default:
                    Send("E01");
                    return null;
            }
        }

        if (packet.StartsWith("vKill", StringComparison.Ordinal))
        {
            Send("OK");
            return GdbSessionEnd.Killed;
        }

        Send(string.Empty);
        return null;
    }

    private static ulong? ResumeAddress(string packet)
    {
        // c[addr], s[addr], C sig[;addr], S sig[;addr]
        string rest = packet[1..];
        if (packet[0] is 'C' or 'S')
        {
            int semi = rest.IndexOf(';');
            rest = semi < 0 ? string.Empty : rest[(semi + 1)..];
        }

        return rest.Length > 0 && ulong.TryParse(rest, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong a) ? a : null;
    }

    private void Resume(bool step, ulong? address, CancellationToken cancellationToken)
    {
        IDebugTarget target = Current;
        if (_exited)
        {
            Send(_stopReply);
            return;
        }

        if (address is { } a)
        {
            target.ProgramCounter = a;
        }

        // A step always executes the instruction at the PC, even when a breakpoint is set there.
        ulong pc = target.ProgramCounter;
        bool software = step && target.Debug.RemoveBreakpoint(pc, hardware: false);
        bool hardware = step && target.Debug.RemoveBreakpoint(pc, hardware: true);
        VcpuExit exit;
        try
        {
            exit = RunInterruptibly(target, new RunOptions { MaxInstructions = step ? 1UL : 0UL }, cancellationToken);
        }
        finally
        {
            if (software)
            {
                target.Debug.AddBreakpoint(pc, hardware: false);
            }

            if (hardware)
            {
                target.Debug.AddBreakpoint(pc, hardware: true);
            }
        }

        LastExit = exit;
        _stopReply = exit.Reason switch
        {
            ExitReason.Reset or ExitReason.Shutdown => "W00",
            ExitReason.Canceled => StopReply(2, null),
            ExitReason.Mmio or ExitReason.Dcr => StopReply(10, null),
            ExitReason.InternalError => StopReply(11, null),
            ExitReason.Debug => StopReply(5, exit.Debug),
            _ => StopReply(5, null),
        };
        _exited = _stopReply[0] == 'W';
        Send(_stopReply);
    }

    private VcpuExit RunInterruptibly(IDebugTarget target, RunOptions options, CancellationToken cancellationToken)
    {
        // Stopped through the run's own token: a stop that arrives as the run ends for another
        // reason then dies with the run instead of cancelling the next one.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, cancellationToken);
        var own = new RunOptions { MaxInstructions = options.MaxInstructions, Timeout = options.Timeout, CancellationToken = stop.Token };
        Task<VcpuExit> run = Task.Factory.StartNew(() => target.Run(own), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!run.IsCompleted)
        {
            if (_connection.WaitForInterrupt(run, s_pollInterval) || _connection.IsClosed)
            {
                stop.Cancel();
            }
        }

        return run.GetAwaiter().GetResult();
    }

    private string StopReply(int signal, DebugEvent? debugEvent)
    {
        IDebugTarget t = Current;
        var sb = new StringBuilder();
        sb.Append('T').Append(signal.ToString("x2", CultureInfo.InvariantCulture));
        if (debugEvent is { } e)
        {
            switch (e.Kind)
            {
                case DebugStopKind.Breakpoint:
                    sb.Append("swbreak:;");
                    break;
                case DebugStopKind.HardwareBreakpoint:
                    sb.Append("hwbreak:;");
                    break;
                case DebugStopKind.Watchpoint:
                    string name = e.Watch switch { WatchKind.Read => "rwatch", WatchKind.Access => "awatch", _ => "watch" };
                    sb.Append(name).Append(':').Append(Math.Max(e.Address, e.AccessAddress).ToString("x", CultureInfo.InvariantCulture)).Append(';');
                    break;
            }
        }

        sb.Append("thread:").Append((_current + 1).ToString("x", CultureInfo.InvariantCulture)).Append(';');
        foreach (int number in new[] { t.Description.ProgramCounter, t.Description.StackPointer })
        {
            if (t.Description.Find(number) is { } r && t.TryReadRegister(r, out ulong v))
            {
                sb.Append(number.ToString("x2", CultureInfo.InvariantCulture)).Append(':').Append(RegisterHex(t.Description, r, v)).Append(';');
            }
        }

        return sb.ToString();
    }

    private string ReadAllRegisters()
    {
        IDebugTarget t = Current;
        var sb = new StringBuilder();
        foreach (GdbRegister r in t.Description.Registers)
        {
            sb.Append(t.TryReadRegister(r, out ulong v) ? RegisterHex(t.Description, r, v) : new string('x', r.BitSize / 4));
        }

        return sb.ToString();
    }

    private string WriteAllRegisters(string hex)
    {
        IDebugTarget t = Current;
        int pos = 0;
        foreach (GdbRegister r in t.Description.Registers)
        {
            int digits = r.BitSize / 4;
            if (pos + digits > hex.Length)
            {
                break;
            }

            string field = hex.Substring(pos, digits);
            pos += digits;
            if (field.Contains('x', StringComparison.Ordinal) || !TryParseRegister(t.Description, r, field, out ulong value))
            {
                continue;
            }

            // Registers gdb did not change are not written; read-only ones (PVR, the time base) keep their value.
            if (!t.TryReadRegister(r, out ulong old) || old != value)
            {
                t.TryWriteRegister(r, value);
            }
        }

        return "OK";
    }

    private string ReadOneRegister(string args)
    {
        IDebugTarget t = Current;
        if (!int.TryParse(args, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int n) || t.Description.Find(n) is not { } r)
        {
            return "E00";
        }

        return t.TryReadRegister(r, out ulong v) ? RegisterHex(t.Description, r, v) : new string('x', r.BitSize / 4);
    }

    private string WriteOneRegister(string args)
    {
        IDebugTarget t = Current;
        int eq = args.IndexOf('=');
        if (eq < 0 || !int.TryParse(args[..eq], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int n) || t.Description.Find(n) is not { } r
            || !TryParseRegister(t.Description, r, args[(eq + 1)..], out ulong value))
        {
            return "E00";
        }

        return t.TryWriteRegister(r, value) ? "OK" : "E01";
    }

    private string ReadMemory(string args)
    {
        if (!TryParseAddressLength(args, out ulong address, out ulong length))
        {
            return "E00";
        }

        var buffer = new byte[(int)Math.Min(length, PacketSize / 2)];
        int n = Current.ReadMemory(address, buffer);
        return n == 0 && buffer.Length != 0 ? "E14" : Hex(buffer.AsSpan(0, n));
    }

    private string WriteMemoryHex(string args)
    {
        int colon = args.IndexOf(':');
        if (colon < 0 || !TryParseAddressLength(args[..colon], out ulong address, out ulong length) || !TryParseHex(args[(colon + 1)..], out byte[] data) || (ulong)data.Length != length)
        {
            return "E00";
        }

        return Current.WriteMemory(address, data) == data.Length ? "OK" : "E14";
    }

    private string WriteMemoryBinary(string args)
    {
        int colon = args.IndexOf(':');
        if (colon < 0 || !TryParseAddressLength(args[..colon], out ulong address, out ulong length))
        {
            return "E00";
        }

        byte[] data = RspConnection.Unescape(args[(colon + 1)..]);
        if ((ulong)data.Length != length)
        {
            return "E00";
        }

        return Current.WriteMemory(address, data) == data.Length ? "OK" : "E14";
    }

    private string Breakpoint(bool insert, string args)
    {
        string[] f = args.Split(',');
        if (f.Length < 3 || !int.TryParse(f[0], out int type)
            || !ulong.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address)
            || !ulong.TryParse(f[2].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong kind))
        {
            return "E00";
        }

        foreach (IDebugTarget t in _threads)
        {
            DebugControl d = t.Debug;
            switch (type)
            {
                case 0 or 1:
                    _ = insert ? d.AddBreakpoint(address, hardware: type == 1) : d.RemoveBreakpoint(address, hardware: type == 1);
                    break;
                case 2 or 3 or 4:
                    if (kind == 0)
                    {
                        return "E00";
                    }

                    WatchKind w = type switch { 2 => WatchKind.Write, 3 => WatchKind.Read, _ => WatchKind.Access };
                    _ = insert ? d.AddWatchpoint(address, kind, w) : d.RemoveWatchpoint(address, kind, w);
                    break;
                default:
                    return string.Empty;
            }
        }

        return "OK";
    }

    private bool SelectThread(string id)
    {
        // Hg/Hc: 0 = any thread, -1 = all threads: keep the current one.
        if (id is "0" or "-1")
        {
            return true;
        }

        if (TryThread(id, out int index))
        {
            _current = index;
            return true;
        }

        return false;
    }

    private bool TryThread(string id, out int index)
    {
        index = -1;
        if (id.StartsWith('p'))
        {
            int dot = id.IndexOf('.');
            id = dot < 0 ? "1" : id[(dot + 1)..];
        }

        if (int.TryParse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int t) && t >= 1 && t <= _threads.Count)
        {
            index = t - 1;
            return true;
        }

        return false;
    }

    private void Send(string payload) => _connection.SendPacket(payload);

    private static string RegisterHex(GdbTargetDescription d, GdbRegister r, ulong value)
    {
        int bytes = r.BitSize / 8;
        Span<byte> b = stackalloc byte[8];
        for (int i = 0; i < bytes; i++)
        {
            int shift = d.BigEndian ? 8 * (bytes - 1 - i) : 8 * i;
            b[i] = (byte)(value >> shift);
        }

        return Hex(b[..bytes]);
    }

    private static bool TryParseRegister(GdbTargetDescription d, GdbRegister r, string hex, out ulong value)
    {
        value = 0;
        if (hex.Length != r.BitSize / 4 || !TryParseHex(hex, out byte[] bytes))
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            int shift = d.BigEndian ? 8 * (bytes.Length - 1 - i) : 8 * i;
            value |= (ulong)bytes[i] << shift;
        }

        return true;
    }

    private static bool TryParseAddressLength(string text, out ulong address, out ulong length)
    {
        length = 0;
        int comma = text.IndexOf(',');
        address = 0;
        return comma > 0
            && ulong.TryParse(text.AsSpan(0, comma), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out address)
            && ulong.TryParse(text.AsSpan(comma + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out length);
    }

    private static bool TryParseHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
