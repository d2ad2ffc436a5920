namespace PpcVirt.Engine.Mmu;

/// <summary>
/// The outcome of translating an effective address the way the vCPU would (KVM_TRANSLATE):
/// either a real address, or the interrupt the access would raise.
/// </summary>
/// <param name="EffectiveAddress">The effective address translated.</param>
/// <param name="Valid">True when the access would succeed.</param>
/// <param name="PhysicalAddress">Real (guest physical) address when <paramref name="Valid"/>.</param>
/// <param name="TlbIndex">Guest TLB entry that matched, or −1 for a TLB miss.</param>
/// <param name="Fault">Null on success; otherwise the interrupt: "DataTlbError", "InstructionTlbError", "DataStorage", "InstructionStorage".</param>
public sealed record TranslationResult(ulong EffectiveAddress, bool Valid, ulong PhysicalAddress, int TlbIndex, string? Fault);
