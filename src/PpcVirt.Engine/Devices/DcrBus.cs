namespace PpcVirt.Engine.Devices;

/// <summary>
/// The Book E Device Control Register bus: 1024 DCR numbers, each claimed by at most one device.
/// Lookup is one array index (mfdcr/mtdcr are hot in Linux's interrupt path).
/// </summary>
public sealed class DcrBus
{
    /// <summary>Number of DCR numbers (10-bit DCRN).</summary>
    public const int Count = 1024;

    private readonly IDcrDevice?[] _map = new IDcrDevice?[Count];

    /// <summary>Attaches <paramref name="device"/> to every DCR it claims.</summary>
    /// <exception cref="InvalidOperationException">A claimed DCR already belongs to another device.</exception>
    public void Attach(IDcrDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        for (uint n = 0; n < Count; n++)
        {
            if (device.Claims(n))
            {
                if (_map[n] is { } other && other != device)
                {
                    throw new InvalidOperationException($"DCR 0x{n:x} is already claimed by {other.GetType().Name}.");
                }

                _map[n] = device;
            }
        }
    }

    /// <summary>The device behind DCR <paramref name="dcrn"/>, or null (a DCR exit).</summary>
    public IDcrDevice? Find(uint dcrn) => dcrn < Count ? _map[dcrn] : null;
}
