namespace PpcVirt.Engine.Cpu.Decoding;

/// <summary>One predecoded instruction: handler function pointer (0: not decoded yet) and the word.</summary>
internal struct DecodedInstruction
{
    public nint Handler;
    public uint Word;
}
