using System.Net.Sockets;
using System.Text;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// The framing layer of the GDB Remote Serial Protocol (GDB manual, "Remote Protocol" › "Overview"):
/// packets <c>$payload#cc</c> with a two-digit hex modulo-256 checksum, <c>+</c>/<c>-</c>
/// acknowledgements until <c>QStartNoAckMode</c>, <c>}</c>-escaping of binary data, and the bare
/// interrupt byte 0x03 (Ctrl-C) gdb sends while the target runs. Payloads are handled as Latin-1
/// strings (one char per byte) so binary data survives.
/// </summary>
public sealed class RspConnection
{
    /// <summary>The interrupt byte gdb sends (outside a packet) to stop a running target.</summary>
    public const byte Interrupt = 0x03;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16384];
    private int _start;
    private int _end;
    private Task<int>? _pendingRead;
    private byte[]? _lastSent;

    /// <summary>Wraps a connected, bidirectional stream (a TCP connection).</summary>
    public RspConnection(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>False after <c>QStartNoAckMode</c>: no <c>+</c>/<c>-</c> is sent or expected.</summary>
    public bool AckMode { get; set; } = true;

    /// <summary>Two lowercase hex digits of the modulo-256 sum of <paramref name="payload"/>'s bytes.</summary>
    public static string Checksum(string payload)
    {
        int sum = 0;
        foreach (char c in payload)
        {
            sum += (byte)c;
        }

        return (sum & 0xFF).ToString("x2");
    }

    /// <summary>Escapes binary data for a packet: <c>#</c>, <c>$</c>, <c>}</c> and <c>*</c> become <c>}</c> followed by the byte XOR 0x20.</summary>
    public static string Escape(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(data.Length);
        foreach (byte b in data)
        {
            if (b is (byte)'#' or (byte)'$' or (byte)'}' or (byte)'*')
            {
                sb.Append('}').Append((char)(b ^ 0x20));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Reads the next packet's payload (escapes kept: binary packets unescape their data part
    /// with <see cref="Unescape"/>). A bad checksum is answered with <c>-</c> (in ack mode) and the
    /// packet skipped; a received <c>-</c> resends the last packet.
    /// </summary>
    /// <returns>The payload, <c>"\u0003"</c> for an interrupt byte, or null at end of stream.</returns>
    public string? ReadPacket()
    {
        while (true)
        {
            int b = ReadByte();
            switch (b)
            {
                case -1:
                    return null;
                case Interrupt:
                    return "\u0003";
                case '-':
                    if (_lastSent is not null)
                    {
                        _stream.Write(_lastSent);
                    }

                    continue;
                case '$':
                    break;
                default:
                    continue;
            }

            var payload = new StringBuilder();
            while ((b = ReadByte()) is not (-1 or '#'))
            {
                payload.Append((char)b);
            }

            int hi = ReadByte();
            int lo = ReadByte();
            if (b == -1 || hi == -1 || lo == -1)
            {
                return null;
            }

            string text = payload.ToString();
            bool good = string.Equals(Checksum(text), $"{(char)hi}{(char)lo}", StringComparison.OrdinalIgnoreCase);
            if (AckMode)
            {
                _stream.WriteByte(good ? (byte)'+' : (byte)'-');
            }

            if (good || !AckMode)
            {
                return text;
            }
        }
    }

    /// <summary>Removes <c>}</c>-escapes from binary packet data.</summary>
    public static byte[] Unescape(string data)
    {
        var bytes = new List<byte>(data.Length);
        for (int i = 0; i < data.Length; i++)
        {
            char c = data[i];
            if (c == '}' && i + 1 < data.Length)
            {
                bytes.Add((byte)(data[++i] ^ 0x20));
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }

    /// <summary>Sends <c>$payload#cc</c> (the payload must already be escaped if binary).</summary>
    public void SendPacket(string payload)
    {
        byte[] bytes = Encoding.Latin1.GetBytes($"${payload}#{Checksum(payload)}");
        _lastSent = AckMode ? bytes : null;
        _stream.Write(bytes);
        _stream.Flush();
    }

    /// <summary>
    /// Waits until the peer sends something, <paramref name="other"/> completes, or
    /// <paramref name="timeout"/> passes; consumes and reports an interrupt byte (other bytes stay
    /// buffered for <see cref="ReadPacket"/>). Used while the target runs.
    /// </summary>
    /// <returns>True when an interrupt byte arrived; false otherwise (also at end of stream, which <see cref="IsClosed"/> then shows).</returns>
    public bool WaitForInterrupt(Task other, TimeSpan timeout)
    {
        if (!IsClosed && (_pendingRead is not null || _end - _start < _buffer.Length))
        {
            StartRead();
            Task.WaitAny([_pendingRead!, other], timeout);
            if (_pendingRead!.IsCompleted)
            {
                CompleteRead();
            }
        }
        else
        {
            // A closed peer or a full buffer: nothing new can arrive.
            ((IAsyncResult)other).AsyncWaitHandle.WaitOne(timeout);
        }

        for (int i = _start; i < _end; i++)
        {
            if (_buffer[i] == Interrupt)
            {
                // Drop everything up to and including the interrupt byte (acks before it carry no information).
                _start = i + 1;
                return true;
            }
        }

        return false;
    }

    /// <summary>True once the peer closed the connection.</summary>
    public bool IsClosed { get; private set; }

    private int ReadByte()
    {
        while (_start == _end)
        {
            if (IsClosed)
            {
                return -1;
            }

            StartRead();
            CompleteRead();
        }

        return _buffer[_start++];
    }

    /// <summary>Issues one read (if none is outstanding) into the free tail of the buffer, compacting it first.</summary>
    private void StartRead()
    {
        if (_pendingRead is not null)
        {
            return;
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        _pendingRead = _stream.ReadAsync(_buffer, _end, _buffer.Length - _end);
    }

    /// <summary>Waits for the outstanding read and appends what it got; zero bytes (or an I/O error) means the peer closed.</summary>
    private void CompleteRead()
    {
        int n;
        try
        {
            n = _pendingRead!.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            n = 0;
        }

        _pendingRead = null;
        _end += n;
        if (n == 0)
        {
            IsClosed = true;
        }
    }
}
