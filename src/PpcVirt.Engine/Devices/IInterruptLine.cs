namespace PpcVirt.Engine.Devices;

/// <summary>
/// One interrupt wire between a device and an interrupt controller (or between a controller and
/// the core's External Input). Level semantics: the device drives it high while it requests
/// service; the receiver decides about polarity and edge detection.
/// </summary>
public interface IInterruptLine
{
    /// <summary>Drives the line to <paramref name="asserted"/>.</summary>
    void Set(bool asserted);
}
