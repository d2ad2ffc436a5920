using System.Runtime.CompilerServices;

namespace PpcVirt.Engine.Cpu.Ppc440.Handlers;

/// <summary>Instruction field extraction (Power ISA 2.06 Book I §1.6.28, big-endian bit numbering converted to shifts).</summary>
internal static class Fields
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Rt(uint w) => (int)(w >> 21) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Ra(uint w) => (int)(w >> 16) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Rb(uint w) => (int)(w >> 11) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Rc(uint w) => (int)(w >> 6) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint Simm(uint w) => (uint)(int)(short)w;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint Uimm(uint w) => w & 0xFFFF;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Record(uint w) => (w & 1) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Oe(uint w) => (w & 0x400) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Mb(uint w) => (int)(w >> 6) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Me(uint w) => (int)(w >> 1) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int CrfD(uint w) => (int)(w >> 23) & 7;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int CrfS(uint w) => (int)(w >> 18) & 7;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SprNumber(uint w) => (int)(((w >> 16) & 31) | (((w >> 11) & 31) << 5));

    /// <summary>The 32-bit mask MASK(mb, me) of rlwinm and friends (wraps when mb &gt; me).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mask(int mb, int me)
    {
        uint a = 0xFFFF_FFFFu >> mb;
        uint b = 0xFFFF_FFFFu << (31 - me);
        return mb <= me ? a & b : a | b;
    }
}
