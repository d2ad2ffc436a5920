namespace PpcVirt.Engine.Devices;

/// <summary>
/// A device on the Book E Device Control Register bus (mfdcr/mtdcr; PPC440 manual "Device
/// Control Registers"). A DCR that no device claims becomes a KVM_EXIT_DCR exit.
/// </summary>
public interface IDcrDevice
{
    /// <summary>True when the device decodes DCR <paramref name="dcrn"/> (0–1023).</summary>
    bool Claims(uint dcrn);

    /// <summary>mfdcr: the value of DCR <paramref name="dcrn"/>.</summary>
    uint Read(uint dcrn);

    /// <summary>mtdcr: writes <paramref name="value"/> to DCR <paramref name="dcrn"/>.</summary>
    void Write(uint dcrn, uint value);
}
