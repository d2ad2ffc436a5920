namespace PpcVirt.Engine.Loaders;

/// <summary>
/// A whole devicetree as a client program receives it (Devicetree Specification v0.4 chapter 5):
/// the node tree under <see cref="Root"/>, the memory reservation block and
/// <c>boot_cpuid_phys</c>. Build it with <see cref="FdtNode"/>'s <c>Add…</c> methods and
/// serialize it with <see cref="ToBlob"/>; <see cref="FdtReader.Read"/> returns the same type, so
/// a parsed blob can be inspected, edited and written again.
/// </summary>
public sealed class FdtBuilder
{
    private readonly List<FdtReservation> _reservations = [];

    /// <summary>The root node (unit name empty, path <c>/</c>).</summary>
    public FdtNode Root { get; } = new(string.Empty);

    /// <summary>The memory reservation block entries (§5.3), in order, without the 0/0 terminator.</summary>
    public IReadOnlyList<FdtReservation> Reservations => _reservations;

    /// <summary>Header <c>boot_cpuid_phys</c>: the <c>reg</c> value of the boot CPU (§5.2). Default 0.</summary>
    public uint BootCpuIdPhys { get; set; }

    /// <summary>Adds a memory reservation block entry (§5.3).</summary>
    /// <param name="address">First reserved physical byte.</param>
    /// <param name="size">Size in bytes; must not be 0 (0/0 is the terminator).</param>
    /// <exception cref="ArgumentOutOfRangeException">Size 0.</exception>
    public void AddReservation(ulong address, ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        _reservations.Add(new FdtReservation(address, size));
    }

    /// <summary>The node at an absolute <paramref name="path"/> such as <c>/cpus/cpu@0</c>, or null.</summary>
    public FdtNode? FindNode(string path) => Root.FindNode(path);

    /// <summary>
    /// Gives <paramref name="node"/> a <c>phandle</c> property (§2.3.3), appended after its other
    /// properties as dtc does, with the value one above the largest phandle in the tree (so the
    /// first is 1). A node that already has one keeps it.
    /// </summary>
    /// <returns>The node's phandle.</returns>
    public uint AllocatePhandle(FdtNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Phandle is uint existing)
        {
            return existing;
        }

        uint next = MaxPhandle(Root) + 1;
        node.AddCells("phandle", next);
        return next;
    }

    /// <summary>Serializes the tree to a version-17 flattened devicetree blob (see <see cref="FdtWriter"/>).</summary>
    public byte[] ToBlob() => FdtWriter.Write(this);

    private static uint MaxPhandle(FdtNode node)
    {
        uint max = node.Phandle is uint p && p != 0xFFFF_FFFF ? p : 0;
        foreach (FdtNode c in node.Children)
        {
            max = Math.Max(max, MaxPhandle(c));
        }

        return max;
    }
}
