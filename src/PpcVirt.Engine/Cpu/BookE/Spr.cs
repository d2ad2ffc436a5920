namespace PpcVirt.Engine.Cpu.BookE;

/// <summary>
/// Special Purpose Register numbers of the PPC440 (PPC440 user manual, "Register Summary";
/// Power ISA 2.06 Book III-E). An SPR number with bit 0x10 set is privileged for mtspr/mfspr.
/// </summary>
public static class Spr
{
#pragma warning disable CS1591 // Register names are the documentation.
    public const int XER = 1, LR = 8, CTR = 9, DEC = 22, SRR0 = 26, SRR1 = 27, PID = 48, DECAR = 54;
    public const int CSRR0 = 58, CSRR1 = 59, DEAR = 61, ESR = 62, IVPR = 63, USPRG0 = 256;
    public const int SPRG4R = 260, SPRG5R = 261, SPRG6R = 262, SPRG7R = 263, TBLR = 268, TBUR = 269;
    public const int SPRG0 = 272, SPRG1 = 273, SPRG2 = 274, SPRG3 = 275, SPRG4 = 276, SPRG5 = 277, SPRG6 = 278, SPRG7 = 279;
    public const int TBLW = 284, TBUW = 285, PIR = 286, PVR = 287, DBSR = 304, DBCR0 = 308, DBCR1 = 309, DBCR2 = 310;
    public const int IAC1 = 312, IAC2 = 313, IAC3 = 314, IAC4 = 315, DAC1 = 316, DAC2 = 317, DVC1 = 318, DVC2 = 319;
    public const int TSR = 336, TCR = 340, IVOR0 = 400, IVOR15 = 415, MCSRR0 = 570, MCSRR1 = 571, MCSR = 572;
    public const int INV0 = 880, INV3 = 883, ITV0 = 884, ITV3 = 887, CCR1 = 888, DNV0 = 912, DNV3 = 915, DTV0 = 916, DTV3 = 919;
    public const int DVLIM = 920, IVLIM = 921, RSTCFG = 923, DCDBTRL = 924, DCDBTRH = 925, ICDBTRL = 926, ICDBTRH = 927;
    public const int MMUCR = 946, CCR0 = 947, ICDBDR = 979, DBDR = 1011;
#pragma warning restore CS1591

    /// <summary>True when mtspr/mfspr of <paramref name="spr"/> needs MSR[PR]=0.</summary>
    public static bool IsPrivileged(int spr) => (spr & 0x10) != 0;
}
