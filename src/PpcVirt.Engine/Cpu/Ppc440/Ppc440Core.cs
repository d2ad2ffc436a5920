using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>PPC440 core (placeholder while the interpreter is written).</summary>
internal sealed class Ppc440Core : ICpuCore
{
    public Ppc440Core(Vm vm, CpuModel model, int id)
    {
        _ = vm;
        _ = id;
        Model = model;
    }

    public CpuModel Model { get; }

    public ulong ProgramCounter { get; set; }

    public ulong InstructionsRetired => 0;

    public IReadOnlyList<string> RegisterNames => [];

    public bool TryGetRegister(string name, out ulong value)
    {
        value = 0;
        return false;
    }

    public bool TrySetRegister(string name, ulong value) => false;

    public VcpuExit Run(RunOptions options) => new() { Reason = ExitReason.InternalError, Message = "not implemented" };

    public void RequestStop()
    {
    }

    public void CompletePendingExit(VcpuExit exit)
    {
    }

    public void Reset()
    {
    }

    public IReadOnlyList<BookETlbEntry> GetTlbEntries() => [];

    public void SetTlbEntry(BookETlbEntry entry)
    {
    }

    public TranslationResult Translate(ulong effectiveAddress, AccessKind kind) => new(effectiveAddress, false, 0, -1, "DataTlbError");
}
