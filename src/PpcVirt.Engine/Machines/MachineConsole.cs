using System.Text;

namespace PpcVirt.Engine.Machines;

/// <summary>
/// The guest's console: bytes the guest transmits on its console UART (kept in full and raised as
/// they arrive) and bytes the host types, queued for the guest to receive.
/// Thread-safe: output is raised on the vCPU thread, input may come from any thread. The console
/// closes with its machine (<see cref="Close"/>): host-side input readers stop then.
/// </summary>
public sealed class MachineConsole
{
    private readonly object _gate = new();
    private readonly MemoryStream _log = new();
    private readonly Queue<byte> _input = new();
    private volatile bool _closed;

    /// <summary>Raised once, on the thread that closes the console, when its machine is disposed.</summary>
    public event Action? Closed;

    /// <summary>True once the machine that owns the console was disposed; input is dropped from then on.</summary>
    public bool IsClosed => _closed;

    /// <summary>Closes the console (the machine is gone): drops queued input, ignores later input and raises <see cref="Closed"/> once.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _input.Clear();
        }

        Closed?.Invoke();
    }

    /// <summary>Raised on the vCPU thread for every byte the guest transmits.</summary>
    public event Action<byte>? Output;

    /// <summary>Raised when host input is queued (the UART raises its receive interrupt).</summary>
    public event Action? InputAvailable;

    /// <summary>Everything the guest transmitted so far, as raw bytes.</summary>
    public byte[] GetOutputBytes()
    {
        lock (_gate)
        {
            return _log.ToArray();
        }
    }

    /// <summary>Everything the guest transmitted so far, decoded as Latin-1 (byte-preserving).</summary>
    public string OutputText => Encoding.Latin1.GetString(GetOutputBytes());

    /// <summary>Number of bytes the guest transmitted so far (kept output).</summary>
    public long OutputLength
    {
        get
        {
            lock (_gate)
            {
                return _log.Length;
            }
        }
    }

    /// <summary>The kept output from byte offset <paramref name="start"/> on, decoded as Latin-1 (one char per byte).</summary>
    /// <param name="start">Byte offset; past the end gives an empty string.</param>
    public string GetOutputText(long start)
    {
        lock (_gate)
        {
            long from = Math.Clamp(start, 0, _log.Length);
            return Encoding.Latin1.GetString(_log.GetBuffer(), (int)from, (int)(_log.Length - from));
        }
    }

    /// <summary>Forgets the kept output.</summary>
    public void ClearOutput()
    {
        lock (_gate)
        {
            _log.SetLength(0);
        }
    }

    /// <summary>Queues bytes for the guest to receive (ignored once the console is closed).</summary>
    public void SendInput(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            foreach (byte b in bytes)
            {
                _input.Enqueue(b);
            }
        }

        InputAvailable?.Invoke();
    }

    /// <summary>Number of queued input bytes.</summary>
    public int PendingInput
    {
        get
        {
            lock (_gate)
            {
                return _input.Count;
            }
        }
    }

    /// <summary>Dequeues one input byte for the guest.</summary>
    public bool TryReadInput(out byte value)
    {
        lock (_gate)
        {
            return _input.TryDequeue(out value);
        }
    }

    private byte[] _watch = [];
    private int _watchMatched;

    /// <summary>
    /// Starts watching the output for <paramref name="text"/> (Latin-1): the host timestamp of the
    /// first byte that completes it lands in <see cref="WatchTimestamp"/>. Used to time a boot to a marker.
    /// </summary>
    public void Watch(string text)
    {
        lock (_gate)
        {
            _watch = Encoding.Latin1.GetBytes(text);
            _watchMatched = 0;
            WatchTimestamp = null;
        }
    }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp at which the watched text completed, or null.</summary>
    public long? WatchTimestamp { get; private set; }

    /// <summary>Called by the console UART for each transmitted byte.</summary>
    public void Transmit(byte value)
    {
        lock (_gate)
        {
            _log.WriteByte(value);
            if (_watch.Length > 0 && WatchTimestamp is null)
            {
                _watchMatched = value == _watch[_watchMatched] ? _watchMatched + 1 : (value == _watch[0] ? 1 : 0);
                if (_watchMatched == _watch.Length)
                {
                    WatchTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
                }
            }
        }

        Output?.Invoke(value);
    }
}
