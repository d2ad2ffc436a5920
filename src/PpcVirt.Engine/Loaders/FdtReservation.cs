namespace PpcVirt.Engine.Loaders;

/// <summary>
/// One memory reservation block entry (Devicetree Specification v0.4 §5.3,
/// <c>struct fdt_reserve_entry</c>): physical memory the client program must not use.
/// </summary>
/// <param name="Address">First reserved physical byte.</param>
/// <param name="Size">Reserved size in bytes (non-zero; a 0/0 entry terminates the block).</param>
public readonly record struct FdtReservation(ulong Address, ulong Size);
