using System.Text;
using PpcVirt.Engine.Cpu;

namespace PpcVirt.Engine.Debugging;

/// <summary>
/// The target description GDB reads with <c>qXfer:features:read:target.xml</c> (GDB manual,
/// "Target Descriptions"): the BFD architecture name and the registers, by feature, with their GDB
/// numbers. One per CPU family: <see cref="PowerPc32"/> (PPC440) follows gdb's own
/// features/rs6000/powerpc-32.xml (org.gnu.gdb.power.core: r0–r31 = 0–31, pc = 64, msr, cr, lr, ctr,
/// xer = 65–69; org.gnu.gdb.power.fpu: f0–f31 = 32–63, fpscr = 70) plus the Book E SPRs a
/// debugger shows (numbers from 71, feature <c>org.ppcvirt.power.booke</c>). The 64-bit families
/// will use powerpc:common64 with 64-bit GPRs (features/rs6000/powerpc-64.xml) through the same type.
/// </summary>
public sealed class GdbTargetDescription
{
    /// <summary>Feature name of the PowerPC core registers (GDB manual, "PowerPC Features").</summary>
    public const string PowerCore = "org.gnu.gdb.power.core";

    /// <summary>Feature name of the PowerPC floating-point registers (GDB manual, "PowerPC Features").</summary>
    public const string PowerFpu = "org.gnu.gdb.power.fpu";

    /// <summary>PpcVirt's feature for the Book E supervisor SPRs (not one GDB knows: it shows them as plain registers).</summary>
    public const string BookESprs = "org.ppcvirt.power.booke";

    private static readonly string[] s_bookESprs =
    [
        "SRR0", "SRR1", "CSRR0", "CSRR1", "MCSRR0", "MCSRR1", "DEAR", "ESR", "IVPR", "PID",
        "SPRG0", "SPRG1", "SPRG2", "SPRG3", "SPRG4", "SPRG5", "SPRG6", "SPRG7", "USPRG0",
        "DEC", "DECAR", "TCR", "TSR", "TBL", "TBU", "DBCR0", "DBCR1", "DBCR2", "DBSR",
        "MMUCR", "CCR0", "CCR1", "PIR", "PVR",
    ];

    private string? _xml;

    /// <summary>Creates a description.</summary>
    /// <param name="architecture">BFD architecture name, e.g. <c>powerpc:common</c>.</param>
    /// <param name="bigEndian">Target byte order of register and memory data on the wire.</param>
    /// <param name="registers">Registers; numbers must be unique.</param>
    /// <param name="programCounter">GDB number of the program counter (reported in stop replies).</param>
    /// <param name="stackPointer">GDB number of the stack pointer (reported in stop replies).</param>
    public GdbTargetDescription(string architecture, bool bigEndian, IReadOnlyList<GdbRegister> registers, int programCounter, int stackPointer)
    {
        Architecture = architecture;
        BigEndian = bigEndian;
        Registers = registers.OrderBy(r => r.Number).ToArray();
        ProgramCounter = programCounter;
        StackPointer = stackPointer;
    }

    /// <summary>32-bit PowerPC as gdb's powerpc-32.xml describes it (architecture powerpc:common), plus the Book E SPRs; used for the PPC440.</summary>
    public static GdbTargetDescription PowerPc32 { get; } = BuildPowerPc32();

    /// <summary>BFD architecture name GDB selects (<c>set architecture</c> accepts the same names).</summary>
    public string Architecture { get; }

    /// <summary>True when register and memory bytes are big-endian on the wire (PowerPC).</summary>
    public bool BigEndian { get; }

    /// <summary>Registers ordered by GDB number (the <c>g</c> packet order).</summary>
    public IReadOnlyList<GdbRegister> Registers { get; }

    /// <summary>GDB register number of the program counter.</summary>
    public int ProgramCounter { get; }

    /// <summary>GDB register number of the stack pointer (r1 on PowerPC).</summary>
    public int StackPointer { get; }

    /// <summary>The description for a CPU family.</summary>
    /// <exception cref="NotSupportedException">No description for that family yet.</exception>
    public static GdbTargetDescription For(CpuFamily family) => family switch
    {
        CpuFamily.Ppc440 => PowerPc32,
        _ => throw new NotSupportedException($"no GDB target description for {family} yet."),
    };

    /// <summary>The register with GDB number <paramref name="number"/>, or null.</summary>
    public GdbRegister? Find(int number)
    {
        foreach (GdbRegister r in Registers)
        {
            if (r.Number == number)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The target.xml document (self-contained: every feature inline, no xi:include).</summary>
    public string ToXml()
    {
        if (_xml is not null)
        {
            return _xml;
        }

        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.Append("  <architecture>").Append(Architecture).Append("</architecture>\n");
        foreach (IGrouping<string, GdbRegister> feature in Registers.GroupBy(r => r.Feature))
        {
            sb.Append("  <feature name=\"").Append(feature.Key).Append("\">\n");
            foreach (GdbRegister r in feature)
            {
                sb.Append("    <reg name=\"").Append(r.Name).Append("\" bitsize=\"").Append(r.BitSize)
                    .Append("\" type=\"").Append(r.Type).Append("\" regnum=\"").Append(r.Number).Append('"');
                if (r.Group is not null)
                {
                    sb.Append(" group=\"").Append(r.Group).Append('"');
                }

                sb.Append("/>\n");
            }

            sb.Append("  </feature>\n");
        }

        sb.Append("</target>\n");
        return _xml = sb.ToString();
    }

    private static GdbTargetDescription BuildPowerPc32()
    {
        var regs = new List<GdbRegister>();
        for (int i = 0; i < 32; i++)
        {
            regs.Add(new GdbRegister(i, $"r{i}", 32, "uint32", PowerCore, $"r{i}"));
        }

        regs.Add(new GdbRegister(64, "pc", 32, "code_ptr", PowerCore, "PC"));
        regs.Add(new GdbRegister(65, "msr", 32, "uint32", PowerCore, "MSR"));
        regs.Add(new GdbRegister(66, "cr", 32, "uint32", PowerCore, "CR"));
        regs.Add(new GdbRegister(67, "lr", 32, "code_ptr", PowerCore, "LR"));
        regs.Add(new GdbRegister(68, "ctr", 32, "uint32", PowerCore, "CTR"));
        regs.Add(new GdbRegister(69, "xer", 32, "uint32", PowerCore, "XER"));
        for (int i = 0; i < 32; i++)
        {
            regs.Add(new GdbRegister(32 + i, $"f{i}", 64, "ieee_double", PowerFpu, $"f{i}"));
        }

        regs.Add(new GdbRegister(70, "fpscr", 32, "int", PowerFpu, "FPSCR", "float"));
        for (int i = 0; i < s_bookESprs.Length; i++)
        {
            regs.Add(new GdbRegister(71 + i, s_bookESprs[i].ToLowerInvariant(), 32, "uint32", BookESprs, s_bookESprs[i], "system"));
        }

        return new GdbTargetDescription("powerpc:common", bigEndian: true, regs, programCounter: 64, stackPointer: 1);
    }
}
