namespace PpcVirt.Engine.Tests.Cpu;

/// <summary>
/// A minimal PowerPC instruction encoder (Power ISA 2.06 Book I §1.6, big-endian bit numbering:
/// bit 0 is the MSB). Opcode = bits 0–5, RT/RS/BO/BF‖L = 6–10, RA/BI = 11–15, RB/SH/NB = 16–20,
/// X-form XO = 21–30, XO-form OE = bit 21 and XO = 22–30, Rc/LK = bit 31.
/// </summary>
internal static class Asm
{
    // ---- forms --------------------------------------------------------------------------------

    public static uint D(int op, int rt, int ra, int imm) => ((uint)op << 26) | ((uint)rt << 21) | ((uint)ra << 16) | ((uint)imm & 0xFFFF);

    public static uint X(int op, int rt, int ra, int rb, int xo, bool rc = false) =>
        ((uint)op << 26) | ((uint)rt << 21) | ((uint)ra << 16) | ((uint)rb << 11) | ((uint)xo << 1) | (rc ? 1u : 0u);

    public static uint XO(int rt, int ra, int rb, int xo, bool oe = false, bool rc = false) =>
        (31u << 26) | ((uint)rt << 21) | ((uint)ra << 16) | ((uint)rb << 11) | (oe ? 0x400u : 0) | ((uint)xo << 1) | (rc ? 1u : 0u);

    public static uint M(int op, int rs, int ra, int sh, int mb, int me, bool rc = false) =>
        ((uint)op << 26) | ((uint)rs << 21) | ((uint)ra << 16) | ((uint)sh << 11) | ((uint)mb << 6) | ((uint)me << 1) | (rc ? 1u : 0u);

    public static uint A(int op, int frt, int fra, int frb, int frc, int xo, bool rc = false) =>
        ((uint)op << 26) | ((uint)frt << 21) | ((uint)fra << 16) | ((uint)frb << 11) | ((uint)frc << 6) | ((uint)xo << 1) | (rc ? 1u : 0u);

    public static uint XL(int bt, int ba, int bb, int xo, bool lk = false) =>
        (19u << 26) | ((uint)bt << 21) | ((uint)ba << 16) | ((uint)bb << 11) | ((uint)xo << 1) | (lk ? 1u : 0u);

    /// <summary>I-form b/ba/bl/bla; <paramref name="li"/> is the byte displacement (or absolute address with AA).</summary>
    public static uint B(int li, bool aa = false, bool lk = false) => (18u << 26) | ((uint)li & 0x03FF_FFFC) | (aa ? 2u : 0) | (lk ? 1u : 0);

    /// <summary>B-form bc; <paramref name="bd"/> is the byte displacement.</summary>
    public static uint Bc(int bo, int bi, int bd, bool aa = false, bool lk = false) =>
        (16u << 26) | ((uint)bo << 21) | ((uint)bi << 16) | ((uint)bd & 0xFFFC) | (aa ? 2u : 0) | (lk ? 1u : 0);

    // ---- integer ------------------------------------------------------------------------------

    public static uint Addi(int rt, int ra, int si) => D(14, rt, ra, si);
    public static uint Li(int rt, int si) => D(14, rt, 0, si);
    public static uint Addis(int rt, int ra, int si) => D(15, rt, ra, si);
    public static uint Addic(int rt, int ra, int si) => D(12, rt, ra, si);
    public static uint AddicDot(int rt, int ra, int si) => D(13, rt, ra, si);
    public static uint Subfic(int rt, int ra, int si) => D(8, rt, ra, si);
    public static uint Mulli(int rt, int ra, int si) => D(7, rt, ra, si);
    public static uint Ori(int ra, int rs, int ui) => D(24, rs, ra, ui);
    public static uint Oris(int ra, int rs, int ui) => D(25, rs, ra, ui);
    public static uint Twi(int to, int ra, int si) => D(3, to, ra, si);

    public static uint Add(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 266, oe, rc);
    public static uint Addc(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 10, oe, rc);
    public static uint Adde(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 138, oe, rc);
    public static uint Addme(int rt, int ra, bool oe = false, bool rc = false) => XO(rt, ra, 0, 234, oe, rc);
    public static uint Addze(int rt, int ra, bool oe = false, bool rc = false) => XO(rt, ra, 0, 202, oe, rc);
    public static uint Subf(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 40, oe, rc);
    public static uint Subfc(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 8, oe, rc);
    public static uint Subfe(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 136, oe, rc);
    public static uint Subfme(int rt, int ra, bool oe = false, bool rc = false) => XO(rt, ra, 0, 232, oe, rc);
    public static uint Subfze(int rt, int ra, bool oe = false, bool rc = false) => XO(rt, ra, 0, 200, oe, rc);
    public static uint Neg(int rt, int ra, bool oe = false, bool rc = false) => XO(rt, ra, 0, 104, oe, rc);
    public static uint Mullw(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 235, oe, rc);
    public static uint Mulhw(int rt, int ra, int rb, bool rc = false) => XO(rt, ra, rb, 75, false, rc);
    public static uint Mulhwu(int rt, int ra, int rb, bool rc = false) => XO(rt, ra, rb, 11, false, rc);
    public static uint Divw(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 491, oe, rc);
    public static uint Divwu(int rt, int ra, int rb, bool oe = false, bool rc = false) => XO(rt, ra, rb, 459, oe, rc);

    // 440 multiply-accumulate (primary opcode 4, XO-form: OE = bit 21, XO = bits 22–30) and
    // multiply halfword (primary opcode 4, X-form). XO values from the PPC440 user manual's
    // instruction pages (binutils' assembler produces the same words).
    private static readonly Dictionary<string, int> MacXo = new()
    {
        ["macchw"] = 172, ["macchws"] = 236, ["macchwu"] = 140, ["macchwsu"] = 204,
        ["machhw"] = 44, ["machhws"] = 108, ["machhwu"] = 12, ["machhwsu"] = 76,
        ["maclhw"] = 428, ["maclhws"] = 492, ["maclhwu"] = 396, ["maclhwsu"] = 460,
        ["nmacchw"] = 174, ["nmacchws"] = 238, ["nmachhw"] = 46, ["nmachhws"] = 110, ["nmaclhw"] = 430, ["nmaclhws"] = 494,
    };

    private static readonly Dictionary<string, int> MulHalfXo = new()
    {
        ["mulchw"] = 168, ["mulchwu"] = 136, ["mulhhw"] = 40, ["mulhhwu"] = 8, ["mullhw"] = 424, ["mullhwu"] = 392,
    };

    /// <summary>The 18 multiply-accumulate base mnemonics.</summary>
    public static IEnumerable<string> MacMnemonics => MacXo.Keys;

    /// <summary>The 6 multiply-halfword base mnemonics.</summary>
    public static IEnumerable<string> MulHalfMnemonics => MulHalfXo.Keys;

    public static uint Mac(string mnemonic, int rt, int ra, int rb, bool oe = false, bool rc = false) =>
        (4u << 26) | ((uint)rt << 21) | ((uint)ra << 16) | ((uint)rb << 11) | (oe ? 0x400u : 0) | ((uint)MacXo[mnemonic] << 1) | (rc ? 1u : 0u);

    public static uint MulHalf(string mnemonic, int rt, int ra, int rb, bool rc = false) => X(4, rt, ra, rb, MulHalfXo[mnemonic], rc);

    // X-form logicals: RS in bits 6–10, RA (destination) in 11–15.
    public static uint And(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 28, rc);
    public static uint Or(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 444, rc);
    public static uint Xor(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 316, rc);
    public static uint Nand(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 476, rc);
    public static uint Nor(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 124, rc);
    public static uint Eqv(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 284, rc);
    public static uint Andc(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 60, rc);
    public static uint Orc(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 412, rc);
    public static uint Extsb(int ra, int rs, bool rc = false) => X(31, rs, ra, 0, 954, rc);
    public static uint Extsh(int ra, int rs, bool rc = false) => X(31, rs, ra, 0, 922, rc);
    public static uint Cntlzw(int ra, int rs, bool rc = false) => X(31, rs, ra, 0, 26, rc);
    public static uint Slw(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 24, rc);
    public static uint Srw(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 536, rc);
    public static uint Sraw(int ra, int rs, int rb, bool rc = false) => X(31, rs, ra, rb, 792, rc);
    public static uint Srawi(int ra, int rs, int sh, bool rc = false) => X(31, rs, ra, sh, 824, rc);
    public static uint Rlwinm(int ra, int rs, int sh, int mb, int me, bool rc = false) => M(21, rs, ra, sh, mb, me, rc);
    public static uint Rlwnm(int ra, int rs, int rb, int mb, int me, bool rc = false) => M(23, rs, ra, rb, mb, me, rc);
    public static uint Rlwimi(int ra, int rs, int sh, int mb, int me, bool rc = false) => M(20, rs, ra, sh, mb, me, rc);

    /// <summary>isel RT,RA,RB,BC: A-form, opcode 31, BC in bits 21–25, XO 15.</summary>
    public static uint Isel(int rt, int ra, int rb, int bc) => A(31, rt, ra, rb, bc, 15);

    public static uint Cmp(int bf, int ra, int rb) => X(31, bf << 2, ra, rb, 0);
    public static uint Cmpl(int bf, int ra, int rb) => X(31, bf << 2, ra, rb, 32);
    public static uint Cmpi(int bf, int ra, int si) => D(11, bf << 2, ra, si);
    public static uint Cmpli(int bf, int ra, int ui) => D(10, bf << 2, ra, ui);
    public static uint Tw(int to, int ra, int rb) => X(31, to, ra, rb, 4);

    // ---- branch / CR ----------------------------------------------------------------------------

    public static uint Bclr(int bo, int bi, bool lk = false) => XL(bo, bi, 0, 16, lk);
    public static uint Bcctr(int bo, int bi, bool lk = false) => XL(bo, bi, 0, 528, lk);
    public static uint Blr() => Bclr(20, 0);
    public static uint Crand(int bt, int ba, int bb) => XL(bt, ba, bb, 257);
    public static uint Cror(int bt, int ba, int bb) => XL(bt, ba, bb, 449);
    public static uint Crxor(int bt, int ba, int bb) => XL(bt, ba, bb, 193);
    public static uint Crnand(int bt, int ba, int bb) => XL(bt, ba, bb, 225);
    public static uint Crnor(int bt, int ba, int bb) => XL(bt, ba, bb, 33);
    public static uint Creqv(int bt, int ba, int bb) => XL(bt, ba, bb, 289);
    public static uint Crandc(int bt, int ba, int bb) => XL(bt, ba, bb, 129);
    public static uint Crorc(int bt, int ba, int bb) => XL(bt, ba, bb, 417);
    public static uint Mcrf(int bf, int bfa) => XL(bf << 2, bfa << 2, 0, 0);
    public static uint Mcrxr(int bf) => X(31, bf << 2, 0, 0, 512);
    public static uint Mfcr(int rt) => X(31, rt, 0, 0, 19);
    public static uint Mtcrf(int fxm, int rs) => (31u << 26) | ((uint)rs << 21) | ((uint)fxm << 12) | (144u << 1);

    // ---- SPR / system ---------------------------------------------------------------------------

    private static uint SprField(int spr) => ((uint)(spr & 31) << 16) | ((uint)((spr >> 5) & 31) << 11);
    public static uint Mfspr(int rt, int spr) => (31u << 26) | ((uint)rt << 21) | SprField(spr) | (339u << 1);
    public static uint Mtspr(int spr, int rs) => (31u << 26) | ((uint)rs << 21) | SprField(spr) | (467u << 1);
    public static uint Mfmsr(int rt) => X(31, rt, 0, 0, 83);
    public static uint Mtmsr(int rs) => X(31, rs, 0, 0, 146);
    public static uint Wrtee(int rs) => X(31, rs, 0, 0, 131);
    public static uint Wrteei(bool e) => (31u << 26) | (e ? 0x8000u : 0) | (163u << 1);
    public const uint Sc = 0x4400_0002;
    public const uint Rfi = 0x4C00_0064;
    public const uint Isync = 0x4C00_012C;
    public const uint Nop = 0x6000_0000;
    public static uint Tlbwe(int rs, int ra, int ws) => X(31, rs, ra, ws, 978);
    public static uint Tlbre(int rt, int ra, int ws) => X(31, rt, ra, ws, 946);
    public static uint Tlbsx(int rt, int ra, int rb, bool rc = false) => X(31, rt, ra, rb, 914, rc);

    // ---- load / store -------------------------------------------------------------------------

    public static uint Lwz(int rt, int d, int ra) => D(32, rt, ra, d);
    public static uint Lwzu(int rt, int d, int ra) => D(33, rt, ra, d);
    public static uint Lbz(int rt, int d, int ra) => D(34, rt, ra, d);
    public static uint Lbzu(int rt, int d, int ra) => D(35, rt, ra, d);
    public static uint Lhz(int rt, int d, int ra) => D(40, rt, ra, d);
    public static uint Lha(int rt, int d, int ra) => D(42, rt, ra, d);
    public static uint Lhau(int rt, int d, int ra) => D(43, rt, ra, d);
    public static uint Lmw(int rt, int d, int ra) => D(46, rt, ra, d);
    public static uint Stw(int rs, int d, int ra) => D(36, rs, ra, d);
    public static uint Stwu(int rs, int d, int ra) => D(37, rs, ra, d);
    public static uint Stb(int rs, int d, int ra) => D(38, rs, ra, d);
    public static uint Sth(int rs, int d, int ra) => D(44, rs, ra, d);
    public static uint Stmw(int rs, int d, int ra) => D(47, rs, ra, d);
    public static uint Lwzx(int rt, int ra, int rb) => X(31, rt, ra, rb, 23);
    public static uint Lwzux(int rt, int ra, int rb) => X(31, rt, ra, rb, 55);
    public static uint Lhax(int rt, int ra, int rb) => X(31, rt, ra, rb, 343);
    public static uint Lbzx(int rt, int ra, int rb) => X(31, rt, ra, rb, 87);
    public static uint Stwx(int rs, int ra, int rb) => X(31, rs, ra, rb, 151);
    public static uint Lwbrx(int rt, int ra, int rb) => X(31, rt, ra, rb, 534);
    public static uint Lhbrx(int rt, int ra, int rb) => X(31, rt, ra, rb, 790);
    public static uint Stwbrx(int rs, int ra, int rb) => X(31, rs, ra, rb, 662);
    public static uint Sthbrx(int rs, int ra, int rb) => X(31, rs, ra, rb, 918);
    public static uint Lswi(int rt, int ra, int nb) => X(31, rt, ra, nb, 597);
    public static uint Lswx(int rt, int ra, int rb) => X(31, rt, ra, rb, 533);
    public static uint Stswi(int rs, int ra, int nb) => X(31, rs, ra, nb, 725);
    public static uint Stswx(int rs, int ra, int rb) => X(31, rs, ra, rb, 661);
    public static uint Lwarx(int rt, int ra, int rb) => X(31, rt, ra, rb, 20);
    public static uint Stwcx(int rs, int ra, int rb) => X(31, rs, ra, rb, 150, true);
    public static uint Dcbz(int ra, int rb) => X(31, 0, ra, rb, 1014);

    // ---- floating point -----------------------------------------------------------------------

    public static uint Lfs(int frt, int d, int ra) => D(48, frt, ra, d);
    public static uint Lfd(int frt, int d, int ra) => D(50, frt, ra, d);
    public static uint Stfs(int frs, int d, int ra) => D(52, frs, ra, d);
    public static uint Stfd(int frs, int d, int ra) => D(54, frs, ra, d);
    public static uint Stfiwx(int frs, int ra, int rb) => X(31, frs, ra, rb, 983);
    public static uint Fadd(int t, int a, int b, bool rc = false) => A(63, t, a, b, 0, 21, rc);
    public static uint Fadds(int t, int a, int b) => A(59, t, a, b, 0, 21);
    public static uint Fsub(int t, int a, int b) => A(63, t, a, b, 0, 20);
    public static uint Fsubs(int t, int a, int b) => A(59, t, a, b, 0, 20);
    public static uint Fmul(int t, int a, int c) => A(63, t, a, 0, c, 25);
    public static uint Fmuls(int t, int a, int c) => A(59, t, a, 0, c, 25);
    public static uint Fdiv(int t, int a, int b) => A(63, t, a, b, 0, 18);
    public static uint Fdivs(int t, int a, int b) => A(59, t, a, b, 0, 18);
    public static uint Fmadd(int t, int a, int c, int b) => A(63, t, a, b, c, 29);
    public static uint Fmsub(int t, int a, int c, int b) => A(63, t, a, b, c, 28);
    public static uint Fnmadd(int t, int a, int c, int b) => A(63, t, a, b, c, 31);
    public static uint Fnmsub(int t, int a, int c, int b) => A(63, t, a, b, c, 30);
    public static uint Fmadds(int t, int a, int c, int b) => A(59, t, a, b, c, 29);
    public static uint Frsp(int t, int b) => X(63, t, 0, b, 12);
    public static uint Fctiw(int t, int b) => X(63, t, 0, b, 14);
    public static uint Fctiwz(int t, int b) => X(63, t, 0, b, 15);
    public static uint Fcmpu(int bf, int a, int b) => X(63, bf << 2, a, b, 0);
    public static uint Fcmpo(int bf, int a, int b) => X(63, bf << 2, a, b, 32);
    public static uint Fmr(int t, int b) => X(63, t, 0, b, 72);
    public static uint Fneg(int t, int b) => X(63, t, 0, b, 40);
    public static uint Fabs(int t, int b) => X(63, t, 0, b, 264);
    public static uint Fnabs(int t, int b) => X(63, t, 0, b, 136);
    public static uint Mffs(int t) => X(63, t, 0, 0, 583);
    public static uint Mtfsf(int flm, int b) => (63u << 26) | ((uint)flm << 17) | ((uint)b << 11) | (711u << 1);
    public static uint Mtfsfi(int bf, int u) => (63u << 26) | ((uint)bf << 23) | ((uint)u << 12) | (134u << 1);
    public static uint Mtfsb0(int bt) => X(63, bt, 0, 0, 70);
    public static uint Mtfsb1(int bt) => X(63, bt, 0, 0, 38);
    public static uint Mcrfs(int bf, int bfa) => X(63, bf << 2, bfa << 2, 0, 64);
}
