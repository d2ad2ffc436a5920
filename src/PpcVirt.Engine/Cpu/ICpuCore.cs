using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu;

/// <summary>
/// What a <see cref="Vcpu"/> needs from a core implementation (one per <see cref="CpuFamily"/>).
/// The interpreter is the first tier behind this seam; a block translator can replace it.
/// </summary>
internal interface ICpuCore : IDisposable
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

    /// <summary>Asks the core to drop its cached write translations at its next service point (or before its next run), so the next store to each page takes the slow path and marks the dirty log.</summary>
    void RequestWriteShadowFlush();

    /// <summary>True until the core has acted on <see cref="RequestWriteShadowFlush"/>.</summary>
    bool WriteShadowFlushPending { get; }

    void CompletePendingExit(VcpuExit exit);

    void Reset();

    IReadOnlyList<BookETlbEntry> GetTlbEntries();

    void SetTlbEntry(BookETlbEntry entry);

    TranslationResult Translate(ulong effectiveAddress, AccessKind kind);

    Debugging.DebugControl Debug { get; }
}
