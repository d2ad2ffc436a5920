namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>XER bits (Power ISA 2.06 Book I §3.2.2).</summary>
internal static class XerBits
{
    public const uint SO = 0x8000_0000;
    public const uint OV = 0x4000_0000;
    public const uint CA = 0x2000_0000;
    public const uint ByteCountMask = 0x7F;
    public const uint ImplementedMask = SO | OV | CA | ByteCountMask;
}
