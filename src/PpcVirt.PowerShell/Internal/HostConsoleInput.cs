using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using PpcVirt.Engine.Machines;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Forwards host keyboard input to a guest console for <c>Start-PpcVcpu -Interactive</c>: key
/// presses from a terminal (Enter becomes CR, as a serial terminal sends it; Ctrl-] sends Ctrl-C,
/// byte 0x03, to the guest, because Ctrl-C itself stops the run), or the raw bytes of redirected
/// standard input, read on a background thread. The thread ends when this object is
/// disposed (the run ended) or the console closes (its VM was disposed): it polls standard input
/// (<see cref="ReadablePoll"/>) every <see cref="PollMilliseconds"/> ms and reads only what is
/// there, so it never stays blocked in a read nor takes bytes meant for the next reader. (On
/// Windows, where poll(2) is missing, the thread is left blocked in its read until input arrives.)
/// </summary>
internal sealed class HostConsoleInput : IDisposable
{
    /// <summary>The key (Ctrl-], 0x1D) that sends the guest an interrupt character (Ctrl-C, 0x03).</summary>
    public const char GuestInterruptKey = '\u001d';

    /// <summary>Longest time the reader thread waits before it looks at its stop flag again.</summary>
    public const int PollMilliseconds = 50;

    private readonly MachineConsole _console;
    private readonly Stream? _input;
    private readonly SafeHandle? _pollHandle;
    private readonly Thread? _reader;
    private volatile bool _stopped;

    /// <summary>Forwards the host's console (a terminal, or redirected standard input) to <paramref name="console"/>.</summary>
    public HostConsoleInput(MachineConsole console)
        : this(
            console,
            Console.IsInputRedirected ? Console.OpenStandardInput() : null,
            Console.IsInputRedirected && ReadablePoll.IsSupported ? new SafeFileHandle(0, ownsHandle: false) : null)
    {
    }

    /// <summary>Forwards <paramref name="redirected"/> (null: the terminal's keys, see <see cref="Poll"/>) to <paramref name="console"/>.</summary>
    /// <param name="console">The guest console.</param>
    /// <param name="redirected">The byte stream to forward; owned (disposed by the reader thread).</param>
    /// <param name="pollHandle">The file descriptor behind <paramref name="redirected"/> to poll; null reads without polling.</param>
    internal HostConsoleInput(MachineConsole console, Stream? redirected, SafeHandle? pollHandle)
    {
        _console = console;
        _input = redirected;
        _pollHandle = pollHandle;
        _console.Closed += Stop;
        if (redirected is not null)
        {
            _reader = new Thread(ReadRedirected) { IsBackground = true, Name = "ppcvirt console input" };
            _reader.Start();
        }
    }

    /// <summary>The character a key press sends to the guest: Enter is CR, Ctrl-] is Ctrl-C (0x03), else the key's character.</summary>
    internal static char Translate(ConsoleKeyInfo key) =>
        key.Key == ConsoleKey.Enter ? '\r' : key.KeyChar == GuestInterruptKey ? '\u0003' : key.KeyChar;

    /// <summary>True while the redirected-input thread is alive.</summary>
    internal bool IsReading => _reader?.IsAlive == true;

    /// <summary>Sends the keys waiting in a terminal (called from the cmdlet thread).</summary>
    public void Poll()
    {
        if (_input is not null || _stopped)
        {
            return;
        }

        try
        {
            while (Console.KeyAvailable)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                char c = Translate(key);
                if (c != '\0')
                {
                    _console.SendInput([(byte)c]);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // No console to read from (e.g. a hosted runspace): nothing to forward.
        }
    }

    private void ReadRedirected()
    {
        try
        {
            using Stream input = _input!;
            var buffer = new byte[256];
            while (!_stopped)
            {
                if (_pollHandle is not null && !ReadablePoll.Wait(_pollHandle, PollMilliseconds))
                {
                    continue;
                }

                if (_stopped)
                {
                    return;
                }

                int n = input.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    return;
                }

                _console.SendInput(buffer.AsSpan(0, n));
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Stop() => _stopped = true;

    /// <summary>Stops forwarding and waits (up to a second) for the reader thread to end.</summary>
    public void Dispose()
    {
        Stop();
        _console.Closed -= Stop;
        _reader?.Join(TimeSpan.FromSeconds(1));
    }
}
