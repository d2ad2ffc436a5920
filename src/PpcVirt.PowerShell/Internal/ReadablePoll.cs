using System.Runtime.InteropServices;

namespace PpcVirt.PowerShell.Internal;

/// <summary>
/// Waits, with a timeout, until a file descriptor has data to read: POSIX poll(2) with POLLIN
/// (POSIX.1-2017, "poll"). A reader thread polls between reads, so it can stop instead of
/// blocking in read(2) until the next byte arrives. Not available on Windows.
/// </summary>
internal static class ReadablePoll
{
    private const short PollIn = 0x0001;

    /// <summary>True where <see cref="Wait"/> can be used (Linux, macOS, other Unix).</summary>
    public static bool IsSupported => !OperatingSystem.IsWindows();

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for <paramref name="handle"/> (a file descriptor) to become readable.</summary>
    /// <returns>True when a read will not block (data, end of file or an error to report); false on timeout or an interrupted wait.</returns>
    public static bool Wait(SafeHandle handle, int timeoutMilliseconds)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = new PollFd { Fd = (int)handle.DangerousGetHandle(), Events = PollIn };
            int ready = Poll(ref fd, 1, timeoutMilliseconds);
            return ready > 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
