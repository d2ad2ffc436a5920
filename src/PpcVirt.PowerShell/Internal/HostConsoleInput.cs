using PpcVirt.Engine.Machines;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Forwards host keyboard input to a guest console for <c>Start-PpcVcpu -Interactive</c>: key
/// presses from a terminal (Enter becomes CR, as a serial terminal sends it; Ctrl-] sends Ctrl-C,
/// byte 0x03, to the guest, because Ctrl-C itself stops the run), or the raw bytes of redirected
/// standard input, read on a background thread.
/// </summary>
internal sealed class HostConsoleInput : IDisposable
{
    /// <summary>The key (Ctrl-], 0x1D) that sends the guest an interrupt character (Ctrl-C, 0x03).</summary>
    public const char GuestInterruptKey = '\u001d';

    private readonly MachineConsole _console;
    private readonly bool _redirected;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _reader;

    public HostConsoleInput(MachineConsole console)
    {
        _console = console;
        _redirected = Console.IsInputRedirected;
        if (_redirected)
        {
            _reader = new Thread(ReadRedirected) { IsBackground = true, Name = "ppcvirt console input" };
            _reader.Start();
        }
    }

    /// <summary>The character a key press sends to the guest: Enter is CR, Ctrl-] is Ctrl-C (0x03), else the key's character.</summary>
    internal static char Translate(ConsoleKeyInfo key) =>
        key.Key == ConsoleKey.Enter ? '\r' : key.KeyChar == GuestInterruptKey ? '\u0003' : key.KeyChar;

    /// <summary>Sends the keys waiting in a terminal (called from the cmdlet thread).</summary>
    public void Poll()
    {
        if (_redirected)
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
            using Stream stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (!_stop.IsCancellationRequested)
            {
                int n = stdin.Read(buffer, 0, buffer.Length);
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
    }

    public void Dispose() => _stop.Cancel();
}
