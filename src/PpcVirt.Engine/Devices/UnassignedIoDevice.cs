namespace PpcVirt.Engine.Devices;

/// <summary>
/// A window of guest physical space that answers as unassigned I/O does on QEMU's boards: loads
/// return 0 and stores are dropped, with no machine check. Used where a board's device tree names a
/// device the machine does not have (Bamboo's UART1 without a second serial port), so the guest's
/// probes behave as they do on QEMU instead of leaving the run loop as MMIO exits.
/// </summary>
/// <param name="baseAddress">First guest physical address.</param>
/// <param name="sizeBytes">Window size in bytes.</param>
public sealed class UnassignedIoDevice(ulong baseAddress, ulong sizeBytes) : IMmioDevice
{
    /// <inheritdoc/>
    public ulong Base { get; } = baseAddress;

    /// <inheritdoc/>
    public ulong SizeBytes { get; } = sizeBytes;

    /// <summary>Number of accesses seen (for diagnostics and tests).</summary>
    public long Accesses { get; private set; }

    /// <inheritdoc/>
    public ulong Read(ulong offset, int length)
    {
        Accesses++;
        return 0;
    }

    /// <inheritdoc/>
    public void Write(ulong offset, int length, ulong value) => Accesses++;
}
