using System.Runtime.InteropServices;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>
/// The architected state of a PPC440 vCPU as one unmanaged struct (no GC references), so the
/// interpreter and a later block translator reach every register at a fixed offset.
/// FPRs hold IEEE double bit patterns. XER keeps SO/OV/CA in bits 0–2 (0x8000_0000 …) and the
/// string byte count in bits 25–31.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Ppc440State
{
    public fixed uint Gpr[32];
    public fixed ulong Fpr[32];
    public uint Pc;
    public uint Npc;
    public uint Cr;
    public uint Lr;
    public uint Ctr;
    public uint Xer;
    public uint Msr;
    public uint Fpscr;
    public uint Srr0;
    public uint Srr1;
    public uint Csrr0;
    public uint Csrr1;
    public uint Mcsrr0;
    public uint Mcsrr1;
    public uint Esr;
    public uint Dear;
    public uint Ivpr;
    public fixed uint Ivor[16];
    public fixed uint Sprg[8];
    public uint Usprg0;
    public uint Pid;
    public uint Mmucr;
    public uint Ccr0;
    public uint Ccr1;
    public uint Dbcr0;
    public uint Dbcr1;
    public uint Dbcr2;
    public uint Dbsr;
    public uint Tcr;
    public uint Tsr;
    public uint Decar;
    public uint Mcsr;
    public uint Rstcfg;
    public uint Pir;
    public fixed uint Iac[4];
    public fixed uint Dac[2];
    public fixed uint Dvc[2];
    public uint ReserveValid;
    public uint ReserveAddress;
}
