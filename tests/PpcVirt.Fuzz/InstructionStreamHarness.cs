using System.Buffers.Binary;
using PpcVirt.Engine.Cpu;
using PpcVirt.Engine.Cpu.BookE;
using PpcVirt.Engine.Hypervisor;
using PpcVirt.Engine.Memory;
using PpcVirt.Engine.Mmu;

namespace PpcVirt.Fuzz;

/// <summary>
/// Fuzzes the PPC440 core (<see cref="Vcpu.Run"/>) with random instruction streams on random
/// machine states. An input is an 8-byte big-endian setup seed followed by up to
/// <see cref="MaxWords"/> big-endian instruction words. The setup seed fixes RAM size, the TLB
/// (a supervisor/user mapping of the code at EA 0 plus random entries, TS 0 and 1), MSR
/// (PR, FP, EE, CE, ME, DE, IS, DS, FE0/FE1), PID, timers, debug control and every GPR, FPR, CR,
/// XER, LR and CTR. The words go at <see cref="CodeBase"/>, followed by a branch back to it; every
/// interrupt vector returns past the interrupted instruction (SRR0/CSRR0/MCSRR0 + 4, then
/// rfi/rfci/rfmci), so a stream keeps executing. MMIO and DCR exits are completed (reads return
/// random data) and the run resumed. A failure is an exception escaping <see cref="Vcpu.Run"/>, a
/// run past its instruction limit, a hang (the wall-clock backstop hit with MSR[WE]=0, confirmed
/// by a second run with a long backstop), or <see cref="Vcpu.Run"/> not returning within
/// <see cref="ReturnDeadline"/>.
/// </summary>
public sealed class InstructionStreamHarness : IFuzzHarness
{
    /// <summary>Most instruction words in one input.</summary>
    public const int MaxWords = 1024;

    /// <summary>Effective (and physical) address of the first instruction.</summary>
    public const uint CodeBase = 0x1000;

    /// <summary>Effective (and physical) address of vector n: <see cref="VectorBase"/> + 0x100 × n (IVPR = 0, IVORn).</summary>
    public const uint VectorBase = 0x8000;

    /// <summary>Instructions one case may retire over all its runs.</summary>
    public const ulong InstructionBudget = 4096;

    /// <summary>Most Run calls in one case (each MMIO, DCR or debug exit ends one).</summary>
    public const int MaxResumes = 32;

    /// <summary>How long a Run call may take before the harness reports that it does not return.</summary>
    public static readonly TimeSpan ReturnDeadline = TimeSpan.FromSeconds(60);

    private const uint Sprg0 = 272;
    private static readonly TimeSpan s_backstop = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_confirmBackstop = TimeSpan.FromSeconds(20);

    // Extended opcodes (Power ISA / PPC440 user manual instruction set summary) used to make
    // structured words; random words cover everything else.
    private static readonly int[] s_xo31 =
    [
        0, 4, 8, 10, 11, 19, 20, 23, 24, 26, 28, 32, 40, 54, 55, 60, 75, 83, 86, 87, 104, 119, 124, 131, 136, 138, 144, 146,
        150, 151, 163, 183, 200, 202, 215, 232, 234, 235, 246, 247, 262, 266, 278, 279, 284, 311, 316, 323, 339, 343, 371,
        375, 407, 412, 439, 444, 451, 454, 459, 467, 470, 476, 491, 512, 533, 534, 535, 536, 567, 597, 598, 599, 631, 661,
        662, 663, 695, 725, 727, 758, 759, 790, 792, 824, 854, 914, 918, 922, 946, 954, 966, 978, 982, 983, 998, 1014,
    ];

    private static readonly int[] s_xo19 = [0, 16, 33, 38, 50, 51, 129, 150, 193, 225, 257, 289, 417, 449, 528];

    private static readonly int[] s_xo63 = [0, 12, 14, 15, 18, 20, 21, 22, 23, 25, 26, 28, 29, 30, 31, 32, 38, 40, 64, 70, 72, 134, 136, 264, 583, 711];

    private static readonly int[] s_xo59 = [18, 20, 21, 22, 24, 25, 28, 29, 30, 31];

    private static readonly int[] s_sprs =
    [
        1, 8, 9, 22, 26, 27, 48, 54, 58, 59, 61, 62, 63, 256, 260, 268, 269, 272, 273, 274, 275, 276, 277, 278, 279, 284, 285,
        286, 287, 304, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 336, 340, 400, 401, 402, 403, 404, 405, 406, 407,
        408, 409, 410, 411, 412, 413, 414, 415, 570, 571, 572, 573, 880, 881, 882, 883, 884, 885, 886, 887, 888, 912, 913, 914,
        915, 916, 917, 918, 919, 920, 921, 923, 924, 946, 947,
    ];

    private static readonly int[] s_primaries =
    [
        3, 4, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 31, 31, 31, 31, 31, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 59, 63, 63,
    ];

    /// <inheritdoc/>
    public long Accepted { get; private set; }

    /// <inheritdoc/>
    public string Name => "cpu";

    /// <inheritdoc/>
    public byte[] Generate(FuzzRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int words = random.Next(1, 257);
        byte[] input = new byte[8 + (4 * words)];
        BinaryPrimitives.WriteUInt64BigEndian(input, random.NextUInt64());
        for (int i = 0; i < words; i++)
        {
            uint w = random.Next(8) switch
            {
                0 or 1 or 2 => random.NextUInt32(),
                3 => SprWord(random),
                _ => StructuredWord(random),
            };
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(8 + (4 * i)), w);
        }

        return input;
    }

    /// <inheritdoc/>
    public string? Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string? first = RunCase(input, s_backstop, out bool hung);
        return hung ? RunCase(input, s_confirmBackstop, out _) : first;
    }

    private string? RunCase(byte[] input, TimeSpan backstop, out bool hung)
    {
        hung = false;
        ulong setupSeed = input.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(input) : 0;
        var r = new FuzzRandom(setupSeed);
        int words = Math.Min(MaxWords, Math.Max(0, input.Length - 8) / 4);
        long ramBytes = r.OneIn(2) ? 1 << 20 : 16 << 20;
        using var vm = new Vm(CpuFamily.Ppc440);
        HostMemory ram = vm.AllocateHostMemory(ramBytes);
        vm.SetUserMemoryRegion(0, MemorySlotFlags.None, 0, (ulong)ramBytes, ram);
        Vcpu vcpu = vm.CreateVcpu(CpuModel.Ppc440Ep);
        Setup(vm, vcpu, r);

        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < words; i++)
        {
            vm.Memory.Write(CodeBase + (uint)(4 * i), input.AsSpan(8 + (4 * i), 4));
        }

        BinaryPrimitives.WriteUInt32BigEndian(word, Branch(CodeBase + (uint)(4 * words), CodeBase));
        vm.Memory.Write(CodeBase + (uint)(4 * words), word);
        vcpu.ProgramCounter = CodeBase;

        ulong left = InstructionBudget;
        for (int run = 0; run < MaxResumes && left > 0; run++)
        {
            var options = new RunOptions { MaxInstructions = left, Timeout = backstop };
            VcpuExit exit;
            Task<VcpuExit> task = Task.Factory.StartNew(() => vcpu.Run(options), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                if (!task.Wait(ReturnDeadline))
                {
                    vcpu.RequestStop();
                    return $"Vcpu.Run did not return within {ReturnDeadline.TotalSeconds} s (PC 0x{vcpu.ProgramCounter:x8})";
                }

                exit = task.Result;
            }
            catch (AggregateException e) when (e.InnerException is not null)
            {
                return $"Vcpu.Run threw {e.InnerException.GetType().FullName}: {e.InnerException.Message}\n{e.InnerException.StackTrace}";
            }

            if (exit.InstructionsExecuted > left)
            {
                return $"Vcpu.Run retired {exit.InstructionsExecuted} instructions with a limit of {left} ({exit.Reason})";
            }

            left -= exit.InstructionsExecuted;
            if (run == 0 && exit.InstructionsExecuted > 0)
            {
                Accepted++;
            }

            switch (exit.Reason)
            {
                case ExitReason.Mmio when exit.Mmio is { } mmio:
                    if (!mmio.IsWrite)
                    {
                        mmio.Data = r.NextUInt64();
                    }

                    break;
                case ExitReason.Dcr when exit.Dcr is { } dcr:
                    if (!dcr.IsWrite)
                    {
                        dcr.Data = r.NextUInt32();
                    }

                    break;
                case ExitReason.Mmio or ExitReason.Dcr:
                    return $"{exit.Reason} exit without its access record";
                case ExitReason.Debug:
                    break;
                case ExitReason.Timeout:
                    if ((vcpu.GetRegister("MSR") & Msr.WE) != 0)
                    {
                        return null; // waiting for an interrupt, as the guest asked
                    }

                    hung = true;
                    return $"hang: {exit.InstructionsExecuted} of {left + exit.InstructionsExecuted} instructions in {backstop.TotalSeconds} s with MSR[WE]=0 (PC 0x{exit.ProgramCounter:x8})";
                default:
                    return null; // InstructionLimit, Reset, Shutdown, InternalError, Canceled, Hcall
            }
        }

        return null;
    }

    private static void Setup(Vm vm, Vcpu vcpu, FuzzRandom r)
    {
        // Vectors: save r3 in SPRG0, step the save/restore register past the interrupted
        // instruction, restore r3, return.
        Span<byte> b = stackalloc byte[4];
        for (int n = 0; n < 16; n++)
        {
            (uint save, uint ret) = n switch
            {
                0 or 12 or 15 => (58u, 0x4C00_0066u),  // CSRR0, rfci
                1 => (570u, 0x4C00_004Cu),              // MCSRR0, rfmci
                _ => (26u, 0x4C00_0064u),               // SRR0, rfi
            };
            uint v = VectorBase + (uint)(0x100 * n);
            uint[] code = [MtSpr(Sprg0, 3), MfSpr(3, save), 0x3863_0004 /* addi r3,r3,4 */, MtSpr(save, 3), MfSpr(3, Sprg0), ret];
            for (int i = 0; i < code.Length; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, code[i]);
                vm.Memory.Write(v + (uint)(4 * i), b);
            }

            vcpu.SetRegister($"IVOR{n}", v);
        }

        vcpu.SetRegister("IVPR", 0);

        // TLB entry 0: EA 0 → PA 0, TS 0; usually 256 MiB with all permissions.
        uint perms = r.OneIn(4) ? (r.NextUInt32() & 0x3F) | 0x1 : 0x3F;
        uint size = r.OneIn(4) ? 5u /* 1 MiB */ : 9u /* 256 MiB */;
        vcpu.SetTlbEntry(new BookETlbEntry(0, 0x0000_0200 | (size << 4), 0, perms, 0));
        if (r.OneIn(2))
        {
            // The same mapping in TS 1, so MSR[IS]/[DS] = 1 programs run too.
            vcpu.SetTlbEntry(new BookETlbEntry(1, 0x0000_0300 | (size << 4), 0, perms, (byte)(r.OneIn(2) ? 0 : r.Next(256))));
        }

        int extra = r.Next(9);
        for (int i = 0; i < extra; i++)
        {
            uint w0 = (r.NextUInt32() & 0xFFFF_FCF0) | (r.OneIn(4) ? 0u : 0x200u) | (r.OneIn(3) ? 0x100u : 0u);
            uint w1 = r.OneIn(2) ? r.NextUInt32() & 0x00FF_FC00 : r.NextUInt32();
            vcpu.SetTlbEntry(new BookETlbEntry(r.Next(2, 64), w0, w1, r.NextUInt32(), (byte)r.Next(256)));
        }

        vcpu.SetRegister("PID", r.OneIn(2) ? 0u : (uint)r.Next(256));
        uint msr = 0;
        msr |= r.OneIn(3) ? Msr.PR : 0;
        msr |= r.OneIn(2) ? Msr.FP : 0;
        msr |= r.OneIn(2) ? Msr.EE : 0;
        msr |= r.OneIn(3) ? Msr.CE : 0;
        msr |= r.OneIn(2) ? Msr.ME : 0;
        msr |= r.OneIn(4) ? Msr.DE : 0;
        msr |= r.OneIn(6) ? Msr.IS : 0;
        msr |= r.OneIn(4) ? Msr.DS : 0;
        msr |= r.OneIn(4) ? Msr.FE0 | Msr.FE1 : 0;
        vcpu.SetRegister("MSR", msr);

        for (int i = 0; i < 32; i++)
        {
            uint g = r.Next(4) switch
            {
                0 => (uint)r.Next(-16, 16),
                1 => 0x10000u + (uint)(r.Next(0x4000) * 4),
                2 => CodeBase + (uint)(r.Next(256) * 4),
                _ => r.NextUInt32(),
            };
            vcpu.SetRegister($"r{i}", g);
            vcpu.SetRegister($"f{i}", r.OneIn(2) ? r.NextUInt64() : BitConverter.DoubleToUInt64Bits(r.Next(-100, 100) / 8.0));
        }

        vcpu.SetRegister("CR", r.NextUInt32());
        vcpu.SetRegister("XER", r.NextUInt32() & 0xE000_007F);
        vcpu.SetRegister("LR", r.OneIn(2) ? CodeBase + (uint)(r.Next(256) * 4) : r.NextUInt32());
        vcpu.SetRegister("CTR", r.OneIn(2) ? (uint)r.Next(64) : r.NextUInt32());
        vcpu.SetRegister("FPSCR", r.NextUInt32());
        if (r.OneIn(3))
        {
            vcpu.SetRegister("DEC", (uint)r.Next(1, 2000));
            vcpu.SetRegister("TCR", r.NextUInt32() & 0xFFC0_0000);
        }

        if (r.OneIn(6))
        {
            vcpu.SetRegister("DBCR0", r.NextUInt32() & ~0x3000_0000u); // any debug event, but no reset request
        }
    }

    private static uint StructuredWord(FuzzRandom r)
    {
        int op = r.Pick(s_primaries);
        uint w = ((uint)op << 26) | (r.NextUInt32() & 0x03FF_FFFF);
        int xo = op switch
        {
            31 => r.Pick(s_xo31),
            19 => r.Pick(s_xo19),
            63 => r.Pick(s_xo63),
            59 => r.Pick(s_xo59),
            _ => -1,
        };
        if (xo < 0)
        {
            return w;
        }

        if (op == 59 || (op == 63 && xo < 32))
        {
            return (w & ~0x3Eu) | ((uint)(xo & 0x1F) << 1); // A-form: XO in bits 26–30
        }

        w = (w & ~0x7FEu) | ((uint)xo << 1);
        return op == 31 && r.OneIn(4) && xo < 512 ? w | 0x400 : w; // OE for XO-form arithmetic
    }

    private static uint SprWord(FuzzRandom r)
    {
        uint spr = (uint)r.Pick(s_sprs);
        int rs = r.Next(32);
        return r.OneIn(2) ? MtSpr(spr, rs) : MfSpr(rs, spr);
    }

    private static uint MtSpr(uint spr, int rs) => (31u << 26) | ((uint)rs << 21) | ((spr & 0x1F) << 16) | (((spr >> 5) & 0x1F) << 11) | (467u << 1);

    private static uint MfSpr(int rt, uint spr) => (31u << 26) | ((uint)rt << 21) | ((spr & 0x1F) << 16) | (((spr >> 5) & 0x1F) << 11) | (339u << 1);

    private static uint Branch(uint from, uint to) => 0x4800_0000u | ((to - from) & 0x03FF_FFFC);
}
