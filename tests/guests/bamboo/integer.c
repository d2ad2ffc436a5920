/* integer.c - fixed-point instruction semantics: arithmetic with OE/Rc,
 * XER[SO,OV,CA], multiply/divide, rotates/shifts, logical, compares, CR ops,
 * loads/stores incl. update/indexed/byte-reversed/multiple/string,
 * lwarx/stwcx., dcbz, traps and isel.  Every instruction is executed via inline
 * asm so exactly the named instruction runs.  Results whose value the
 * architecture leaves undefined are not printed. */
#include "lib.h"

#define XMASK 0xe000007fu   /* XER SO OV CA + string byte count */

static void p2(const char *n, uint32_t a, uint32_t b, uint32_t xi, uint32_t d, uint32_t x, uint32_t c)
{
    pr("%s %x,%x xer=%x -> %x xer=%x cr0=%1x\n", n, a, b, xi, d, x & XMASK, c >> 28);
}
static void p1(const char *n, uint32_t a, uint32_t xi, uint32_t d, uint32_t x, uint32_t c)
{
    pr("%s %x xer=%x -> %x xer=%x cr0=%1x\n", n, a, xi, d, x & XMASK, c >> 28);
}

/* two-operand op: CR cleared before, XER set to xi */
#define OP2(insn, a, b, xi) do { uint32_t d_, x_, c_; uint32_t a_ = (a), b_ = (b), xi_ = (xi); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %5\n\t" insn " %0,%3,%4\n\tmfxer %1\n\tmfcr %2" \
        : "=&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(a_), "r"(b_), "r"(xi_) : "cc", "xer"); \
    p2(insn, a_, b_, xi_, d_, x_, c_); } while (0)
#define OP1(insn, a, xi) do { uint32_t d_, x_, c_; uint32_t a_ = (a), xi_ = (xi); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %4\n\t" insn " %0,%3\n\tmfxer %1\n\tmfcr %2" \
        : "=&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(a_), "r"(xi_) : "cc", "xer"); \
    p1(insn, a_, xi_, d_, x_, c_); } while (0)
/* op with immediate operand */
#define OPI(insn, a, imm, xi) do { uint32_t d_, x_, c_; uint32_t a_ = (a), xi_ = (xi); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %4\n\t" insn " %0,%3," #imm "\n\tmfxer %1\n\tmfcr %2" \
        : "=&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(a_), "r"(xi_) : "cc", "xer"); \
    p1(insn " " #imm, a_, xi_, d_, x_, c_); } while (0)
/* rS-source op (logical/shift/rotate): insn rA,rS,rB */
#define OPS2 OP2
/* divide with architecturally undefined quotient: print XER and CR0[SO] only */
#define DIVU(insn, a, b) do { uint32_t d_, x_, c_; uint32_t a_ = (a), b_ = (b); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %2\n\t" insn " %0,%3,%4\n\tmfxer %1\n\tmfcr %2" \
        : "=&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(a_), "r"(b_) : "cc", "xer"); \
    pr("%s %x,%x -> (rD undefined) xer=%x cr0.so=%d\n", insn, a_, b_, x_ & XMASK, (c_ >> 28) & 1); } while (0)

static const uint32_t pairs[][2] = {
    {0x7fffffff, 0x00000001}, {0xffffffff, 0x00000001},
    {0x80000000, 0x80000000}, {0x00000005, 0x00000003},
};
static const uint32_t unary[] = {0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xffffffff};
#define NP (sizeof(pairs) / sizeof(pairs[0]))
#define NU (sizeof(unary) / sizeof(unary[0]))
#define CA 0x20000000u
#define OV 0x40000000u
#define SO 0x80000000u

static void arith(void)
{
    pr("-- add/sub\n");
    OP2("add", 0x7fffffff, 1, OV);
    OP2("add.", 0x7fffffff, 1, 0);
    OP2("addo", 0x7fffffff, 1, 0);
    OP2("addo.", 0x00000001, 1, SO | OV);   /* OV cleared, SO sticky */
    OP2("addc.", 0xffffffff, 1, 0);
    for (unsigned i = 0; i < NP; i++) {
        OP2("addo.", pairs[i][0], pairs[i][1], 0);
        OP2("addco.", pairs[i][0], pairs[i][1], 0);
        OP2("addeo.", pairs[i][0], pairs[i][1], 0);
        OP2("addeo.", pairs[i][0], pairs[i][1], CA);
        OP2("subfo.", pairs[i][0], pairs[i][1], 0);
        OP2("subfco.", pairs[i][0], pairs[i][1], 0);
        OP2("subfeo.", pairs[i][0], pairs[i][1], 0);
        OP2("subfeo.", pairs[i][0], pairs[i][1], CA);
    }
    OP2("subf", 3, 5, 0);
    OP2("subfc", 5, 3, 0);
    OP2("subfe", 5, 3, CA);
    OPI("addic", 0xffffffff, 1, 0);
    OPI("addic.", 0xfffffffe, 1, 0);
    OPI("subfic", 5, 3, 0);
    OPI("subfic", 3, 5, 0);
    OPI("addi", 0x7fffffff, -1, 0);
    OPI("addis", 0x7fffffff, 1, 0);
    for (unsigned i = 0; i < NU; i++) {
        OP1("addmeo.", unary[i], 0);
        OP1("addmeo.", unary[i], CA);
        OP1("addzeo.", unary[i], 0);
        OP1("addzeo.", unary[i], CA);
        OP1("subfmeo.", unary[i], 0);
        OP1("subfmeo.", unary[i], CA);
        OP1("subfzeo.", unary[i], 0);
        OP1("subfzeo.", unary[i], CA);
        OP1("nego.", unary[i], 0);
    }
    OP1("neg", 0x80000000, 0);
    OP1("addme", 0, 0);
    OP1("addze", 0xffffffff, CA);
}

static void muldiv(void)
{
    static const uint32_t m[][2] = {
        {0x7fffffff, 2}, {0x00010000, 0x00010000}, {0xffffffff, 0xffffffff},
        {0x80000000, 0xffffffff}, {12345, 6789}, {0xfffffffd, 7},
    };
    pr("-- mul/div\n");
    for (unsigned i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
        OP2("mullwo.", m[i][0], m[i][1], 0);
        OP2("mulhw.", m[i][0], m[i][1], 0);
        OP2("mulhwu.", m[i][0], m[i][1], 0);
    }
    OP2("mullw", 0x12345678, 0x9abcdef0, 0);
    OPI("mulli", 0x12345678, 1000, 0);
    OPI("mulli", 0x80000000, -1, 0);
    OPI("mulli", 0xffffffff, -32768, 0);
    static const uint32_t d[][2] = {
        {100, 7}, {0xffffff9c, 7}, {100, 0xfffffff9}, {0xffffff9c, 0xfffffff9},
        {0x80000000, 0xfffffffe}, {0x7fffffff, 1},
    };
    for (unsigned i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        OP2("divwo.", d[i][0], d[i][1], 0);
        OP2("divwuo.", d[i][0], d[i][1], 0);
    }
    OP2("divw", 0x80000001, 0xffffffff, 0);
    OP2("divwu", 0x80000000, 0xffffffff, 0);
    OP2("divwuo.", 0x80000000, 0xffffffff, SO);
    DIVU("divwo.", 7, 0);
    DIVU("divwuo.", 7, 0);
    DIVU("divwo.", 0x80000000, 0xffffffff);
    DIVU("divwo", 0, 0);
}

#define RLWINM(sh, mb, me) do { uint32_t d_, c_, s_ = 0x12345678; \
    __asm__ volatile("li %1,0\n\tmtcrf 0xff,%1\n\trlwinm. %0,%2," #sh "," #mb "," #me "\n\tmfcr %1" \
        : "=&r"(d_), "=&r"(c_) : "r"(s_) : "cc"); \
    pr("rlwinm. %x," #sh "," #mb "," #me " -> %x cr0=%1x\n", s_, d_, c_ >> 28); } while (0)
#define RLWIMI(a, s, sh, mb, me) do { uint32_t d_ = (a), s_ = (s); \
    __asm__ volatile("rlwimi %0,%1," #sh "," #mb "," #me : "+r"(d_) : "r"(s_)); \
    pr("rlwimi %x,%x," #sh "," #mb "," #me " -> %x\n", (uint32_t)(a), s_, d_); } while (0)
#define RLWNM(b, mb, me) do { uint32_t d_, s_ = 0x80000001, b_ = (b); \
    __asm__ volatile("rlwnm %0,%1,%2," #mb "," #me : "=r"(d_) : "r"(s_), "r"(b_)); \
    pr("rlwnm %x,%x," #mb "," #me " -> %x\n", s_, b_, d_); } while (0)
#define SRAWI(s, sh) do { uint32_t d_, x_, c_, s_ = (s); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %2\n\tsrawi. %0,%3," #sh "\n\tmfxer %1\n\tmfcr %2" \
        : "=&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(s_) : "cc", "xer"); \
    pr("srawi. %x," #sh " -> %x xer=%x cr0=%1x\n", s_, d_, x_ & XMASK, c_ >> 28); } while (0)

static void rotshift(void)
{
    pr("-- rotate/shift\n");
    RLWINM(0, 0, 31); RLWINM(4, 0, 27); RLWINM(28, 4, 31); RLWINM(8, 16, 23);
    RLWINM(31, 0, 0); RLWINM(16, 28, 3); RLWINM(1, 31, 0); RLWINM(5, 10, 9);
    RLWINM(0, 16, 15); RLWINM(12, 20, 19); RLWINM(0, 31, 31); RLWINM(24, 8, 7);
    RLWNM(0, 0, 31); RLWNM(4, 0, 31); RLWNM(36, 0, 31); RLWNM(31, 24, 7);
    RLWIMI(0xffffffff, 0x12345678, 0, 8, 15);
    RLWIMI(0x00000000, 0x12345678, 16, 28, 3);
    RLWIMI(0xaaaaaaaa, 0x0000ffff, 8, 8, 23);
    RLWIMI(0x11111111, 0xffffffff, 31, 5, 4);
    static const uint32_t sv[] = {0x80000001, 0x7ffffff0};
    static const uint32_t sh[] = {0, 1, 31, 32, 63, 64};
    for (unsigned i = 0; i < 2; i++)
        for (unsigned j = 0; j < 6; j++) {
            OP2("slw.", sv[i], sh[j], 0);
            OP2("srw.", sv[i], sh[j], 0);
            OP2("sraw.", sv[i], sh[j], 0);
        }
    SRAWI(0x80000001, 0); SRAWI(0x80000001, 1); SRAWI(0x80000001, 31);
    SRAWI(0x80000000, 31); SRAWI(0x7ffffff0, 4); SRAWI(0xfffffff0, 4);
}

static void logical(void)
{
    pr("-- logical\n");
    OP1("cntlzw.", 0, 0); OP1("cntlzw.", 1, 0); OP1("cntlzw.", 0x80000000, 0);
    OP1("cntlzw.", 0x00010000, 0);
    OP1("extsb.", 0x12345680, 0); OP1("extsb.", 0xffffff7f, 0);
    OP1("extsh.", 0x12348000, 0); OP1("extsh.", 0x00007fff, 0);
    uint32_t a = 0xf0f0ff00, b = 0x3c3c0ff0;
    OP2("and.", a, b, 0); OP2("or.", a, b, 0); OP2("xor.", a, b, 0);
    OP2("nand.", a, b, 0); OP2("nor.", a, b, 0); OP2("eqv.", a, b, 0);
    OP2("andc.", a, b, 0); OP2("orc.", a, b, 0);
    OP2("and.", 0xf0f0f0f0, 0x0f0f0f0f, SO);
    OP2("eqv.", a, a, 0);
    OPI("andi.", 0x12345678, 0xff00, 0);
    OPI("andis.", 0x12345678, 0xff00, 0);
    OPI("andi.", 0x12345678, 0x0001, 0);
    OPI("ori", 0x12345678, 0x8001, 0);
    OPI("oris", 0x12345678, 0x8001, 0);
    OPI("xori", 0x12345678, 0xffff, 0);
    OPI("xoris", 0x12345678, 0xffff, 0);
}

#define CMP(insn, bf, a, b, xi) do { uint32_t c_, a_ = (a), b_ = (b), xi_ = (xi); \
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmtxer %3\n\t" insn " " #bf ",%1,%2\n\tmfcr %0" \
        : "=&r"(c_) : "r"(a_), "r"(b_), "r"(xi_) : "cc", "xer"); \
    pr("%s " #bf ",%x,%x xer=%x -> cr=%x\n", insn, a_, b_, xi_, c_); } while (0)
#define CMPI(insn, bf, a, imm) do { uint32_t c_, a_ = (a); \
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\t" insn " " #bf ",%1," #imm "\n\tmfcr %0" \
        : "=&r"(c_) : "r"(a_) : "cc"); \
    pr("%s " #bf ",%x," #imm " -> cr=%x\n", insn, a_, c_); } while (0)
#define CRL(insn, d, a, b) do { uint32_t c_ = 0x5a3c96f0; \
    __asm__ volatile("mtcrf 0xff,%0\n\t" insn " " #d "," #a "," #b "\n\tmfcr %0" : "+r"(c_) :: "cc"); \
    pr("%s " #d "," #a "," #b " (cr=5a3c96f0) -> cr=%x\n", insn, c_); } while (0)

static void compare_cr(void)
{
    pr("-- compare/CR\n");
    CMP("cmpw", 0, 1, 2, 0); CMP("cmpw", 1, 2, 1, 0); CMP("cmpw", 2, 0xffffffff, 1, 0);
    CMP("cmpw", 7, 5, 5, SO); CMP("cmplw", 3, 0xffffffff, 1, 0); CMP("cmplw", 4, 1, 0xffffffff, SO);
    CMP("cmplw", 6, 0x80000000, 0x80000000, 0);
    CMPI("cmpwi", 0, 0xffffffff, -1); CMPI("cmpwi", 5, 0x7fffffff, -32768);
    CMPI("cmplwi", 1, 0xffffffff, 65535); CMPI("cmplwi", 7, 3, 4);
    CRL("crand", 0, 1, 2); CRL("cror", 3, 4, 5); CRL("crxor", 8, 9, 10);
    CRL("crnand", 12, 12, 13); CRL("crnor", 31, 30, 29); CRL("creqv", 16, 17, 18);
    CRL("crandc", 20, 21, 22); CRL("crorc", 27, 26, 25); CRL("crxor", 6, 6, 6);
    CRL("creqv", 7, 7, 7);
    uint32_t c, x;
    c = 0x12345678;
    __asm__ volatile("mtcrf 0xff,%0\n\tmcrf 5,1\n\tmcrf 0,7\n\tmfcr %0" : "+r"(c) :: "cc");
    pr("mcrf 5,1; mcrf 0,7 (cr=12345678) -> cr=%x\n", c);
    x = 0xe0000005;
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmtxer %1\n\tmcrxr 3\n\tmfcr %0\n\tmfxer %1"
                     : "=&r"(c), "+r"(x) :: "cc", "xer");
    pr("mcrxr 3 (xer=e0000005) -> cr=%x xer=%x\n", c, x & XMASK);
    c = 0xffffffff; x = 0x12345678;
    __asm__ volatile("mtcrf 0xff,%0\n\tmtcrf 0x81,%1\n\tmfcr %0" : "+r"(c) : "r"(x) : "cc");
    pr("mtcrf 0x81,12345678 (cr=ffffffff) -> cr=%x\n", c);
    x = 0x0fedcba9;
    __asm__ volatile("mtcrf 0xff,%1\n\tmfcr %0" : "=r"(c) : "r"(x) : "cc");
    pr("mtcrf 0xff,0fedcba9 -> cr=%x\n", c);
}

static uint8_t mbuf[64] __attribute__((aligned(64)));
static void fill(void)
{
    for (int i = 0; i < 64; i++)
        mbuf[i] = (uint8_t)(0x80 + i);
}
#define W(i) (*(volatile uint32_t *)&mbuf[i])
#define LD(insn, off) do { uint32_t d_; uint8_t *p_ = mbuf; \
    __asm__ volatile(insn " %0," #off "(%1)" : "=&r"(d_), "+b"(p_) :: "memory"); \
    pr("%s " #off " -> %x ra=base+%x\n", insn, d_, (uint32_t)(p_ - mbuf)); } while (0)
#define LDX(insn, off) do { uint32_t d_, o_ = (off); uint8_t *p_ = mbuf; \
    __asm__ volatile(insn " %0,%1,%2" : "=&r"(d_), "+b"(p_) : "r"(o_) : "memory"); \
    pr("%s %x -> %x ra=base+%x\n", insn, o_, d_, (uint32_t)(p_ - mbuf)); } while (0)
#define ST(insn, v, off) do { uint32_t v_ = (v); uint8_t *p_ = mbuf; fill(); \
    __asm__ volatile(insn " %1," #off "(%0)" : "+b"(p_) : "r"(v_) : "memory"); \
    pr("%s %x," #off " -> ra=base+%x mem[8..15]=%x %x\n", insn, v_, (uint32_t)(p_ - mbuf), W(8), W(12)); } while (0)
#define STX(insn, v, off) do { uint32_t v_ = (v), o_ = (off); uint8_t *p_ = mbuf; fill(); \
    __asm__ volatile(insn " %1,%0,%2" : "+b"(p_) : "r"(v_), "r"(o_) : "memory"); \
    pr("%s %x,%x -> ra=base+%x mem[8..15]=%x %x\n", insn, v_, o_, (uint32_t)(p_ - mbuf), W(8), W(12)); } while (0)

static void loadstore(void)
{
    pr("-- load/store\n");
    fill();
    LD("lbz", 9); LD("lbzu", 9); LDX("lbzx", 10); LDX("lbzux", 10);
    LD("lhz", 10); LD("lhzu", 10); LDX("lhzx", 12); LDX("lhzux", 12);
    LD("lha", 10); LD("lhau", 10); LDX("lhax", 12); LDX("lhaux", 12);
    LD("lwz", 8); LD("lwzu", 8); LDX("lwzx", 12); LDX("lwzux", 12);
    LD("lha", 0x3e); LDX("lwzx", 0x3c);
    ST("stb", 0x11223344, 9); ST("stbu", 0x11223344, 10);
    STX("stbx", 0x11223344, 11); STX("stbux", 0x11223344, 12);
    ST("sth", 0x11223344, 10); ST("sthu", 0x11223344, 12);
    STX("sthx", 0x11223344, 14); STX("sthux", 0x11223344, 8);
    ST("stw", 0x11223344, 8); ST("stwu", 0x11223344, 12);
    STX("stwx", 0x11223344, 8); STX("stwux", 0x11223344, 12);
    fill();
    LDX("lhbrx", 8); LDX("lwbrx", 12);
    STX("sthbrx", 0x11223344, 10); STX("stwbrx", 0x11223344, 8);

    uint32_t r[4];
    fill();
    __asm__ volatile("lmw 29,16(%3)\n\tmr %0,29\n\tmr %1,30\n\tmr %2,31"
                     : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]) : "b"(mbuf) : "r29", "r30", "r31", "memory");
    pr("lmw r29,16 -> %x %x %x\n", r[0], r[1], r[2]);
    __asm__ volatile("lis 29,0x1111\n\tlis 30,0x2222\n\tlis 31,0x3333\n\tstmw 29,4(%0)"
                     :: "b"(mbuf) : "r29", "r30", "r31", "memory");
    pr("stmw r29,4 -> mem[0..15]=%x %x %x %x\n", W(0), W(4), W(8), W(12));

    fill();
    __asm__ volatile("li 9,-1\n\tli 10,-1\n\tlswi 9,%2,7\n\tmr %0,9\n\tmr %1,10"
                     : "=r"(r[0]), "=r"(r[1]) : "b"(mbuf + 1) : "r9", "r10", "memory");
    pr("lswi r9,base+1,7 -> %x %x\n", r[0], r[1]);
    __asm__ volatile("li 9,-1\n\tli 10,-1\n\tli 11,-1\n\tli 12,10\n\tmtxer 12\n\tlswx 9,%3,%4\n\tmr %0,9\n\tmr %1,10\n\tmr %2,11"
                     : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]) : "b"(mbuf), "r"(3) : "r9", "r10", "r11", "r12", "xer", "memory");
    pr("lswx r9,base,3 xer.bc=10 -> %x %x %x\n", r[0], r[1], r[2]);
    fill();
    __asm__ volatile("lis 9,0x0102\n\tori 9,9,0x0304\n\tlis 10,0x0506\n\tori 10,10,0x0708\n\tstswi 9,%0,6"
                     :: "b"(mbuf + 17) : "r9", "r10", "memory");
    pr("stswi r9,base+17,6 -> mem[16..27]=%x %x %x\n", W(16), W(20), W(24));
    fill();
    __asm__ volatile("lis 9,0x0102\n\tori 9,9,0x0304\n\tlis 10,0x0506\n\tori 10,10,0x0708\n\tli 11,5\n\tmtxer 11\n\tstswx 9,%0,%1"
                     :: "b"(mbuf), "r"(33) : "r9", "r10", "r11", "xer", "memory");
    pr("stswx r9,base,33 xer.bc=5 -> mem[32..43]=%x %x %x\n", W(32), W(36), W(40));
}

static void atomic_cache(void)
{
    pr("-- lwarx/stwcx./dcbz\n");
    static volatile uint32_t word __attribute__((aligned(32)));
    static volatile uint32_t dummy __attribute__((aligned(32)));
    uint32_t v, c;
    word = 0x1234;
    /* clear any reservation first (stwcx. to a dummy location) */
    __asm__ volatile("stwcx. %0,0,%1" :: "r"(0), "r"(&dummy) : "cc", "memory");
    __asm__ volatile("li %1,0\n\tmtcrf 0xff,%1\n\tmtxer %1\n\tstwcx. %2,0,%3\n\tmfcr %1"
                     : "=&r"(v), "=&r"(c) : "r"(0x5555), "r"(&word) : "cc", "xer", "memory");
    pr("stwcx. without reservation -> cr0=%1x mem=%x\n", c >> 28, word);
    __asm__ volatile("li %1,0\n\tmtcrf 0xff,%1\n\tlis %1,0x8000\n\tmtxer %1\n\tlwarx %0,0,%3\n\taddi %0,%0,1\n\tstwcx. %0,0,%3\n\tmfcr %1"
                     : "=&b"(v), "=&r"(c) : "0"(0), "r"(&word) : "cc", "xer", "memory");
    pr("lwarx/addi/stwcx. xer.so=1 -> cr0=%1x mem=%x\n", c >> 28, word);
    __asm__ volatile("li %1,0\n\tmtcrf 0xff,%1\n\tmtxer %1\n\tstwcx. %2,0,%3\n\tmfcr %1"
                     : "=&r"(v), "=&r"(c) : "r"(0x6666), "r"(&word) : "cc", "xer", "memory");
    pr("second stwcx. (reservation consumed) -> cr0=%1x mem=%x\n", c >> 28, word);

    static uint8_t cbuf[128] __attribute__((aligned(32)));
    for (int i = 0; i < 128; i++)
        cbuf[i] = 0xaa;
    __asm__ volatile("dcbz %0,%1" :: "b"(cbuf), "r"(32 + 5) : "memory");
    pr("dcbz base+37:");
    for (int i = 0; i < 128; i += 16)
        pr(" %x", *(uint32_t *)&cbuf[i]);
    pr("\n");
    uint32_t zero_from = 999, zero_to = 0;
    for (int i = 0; i < 128; i++)
        if (cbuf[i] == 0) {
            if (zero_from == 999)
                zero_from = i;
            zero_to = i;
        }
    pr("dcbz zeroed bytes %d..%d\n", zero_from, zero_to);
}

static volatile uint32_t trap_count, trap_esr, trap_srr0;
static void prog_hook(struct frame *f)
{
    trap_count++;
    trap_esr = f->esr;
    trap_srr0 = f->srr0;
    f->srr0 += 4;       /* skip the trapping instruction */
}
#define TW(to, a, b) do { uint32_t a_ = (a), b_ = (b), ia_; trap_count = 0; trap_srr0 = 0; \
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\ttw " #to ",%1,%2" : "=&b"(ia_) : "r"(a_), "r"(b_) : "memory"); \
    if (trap_count) pr("tw " #to ",%x,%x -> trap esr=%x srr0=insn+%x\n", a_, b_, trap_esr, trap_srr0 - ia_); \
    else pr("tw " #to ",%x,%x -> no trap\n", a_, b_); } while (0)
#define TWI(to, a, imm) do { uint32_t a_ = (a), ia_; trap_count = 0; trap_srr0 = 0; \
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\ttwi " #to ",%1," #imm : "=&b"(ia_) : "r"(a_) : "memory"); \
    if (trap_count) pr("twi " #to ",%x," #imm " -> trap esr=%x srr0=insn+%x\n", a_, trap_esr, trap_srr0 - ia_); \
    else pr("twi " #to ",%x," #imm " -> no trap\n", a_); } while (0)

static void traps(void)
{
    pr("-- traps\n");
    exc_hooks[6] = prog_hook;
    TW(4, 5, 5); TW(4, 5, 6); TW(16, 0xffffffff, 1); TW(8, 0xffffffff, 1);
    TW(2, 0xffffffff, 1); TW(1, 0xffffffff, 1); TW(31, 0, 0); TW(0, 1, 2);
    TWI(4, 7, 7); TWI(24, 3, 3); TWI(5, 0x80000000, -1); TWI(6, 0x80000000, -1);
    exc_hooks[6] = 0;
}

/* isel rT,rA,rB,BC with the CR set to crv; RA=0 selects the value 0.  An
 * implementation without isel takes a program interrupt (illegal): the hook
 * skips the instruction and the line says so. */
#define ISEL(bc, crv) do { uint32_t d_ = 0, z_ = 0, c_ = (crv); trap_count = 0; \
    __asm__ volatile("mtcrf 0xff,%2\n\tisel %0,%3,%4," #bc "\n\tisel %1,0,%4," #bc \
        : "+&r"(d_), "+&r"(z_) : "r"(c_), "r"(0x11111111u), "r"(0x22222222u) : "cc", "memory"); \
    if (trap_count) pr("isel " #bc " cr=%x -> program interrupt x%d esr=%x\n", c_, trap_count, trap_esr); \
    else pr("isel " #bc " cr=%x -> %x ra0 -> %x\n", c_, d_, z_); } while (0)

static void select_(void)
{
    pr("-- isel\n");
    exc_hooks[6] = prog_hook;
    ISEL(0, 0x80000000); ISEL(0, 0x7fffffff); ISEL(31, 0x00000001); ISEL(31, 0xfffffffe);
    ISEL(10, 0x00200000); ISEL(10, 0xffdfffff);
    exc_hooks[6] = 0;
}

int main(void)
{
    pr("integer: PPC440 fixed-point tests\n");
    arith();
    muldiv();
    rotshift();
    logical();
    compare_cr();
    loadstore();
    atomic_cache();
    traps();
    select_();
    pr("integer: done\n");
    return 0;
}
