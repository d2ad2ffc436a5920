using PpcVirt.Engine.Cpu.BookE;

namespace PpcVirt.Engine.Cpu.Ppc440;

/// <summary>Registers by their Power ISA / PPC440 names for the VMM (KVM_GET/SET_ONE_REG, KVM_GET/SET_REGS/SREGS).</summary>
internal sealed unsafe partial class Ppc440Core
{
    private static readonly string[] s_registerNames = BuildNames();
    private static readonly Dictionary<string, int> s_sprByName = BuildSprNames();

    public IReadOnlyList<string> RegisterNames => s_registerNames;

    private static string[] BuildNames()
    {
        var names = new List<string>();
        for (int i = 0; i < 32; i++)
        {
            names.Add($"r{i}");
        }

        names.AddRange(["PC", "MSR", "CR", "LR", "CTR", "XER", "FPSCR"]);
        for (int i = 0; i < 32; i++)
        {
            names.Add($"f{i}");
        }

        names.AddRange(BuildSprNames().Keys.Where(k => k is not ("LR" or "CTR" or "XER")));
        return names.ToArray();
    }

    private static Dictionary<string, int> BuildSprNames()
    {
        var d = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["XER"] = Spr.XER, ["LR"] = Spr.LR, ["CTR"] = Spr.CTR, ["DEC"] = Spr.DEC, ["SRR0"] = Spr.SRR0, ["SRR1"] = Spr.SRR1,
            ["PID"] = Spr.PID, ["DECAR"] = Spr.DECAR, ["CSRR0"] = Spr.CSRR0, ["CSRR1"] = Spr.CSRR1, ["DEAR"] = Spr.DEAR,
            ["ESR"] = Spr.ESR, ["IVPR"] = Spr.IVPR, ["USPRG0"] = Spr.USPRG0, ["TBL"] = Spr.TBLR, ["TBU"] = Spr.TBUR,
            ["PIR"] = Spr.PIR, ["PVR"] = Spr.PVR, ["DBSR"] = Spr.DBSR, ["DBCR0"] = Spr.DBCR0, ["DBCR1"] = Spr.DBCR1,
            ["DBCR2"] = Spr.DBCR2, ["TSR"] = Spr.TSR, ["TCR"] = Spr.TCR, ["MCSRR0"] = Spr.MCSRR0, ["MCSRR1"] = Spr.MCSRR1,
            ["MCSR"] = Spr.MCSR, ["MMUCR"] = Spr.MMUCR, ["CCR0"] = Spr.CCR0, ["CCR1"] = Spr.CCR1, ["RSTCFG"] = Spr.RSTCFG,
        };
        for (int i = 0; i < 8; i++)
        {
            d[$"SPRG{i}"] = Spr.SPRG0 + i;
        }

        for (int i = 0; i < 16; i++)
        {
            d[$"IVOR{i}"] = Spr.IVOR0 + i;
        }

        return d;
    }

    private static bool TryIndex(string name, char prefix, out int index)
    {
        index = -1;
        return name.Length > 1 && char.ToLowerInvariant(name[0]) == prefix && int.TryParse(name.AsSpan(1), out index) && index is >= 0 and < 32;
    }

    public bool TryGetRegister(string name, out ulong value)
    {
        value = 0;
        if (TryIndex(name, 'r', out int r))
        {
            value = S->Gpr[r];
            return true;
        }

        if (TryIndex(name, 'f', out int f))
        {
            value = S->Fpr[f];
            return true;
        }

        switch (name.ToUpperInvariant())
        {
            case "PC" or "NIP" or "NIA": value = S->Pc; return true;
            case "MSR": value = S->Msr; return true;
            case "CR": value = S->Cr; return true;
            case "FPSCR": value = S->Fpscr; return true;
        }

        if (s_sprByName.TryGetValue(name, out int spr))
        {
            value = ReadSpr(spr);
            return true;
        }

        return false;
    }

    /// <summary>Width in bits of a register: 64 for the FPRs, 32 for everything else on the 440.</summary>
    public int RegisterBits(string name) => TryIndex(name, 'f', out _) ? 64 : 32;

    public bool TrySetRegister(string name, ulong value)
    {
        uint v = (uint)value;
        if (TryIndex(name, 'r', out int r))
        {
            S->Gpr[r] = v;
            return true;
        }

        if (TryIndex(name, 'f', out int f))
        {
            S->Fpr[f] = value;
            return true;
        }

        switch (name.ToUpperInvariant())
        {
            case "PC" or "NIP" or "NIA": ProgramCounter = v; return true;
            case "MSR": SetMsr(v); return true;
            case "CR": S->Cr = v; return true;
            case "FPSCR": S->Fpscr = v & 0xFFFF_F7FF; return true;
            case "PVR" or "TBL" or "TBU": return false;
        }

        if (s_sprByName.TryGetValue(name, out int spr))
        {
            if (spr == Spr.DBCR0)
            {
                S->Dbcr0 = v;
            }
            else if (spr == Spr.TSR)
            {
                S->Tsr = v;
            }
            else if (spr == Spr.DBSR)
            {
                S->Dbsr = v;
            }
            else if (spr == Spr.MCSR)
            {
                S->Mcsr = v;
            }
            else
            {
                WriteSpr(spr, v);
            }

            return true;
        }

        return false;
    }
}
