using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu;

/// <summary>
/// What a <see cref="Vcpu"/> needs from a core implementation (one per <see cref="CpuFamily"/>).
/// The interpreter is the first tier behind this seam; a block translator can replace it.
/// </summary>
internal interface ICpuCore
{
    CpuModel Model { get; }

    ulong ProgramCounter { get; set; }

    ulong InstructionsRetired { get; }

    IReadOnlyList<string> RegisterNames { get; }

    bool TryGetRegister(string name, out ulong value);

    bool TrySetRegister(string name, ulong value);

    /// <summary>Width in bits of the named register (32 or 64).</summary>
    int RegisterBits(string name);

    VcpuExit Run(RunOptions options);

    void RequestStop();

    void CompletePendingExit(VcpuExit exit);

    void Reset();

    IReadOnlyList<BookETlbEntry> GetTlbEntries();

    void SetTlbEntry(BookETlbEntry entry);

    TranslationResult Translate(ulong effectiveAddress, AccessKind kind);

    Debugging.DebugControl Debug { get; }
}
