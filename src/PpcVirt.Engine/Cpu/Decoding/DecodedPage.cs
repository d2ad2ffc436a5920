namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>
/// Predecoded instructions of one 4 KiB host page: for each word, the handler the decoder chose
/// and the instruction word. Filled lazily on first execution; dropped as a whole when the page is
/// written (self-modifying code). A block translator can hang its translations here later.
/// </summary>
internal sealed class DecodedPage
{
    public const int Slots = 1024;

    /// <summary>Pinned (never moved by the GC), so the interpreter can index it through a pointer.</summary>
    public readonly DecodedInstruction[] Instructions = GC.AllocateArray<DecodedInstruction>(Slots, pinned: true);
}
