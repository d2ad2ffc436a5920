namespace PpcVirt.Engine.Devices;

/// <summary>
/// A device model mapped into guest physical address space (an in-kernel MMIO device in KVM
/// terms): loads and stores to [<see cref="Base"/>, +<see cref="SizeBytes"/>) reach it instead of
/// leaving the run loop as KVM_EXIT_MMIO.
/// </summary>
public interface IMmioDevice
{
    /// <summary>First guest physical address the device decodes.</summary>
    ulong Base { get; }

    /// <summary>Size of the decoded window in bytes.</summary>
    ulong SizeBytes { get; }

    /// <summary>A load of <paramref name="length"/> bytes (1, 2, 4, 8) at <paramref name="offset"/> from <see cref="Base"/>; big-endian value, right-aligned.</summary>
    ulong Read(ulong offset, int length);

    /// <summary>A store of <paramref name="length"/> bytes at <paramref name="offset"/>; big-endian value, right-aligned.</summary>
    void Write(ulong offset, int length, ulong value);
}
