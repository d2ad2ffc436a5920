using PpcVirt.Engine.Cpu.Decoding;

namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>Builds one representative instruction word per table row: small register numbers in every field, OE=0, Rc=0, and instruction-specific fields (SPR, BO, masks) set to ordinary values.</summary>
internal static class RepresentativeWords
{
    public static uint For(InstructionDefinition d)
    {
        uint op = (uint)d.Opcode << 26;
        string m = d.Mnemonic;
        switch (m)
        {
            case "sc": return 0x4400_0002;
            case "stwcx.": return op | (3u << 21) | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1) | 1; // Rc=1 is part of the opcode
            case "b": return op | 0x100;                                   // b +0x100
            case "bc": return op | (12u << 21) | (2u << 16) | 0x100;       // beq +0x100
            case "bclr": return op | (20u << 21) | (16u << 1);             // blr
            case "bcctr": return op | (20u << 21) | (528u << 1);           // bctr
            case "mcrf": return op | (1u << 23) | (2u << 18);              // mcrf cr1,cr2
            case "rfi" or "rfci" or "rfmci" or "isync": return op | ((uint)d.ExtendedOpcode << 1);
            case "mfspr" or "mtspr": return op | (3u << 21) | (8u << 16) | ((uint)d.ExtendedOpcode << 1);   // SPR 8 = LR
            case "mfdcr" or "mtdcr": return op | (3u << 21) | (0x0Cu << 16) | ((uint)d.ExtendedOpcode << 1); // DCR 12
            case "mtcrf": return op | (3u << 21) | (0x01u << 12) | ((uint)d.ExtendedOpcode << 1);  // FXM = cr7
            case "mfcr" or "mfmsr" or "mtmsr" or "wrtee": return op | (3u << 21) | ((uint)d.ExtendedOpcode << 1);
            case "wrteei": return op | 0x8000 | ((uint)d.ExtendedOpcode << 1);
            case "mcrxr": return op | (1u << 23) | ((uint)d.ExtendedOpcode << 1);
            case "cmp" or "cmpl": return op | (1u << 23) | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "cmpi" or "cmpli": return op | (1u << 23) | (4u << 16) | 0x10;
            case "sync" or "mbar" or "tlbsync": return op | ((uint)d.ExtendedOpcode << 1);
            case "dcbst" or "dcbf" or "dcbi" or "dcbt" or "dcbtst" or "dcbz" or "dcba" or "icbi" or "icbt" or "dccci" or "iccci":
                return op | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "tw": return op | (4u << 21) | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1); // tweq
            case "twi": return op | (4u << 21) | (4u << 16) | 0x10;
            case "neg" or "addme" or "addze" or "subfme" or "subfze":
                return op | (3u << 21) | (4u << 16) | ((uint)d.ExtendedOpcode << 1);
            case "cntlzw" or "extsb" or "extsh": return op | (3u << 21) | (4u << 16) | ((uint)d.ExtendedOpcode << 1);
            case "srawi": return op | (3u << 21) | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "rlwinm" or "rlwnm" or "rlwimi": return op | (3u << 21) | (4u << 16) | (5u << 11) | (6u << 6) | (7u << 1);
            case "fcmpu" or "fcmpo": return op | (1u << 23) | (2u << 16) | (3u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "frsp" or "fctiw" or "fctiwz" or "fneg" or "fmr" or "fnabs" or "fabs":
                return op | (1u << 21) | (3u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "mffs": return op | (1u << 21) | ((uint)d.ExtendedOpcode << 1);
            case "mtfsb0" or "mtfsb1": return op | (25u << 21) | ((uint)d.ExtendedOpcode << 1);
            case "mcrfs": return op | (1u << 23) | (2u << 18) | ((uint)d.ExtendedOpcode << 1);
            case "mtfsfi": return op | (7u << 23) | (3u << 12) | ((uint)d.ExtendedOpcode << 1);
            case "mtfsf": return op | (0xFFu << 17) | (3u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "tlbwe" or "tlbre": return op | (3u << 21) | (4u << 16) | (1u << 11) | ((uint)d.ExtendedOpcode << 1);
            case "fsqrt" or "fsqrts" or "fres" or "frsqrte": return op | (1u << 21) | (3u << 11) | ((uint)d.ExtendedOpcode << 1);
        }

        return d.Form switch
        {
            InstructionForm.D => op | (3u << 21) | (4u << 16) | 0x10,
            InstructionForm.A when m is "fadd" or "fadds" or "fsub" or "fsubs" or "fdiv" or "fdivs" =>
                op | (1u << 21) | (2u << 16) | (3u << 11) | ((uint)d.ExtendedOpcode << 1),
            InstructionForm.A when m is "fmul" or "fmuls" => op | (1u << 21) | (2u << 16) | (4u << 6) | ((uint)d.ExtendedOpcode << 1),
            InstructionForm.A => op | (1u << 21) | (2u << 16) | (3u << 11) | (4u << 6) | ((uint)d.ExtendedOpcode << 1),
            _ => op | (3u << 21) | (4u << 16) | (5u << 11) | ((uint)d.ExtendedOpcode << 1),
        };
    }
}
