namespace PpcVirt.Engine.Cpu;

/// <summary>
/// A CPU model: the Processor Version Register value and the family whose SPRs, MMU and
/// interrupt model the vCPU gets (QEMU-style "PVR table" entry).
/// </summary>
/// <param name="Name">Model name, e.g. <c>440EP</c>.</param>
/// <param name="Pvr">Processor Version Register value (SPR 287).</param>
/// <param name="Family">Family that selects the core implementation.</param>
/// <param name="HasFpu">True when the model has the classic floating-point unit.</param>
public sealed record CpuModel(string Name, uint Pvr, CpuFamily Family, bool HasFpu)
{
    /// <summary>AMCC PPC440EP Rev. B with FPU, as on the Bamboo board (PVR 0x422218D3).</summary>
    public static CpuModel Ppc440Ep { get; } = new("440EP", 0x422218D3, CpuFamily.Ppc440, true);

    /// <summary>All models, by name (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, CpuModel> All { get; } =
        new Dictionary<string, CpuModel>(StringComparer.OrdinalIgnoreCase) { ["440EP"] = Ppc440Ep };
}
