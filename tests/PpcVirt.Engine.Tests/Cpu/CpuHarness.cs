using System.Buffers.Binary;
using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Mmu;
using Xunit;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// A bare PPC440 VM for instruction-level tests: 16 MiB of RAM at PA 0, one TLB entry (index 0)
/// mapping EA 0 → PA 0 with a 256 MiB page, TS=0, TID=0, all six permissions. Code is placed at
/// <see cref="CodeBase"/>; every interrupt vector (IVOR0–15) points at its own `b .` loop at
/// <see cref="VectorBase"/> + 0x100 × n so a test can see where the interrupt went.
/// </summary>
internal sealed class CpuHarness : IDisposable
{
    public const uint CodeBase = 0x1000;
    public const uint VectorBase = 0x8000;
    public const uint DataBase = 0x10000;
    public const uint MsrFp = 0x2000;
    public const uint MsrPr = 0x4000;
    public const uint MsrEe = 0x8000;

    public CpuHarness(bool mapAll = true)
    {
        Vm = new Vm(CpuFamily.Ppc440);
        HostMemory ram = Vm.AllocateHostMemory(16 << 20);
        Vm.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, 16 << 20, ram);
        Vcpu = Vm.CreateVcpu(CpuModel.Ppc440Ep);
        if (mapAll)
        {
            Vcpu.SetTlbEntry(new BookETlbEntry(0, 0x0000_0290, 0, 0x3F, 0));
        }

        Vcpu.SetRegister("IVPR", 0);
        for (int i = 0; i < 16; i++)
        {
            uint v = Vector(i);
            Vcpu.SetRegister($"IVOR{i}", v);
            Write32(v, Asm.B(0));
        }

        Vcpu.ProgramCounter = CodeBase;
    }

    public Vm Vm { get; }

    public Vcpu Vcpu { get; }

    public static uint Vector(int n) => VectorBase + (uint)(0x100 * n);

    public ulong this[string reg]
    {
        get => Vcpu.GetRegister(reg);
        set => Vcpu.SetRegister(reg, value);
    }

    public uint R(int n) => (uint)Vcpu.GetRegister($"r{n}");

    public void SetR(int n, uint v) => Vcpu.SetRegister($"r{n}", v);

    public ulong F(int n) => Vcpu.GetRegister($"f{n}");

    public void SetF(int n, ulong bits) => Vcpu.SetRegister($"f{n}", bits);

    public void SetF(int n, double d) => Vcpu.SetRegister($"f{n}", BitConverter.DoubleToUInt64Bits(d));

    public uint Cr => (uint)Vcpu.GetRegister("CR");

    public uint Xer => (uint)Vcpu.GetRegister("XER");

    public uint Fpscr => (uint)Vcpu.GetRegister("FPSCR");

    /// <summary>CR field n (0–7) as a 4-bit value LT GT EQ SO.</summary>
    public uint CrField(int n) => (Cr >> (28 - (4 * n))) & 0xF;

    public void Write32(uint pa, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        Vm.Memory.Write(pa, b);
    }

    public void Write64(uint pa, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        Vm.Memory.Write(pa, b);
    }

    public void WriteBytes(uint pa, params byte[] bytes) => Vm.Memory.Write(pa, bytes);

    public uint Read32(uint pa)
    {
        Span<byte> b = stackalloc byte[4];
        Vm.Memory.Read(pa, b);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public ulong Read64(uint pa)
    {
        Span<byte> b = stackalloc byte[8];
        Vm.Memory.Read(pa, b);
        return BinaryPrimitives.ReadUInt64BigEndian(b);
    }

    public byte[] ReadBytes(uint pa, int n)
    {
        byte[] b = new byte[n];
        Vm.Memory.Read(pa, b);
        return b;
    }

    public void Load(uint address, params uint[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            Write32(address + (uint)(4 * i), words[i]);
        }
    }

    /// <summary>Loads <paramref name="words"/> at <see cref="CodeBase"/>, runs exactly that many instructions and asserts the run stopped on the instruction limit.</summary>
    public VcpuExit Run(params uint[] words)
    {
        Load(CodeBase, words);
        Vcpu.ProgramCounter = CodeBase;
        VcpuExit exit = Vcpu.Run(new RunOptions { MaxInstructions = (ulong)words.Length });
        Assert.Equal(ExitReason.InstructionLimit, exit.Reason);
        return exit;
    }

    /// <summary>Loads the code at <see cref="CodeBase"/> and runs <paramref name="max"/> instructions (for code that traps into a vector loop).</summary>
    public VcpuExit RunFor(ulong max, params uint[] words)
    {
        Load(CodeBase, words);
        Vcpu.ProgramCounter = CodeBase;
        return Vcpu.Run(new RunOptions { MaxInstructions = max });
    }

    public void Dispose() => Vm.Dispose();
}
