/* fpu.c - PPC440 FPU (Book I floating point) semantics with all FP
 * exceptions disabled (MSR[FE0]=MSR[FE1]=0, FPSCR enables = 0).
 * FPR values and the FPSCR are printed in hex.  The FPSCR is reset with
 * mtfsf 0xff (to 0, plus the current RN) before every operation.
 * Values the architecture leaves undefined are not printed:
 *   - FRT[0:31] after fctiw/fctiwz and mffs (only the low word is shown),
 *   - FPSCR[FPRF] after fctiw/fctiwz (masked out, shown as "(FPRF masked)"),
 *   - FPSCR[FR] after an overflow/underflow result (masked, "(FR masked)").
 * fres/frsqrte (estimates, implementation-dependent precision) and
 * fsqrt/fsqrts (not implemented by the 440 FPU) are not tested. */
#include "lib.h"

typedef union { uint64_t u; double d; } du;

#define FX     0x80000000u
#define FPRF_M 0x0001f000u
#define FR_M   0x00040000u

static uint32_t rn;     /* current rounding mode, re-applied on every reset */

static inline void fpscr_set(uint32_t v)
{
    du x = { .u = v };
    __asm__ volatile("mtfsf 0xff,%0" :: "d"(x.d));
}
static inline uint32_t fpscr_get(void)
{
    du x;
    __asm__ volatile("mffs %0" : "=d"(x.d));
    return (uint32_t)x.u;
}

/* FRT <- FRA op FRB */
#define F2(insn, a, b) do { du r_, a_ = { .u = (a) }, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1,%2" : "=d"(r_.d) : "d"(a_.d), "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L %L -> %L fpscr=%x\n", insn, a_.u, b_.u, r_.u, s_); } while (0)
/* FRT <- FRA op FRB, FR masked (overflow/underflow results) */
#define F2M(insn, a, b) do { du r_, a_ = { .u = (a) }, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1,%2" : "=d"(r_.d) : "d"(a_.d), "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L %L -> %L fpscr=%x (FR masked)\n", insn, a_.u, b_.u, r_.u, s_ & ~FR_M); } while (0)
/* multiply-add family: FRT <- FRA * FRC +/- FRB */
#define F3(insn, a, c, b) do { du r_, a_ = { .u = (a) }, c_ = { .u = (c) }, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1,%2,%3" : "=d"(r_.d) : "d"(a_.d), "d"(c_.d), "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L %L %L -> %L fpscr=%x\n", insn, a_.u, c_.u, b_.u, r_.u, s_); } while (0)
/* FRT <- op FRB */
#define F1(insn, b) do { du r_, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1" : "=d"(r_.d) : "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L -> %L fpscr=%x\n", insn, b_.u, r_.u, s_); } while (0)
#define F1M(insn, b) do { du r_, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1" : "=d"(r_.d) : "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L -> %L fpscr=%x (FR masked)\n", insn, b_.u, r_.u, s_ & ~FR_M); } while (0)
/* convert to integer word: FRT[32:63] only, FPRF masked */
#define FCTI(insn, b) do { du r_, b_ = { .u = (b) }; uint32_t s_; \
    fpscr_set(rn); \
    __asm__ volatile(insn " %0,%1" : "=d"(r_.d) : "d"(b_.d)); \
    s_ = fpscr_get(); \
    pr("%s %L -> ........%x fpscr=%x (FPRF masked)\n", insn, b_.u, (uint32_t)r_.u, s_ & ~FPRF_M); } while (0)
/* compare into CR field bf */
#define FCMP(insn, bf, a, b) do { du a_ = { .u = (a) }, b_ = { .u = (b) }; uint32_t s_, c_; \
    fpscr_set(rn); \
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\t" insn " " #bf ",%1,%2\n\tmfcr %0" \
        : "=&r"(c_) : "d"(a_.d), "d"(b_.d) : "cc"); \
    s_ = fpscr_get(); \
    pr("%s " #bf ",%L,%L -> cr=%x fpscr=%x\n", insn, a_.u, b_.u, c_, s_); } while (0)

#define ONE   0x3ff0000000000000ull
#define TWO   0x4000000000000000ull
#define THREE 0x4008000000000000ull
#define TEN   0x4024000000000000ull
#define HALF  0x3fe0000000000000ull
#define QTR   0x3fd0000000000000ull
#define ONEP5 0x3ff8000000000000ull
#define MONE  0xbff0000000000000ull
#define PZERO 0x0000000000000000ull
#define NZERO 0x8000000000000000ull
#define PINF  0x7ff0000000000000ull
#define NINF  0xfff0000000000000ull
#define QNAN  0x7ff8000000000000ull
#define QNAN1 0x7ff8123400000000ull
#define QNAN2 0xfff8567800000000ull
#define SNAN  0x7ff0000000000001ull
#define SNAN2 0xfff4abcd00000000ull
#define DMIN  0x0000000000000001ull
#define DEN2  0x0000000000000002ull
#define DMAXD 0x000fffffffffffffull
#define DBL_MAX 0x7fefffffffffffffull
#define E300  0x7e37e43c8800759cull
#define EM300 0x01a56e1fc2f8f359ull
#define P2_5  0x4004000000000000ull
#define M2_5  0xc004000000000000ull
#define P3_5  0x400c000000000000ull
#define P2_7  0x400599999999999aull
#define E10   0x4202a05f20000000ull
#define ME10  0xc202a05f20000000ull
#define ONEPU 0x3ff0000000000001ull   /* 1 + 2^-52 */
#define ONEMU 0x3feffffffffffffeull   /* 1 - 2^-52 */
#define THIRD 0x3fd5555555555555ull
#define FLT_MAXD 0x47efffffe0000000ull

static void arith(void)
{
    pr("-- arithmetic (RN=0)\n");
    F2("fadd", ONE, TWO);
    F2("fadd", ONE, MONE);
    F2("fadd", NZERO, NZERO);
    F2("fadd", PINF, NINF);
    F2("fadd", QNAN1, ONE);
    F2("fadd", ONE, QNAN2);
    F2("fadd", QNAN1, QNAN2);
    F2("fadd", SNAN, ONE);
    F2("fadd", QNAN1, SNAN2);
    F2("fadd", DMIN, DMIN);
    F2("fsub", ONE, ONE);
    F2("fsub", PINF, PINF);
    F2("fsub", DMAXD, DMIN);
    F2("fsub", ONE, ONEPU);
    F2("fmul", THREE, HALF);
    F2("fmul", PZERO, PINF);
    F2("fmul", NZERO, TWO);
    F2("fmul", ONEPU, ONEMU);
    F2("fmul", DEN2, HALF);
    F2M("fmul", DMIN, HALF);
    F2M("fmul", E300, E300);
    F2M("fmul", EM300, EM300);
    F2("fdiv", ONE, THREE);
    F2("fdiv", ONE, TEN);
    F2("fdiv", ONE, PZERO);
    F2("fdiv", MONE, PZERO);
    F2("fdiv", PZERO, PZERO);
    F2("fdiv", PINF, NINF);
    F2("fdiv", ONE, PINF);
    F2("fdiv", SNAN, PZERO);
    pr("-- single precision\n");
    F2("fadds", ONE, TWO);
    F2("fadds", ONE, 0x3e10000000000000ull);     /* 1 + 2^-30: inexact in single */
    F2("fsubs", ONE, THIRD);
    F2("fmuls", THIRD, THREE);
    F2("fdivs", ONE, THREE);
    F2("fdivs", ONE, TEN);
    F2M("fmuls", FLT_MAXD, TWO);
    F2("fadds", QNAN1, ONE);
    F2("fadds", SNAN2, ONE);
    F2("fdivs", PZERO, PZERO);
    pr("-- multiply-add\n");
    F3("fmadd", ONEP5, TWO, QTR);
    F3("fmsub", ONEP5, TWO, QTR);
    F3("fnmadd", ONEP5, TWO, QTR);
    F3("fnmsub", ONEP5, TWO, QTR);
    F3("fmadd", ONEPU, ONEMU, MONE);
    F3("fmsub", ONEPU, ONEMU, ONE);
    F3("fmadd", PINF, ONE, NINF);
    F3("fmadd", PZERO, PINF, ONE);
    F3("fnmadd", ONE, ONE, QNAN1);
    F3("fnmsub", QNAN1, ONE, ONE);
    F3("fmadd", ONE, QNAN1, QNAN2);
    F3("fmadd", QNAN2, QNAN1, ONE);
    F3("fmadd", ONE, ONE, SNAN);
    F3("fnmadd", ONE, MONE, ONE);
    F3("fmadds", ONEP5, TWO, QTR);
    F3("fmsubs", THIRD, THREE, ONE);
    F3("fnmadds", ONE, THIRD, PZERO);
    F3("fnmsubs", ONE, THIRD, PZERO);
    F3("fmadds", ONEPU, ONEMU, MONE);
}

static void moves_convert(void)
{
    pr("-- move/sign/round/convert\n");
    F1("fmr", SNAN);
    F1("fabs", QNAN2);
    F1("fabs", NZERO);
    F1("fnabs", ONE);
    F1("fnabs", QNAN1);
    F1("fneg", PZERO);
    F1("fneg", SNAN2);
    F1("frsp", THIRD);
    F1("frsp", ONE);
    F1("frsp", 0x3ff0000010000000ull);   /* exactly half an ulp: tie, even */
    F1("frsp", 0x3ff0000030000000ull);   /* tie, rounds up to even */
    F1("frsp", SNAN);
    F1("frsp", QNAN1);
    F1("frsp", NINF);
    F1M("frsp", E300);
    F1M("frsp", DMAXD);
    F1("frsp", 0x36a0000000000000ull);   /* 2^-149: single denormal, exact */
    FCTI("fctiw", P2_5);
    FCTI("fctiw", M2_5);
    FCTI("fctiw", P3_5);
    FCTI("fctiw", P2_7);
    FCTI("fctiwz", P2_7);
    FCTI("fctiwz", 0xc005ffffffffffffull);
    FCTI("fctiw", E10);
    FCTI("fctiw", ME10);
    FCTI("fctiw", 0xc1e0000000000000ull);  /* -2^31 exactly */
    FCTI("fctiw", 0x41dfffffffc00000ull);  /* 2^31 - 1 exactly */
    FCTI("fctiw", QNAN);
    FCTI("fctiw", SNAN);
    FCTI("fctiwz", PINF);
    FCTI("fctiwz", NINF);
    FCTI("fctiw", NZERO);
    F3("fsel", ONE, TWO, THREE);
    F3("fsel", NZERO, TWO, THREE);
    F3("fsel", MONE, TWO, THREE);
    F3("fsel", QNAN, TWO, THREE);
}

static void rounding(void)
{
    static const char *names[4] = {"nearest", "zero", "+inf", "-inf"};
    for (rn = 0; rn < 4; rn++) {
        pr("-- rounding mode RN=%d (%s)\n", rn, names[rn]);
        F2("fdiv", ONE, THREE);
        F2("fdiv", ONE, TEN);
        F2("fdiv", MONE, TEN);
        F2("fdivs", MONE, THREE);
        F2("fsub", ONE, ONE);
        F3("fmadd", ONEPU, ONEMU, MONE);
        F2M("fmul", DBL_MAX, TWO);
        F2M("fmul", NZERO ^ DBL_MAX, TWO);
        FCTI("fctiw", P2_5);
        FCTI("fctiw", M2_5);
        F1("frsp", THIRD);
    }
    rn = 0;
}

static void compares(void)
{
    pr("-- compares\n");
    FCMP("fcmpu", 0, ONE, TWO);
    FCMP("fcmpu", 1, TWO, ONE);
    FCMP("fcmpu", 2, PZERO, NZERO);
    FCMP("fcmpu", 3, NINF, PINF);
    FCMP("fcmpu", 4, PINF, PINF);
    FCMP("fcmpu", 5, DMIN, PZERO);
    FCMP("fcmpu", 6, QNAN, ONE);
    FCMP("fcmpu", 7, ONE, SNAN);
    FCMP("fcmpo", 0, ONE, TWO);
    FCMP("fcmpo", 1, NZERO, PZERO);
    FCMP("fcmpo", 2, DMAXD, DMIN);
    FCMP("fcmpo", 3, QNAN, ONE);
    FCMP("fcmpo", 4, ONE, QNAN2);
    FCMP("fcmpo", 5, SNAN, ONE);
    FCMP("fcmpo", 6, QNAN1, SNAN2);
    FCMP("fcmpo", 7, NINF, NINF);
}

#define SHOWFP(what) pr("%s -> fpscr=%x\n", what, fpscr_get())
static void fpscr_ops(void)
{
    du x;
    uint32_t c;
    pr("-- FPSCR instructions\n");
    /* every line starts from an FPSCR value written with mtfsf */
#define FROM(v) do { x.u = (v); __asm__ volatile("mtfsf 0xff,%0" :: "d"(x.d)); } while (0)
    FROM(0);          __asm__ volatile("mtfsb1 3");  SHOWFP("fpscr=0; mtfsb1 3 (OX)");
    FROM(0x10000000); __asm__ volatile("mtfsb0 3");  SHOWFP("fpscr=10000000; mtfsb0 3 (OX)");
    FROM(0x90000000); __asm__ volatile("mtfsb0 0");  SHOWFP("fpscr=90000000; mtfsb0 0 (FX)");
    FROM(0);          __asm__ volatile("mtfsb1 7");  SHOWFP("fpscr=0; mtfsb1 7 (VXSNAN)");
    FROM(0x81000000); __asm__ volatile("mtfsb1 24"); SHOWFP("fpscr=81000000; mtfsb1 24 (VE)");
    FROM(0x81000080); __asm__ volatile("mtfsb0 7");  SHOWFP("fpscr=81000080; mtfsb0 7 (VXSNAN)");
    FROM(0x81000080); __asm__ volatile("mtfsb0 24"); SHOWFP("fpscr=81000080; mtfsb0 24 (VE)");
    FROM(0);          __asm__ volatile("mtfsb1 0");  SHOWFP("fpscr=0; mtfsb1 0 (FX)");
    FROM(0);          __asm__ volatile("mtfsb1 31"); SHOWFP("fpscr=0; mtfsb1 31 (RN lsb)");
    FROM(0);          __asm__ volatile("mtfsb1 25"); SHOWFP("fpscr=0; mtfsb1 25 (OE)");
    FROM(0);
    __asm__ volatile("mtfsfi 7,3"); SHOWFP("mtfsfi 7,3");
    __asm__ volatile("mtfsfi 0,15"); SHOWFP("mtfsfi 0,15");
    __asm__ volatile("mtfsfi 1,1"); SHOWFP("mtfsfi 1,1");
    __asm__ volatile("mtfsfi 6,4"); SHOWFP("mtfsfi 6,4");
    __asm__ volatile("mtfsfi 0,0"); SHOWFP("mtfsfi 0,0");
    __asm__ volatile("mtfsfi 1,0"); SHOWFP("mtfsfi 1,0");
    __asm__ volatile("mtfsfi 6,0"); SHOWFP("mtfsfi 6,0");
    __asm__ volatile("mtfsfi 7,0"); SHOWFP("mtfsfi 7,0");
    x.u = 0xfffff7ffull;
    __asm__ volatile("mtfsf 0xff,%0" :: "d"(x.d)); SHOWFP("mtfsf 0xff,fffff7ff");
    x.u = 0;
    __asm__ volatile("mtfsf 0x81,%0" :: "d"(x.d)); SHOWFP("mtfsf 0x81,0");
    __asm__ volatile("mtfsf 0x7e,%0" :: "d"(x.d)); SHOWFP("mtfsf 0x7e,0");
    x.u = 0x60000000ull;
    __asm__ volatile("mtfsf 0x80,%0" :: "d"(x.d)); SHOWFP("mtfsf 0x80,60000000");
    x.u = 0x12345678ull;
    __asm__ volatile("mtfsf 0x3c,%0" :: "d"(x.d)); SHOWFP("mtfsf 0x3c,12345678");
    FROM(0x90000000);
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmcrfs 2,0\n\tmfcr %0" : "=&r"(c) :: "cc");
    pr("fpscr=90000000; mcrfs 2,0 -> cr=%x fpscr=%x\n", c, fpscr_get());
    FROM(0x85000000);
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmcrfs 3,1\n\tmfcr %0" : "=&r"(c) :: "cc");
    pr("fpscr=85000000; mcrfs 3,1 -> cr=%x fpscr=%x\n", c, fpscr_get());
    FROM(0x800000a2);
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmcrfs 4,7\n\tmcrfs 5,6\n\tmcrfs 6,0\n\tmfcr %0" : "=&r"(c) :: "cc");
    pr("fpscr=800000a2; mcrfs 4,7; mcrfs 5,6; mcrfs 6,0 -> cr=%x fpscr=%x\n", c, fpscr_get());
    FROM(0x80086000);
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmcrfs 1,3\n\tmfcr %0" : "=&r"(c) :: "cc");
    pr("fpscr=80086000; mcrfs 1,3 -> cr=%x fpscr=%x\n", c, fpscr_get());
    FROM(0x80000100);
    __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tmcrfs 7,5\n\tmfcr %0" : "=&r"(c) :: "cc");
    pr("fpscr=80000100; mcrfs 7,5 -> cr=%x fpscr=%x\n", c, fpscr_get());
    fpscr_set(0);
    /* Rc=1 forms copy FPSCR[FX,FEX,VX,OX] into CR1 */
    {
        du a = { .u = PINF }, b = { .u = NINF }, r;
        __asm__ volatile("li %0,0\n\tmtcrf 0xff,%0\n\tfadd. %1,%2,%3\n\tmfcr %0" : "=&r"(c), "=d"(r.d) : "d"(a.d), "d"(b.d) : "cc");
        pr("fadd. inf,-inf -> %L cr=%x fpscr=%x\n", r.u, c, fpscr_get());
    }
    fpscr_set(0);
}

static uint8_t buf[64] __attribute__((aligned(16)));
#define BW(i) (*(volatile uint32_t *)&buf[i])
static void putw(int i, uint32_t v) { *(volatile uint32_t *)&buf[i] = v; }

static void loadstore(void)
{
    du r;
    uint8_t *p;
    pr("-- FP load/store\n");
    putw(0, 0x3fa00000); putw(4, 0x00000001); putw(8, 0x7f800001); putw(12, 0xff7fffff);
    putw(16, 0x3ff00000); putw(20, 0x00000001); putw(24, 0xfff00000); putw(28, 0x00000001);
    for (int i = 0; i < 16; i += 4) {
        __asm__ volatile("lfs %0,0(%1)" : "=d"(r.d) : "b"(buf + i));
        pr("lfs %x -> %L\n", BW(i), r.u);
    }
    p = buf;
    __asm__ volatile("lfsu %0,4(%1)" : "=d"(r.d), "+b"(p));
    pr("lfsu 4 -> %L ra=base+%x\n", r.u, (uint32_t)(p - buf));
    p = buf;
    __asm__ volatile("lfsx %0,%1,%2" : "=d"(r.d) : "b"(p), "r"(8));
    pr("lfsx 8 -> %L\n", r.u);
    p = buf;
    __asm__ volatile("lfsux %0,%1,%2" : "=d"(r.d), "+b"(p) : "r"(12));
    pr("lfsux 12 -> %L ra=base+%x\n", r.u, (uint32_t)(p - buf));
    __asm__ volatile("lfd %0,16(%1)" : "=d"(r.d) : "b"(buf));
    pr("lfd 16 -> %L\n", r.u);
    p = buf;
    __asm__ volatile("lfdu %0,24(%1)" : "=d"(r.d), "+b"(p));
    pr("lfdu 24 -> %L ra=base+%x\n", r.u, (uint32_t)(p - buf));
    p = buf;
    __asm__ volatile("lfdx %0,%1,%2" : "=d"(r.d) : "b"(p), "r"(16));
    pr("lfdx 16 -> %L\n", r.u);
    p = buf;
    __asm__ volatile("lfdux %0,%1,%2" : "=d"(r.d), "+b"(p) : "r"(24));
    pr("lfdux 24 -> %L ra=base+%x\n", r.u, (uint32_t)(p - buf));

    static const uint64_t sv[] = {THIRD, ONE, SNAN, QNAN2, 0x3810000000000000ull /* 2^-126 */,
                                  0x3800000000000000ull /* 2^-127: denormal */, 0x36a0000000000000ull,
                                  E300, NZERO, NINF};
    for (unsigned i = 0; i < sizeof(sv) / sizeof(sv[0]); i++) {
        r.u = sv[i];
        putw(32, 0xdeadbeef);
        __asm__ volatile("stfs %0,32(%1)" :: "d"(r.d), "b"(buf) : "memory");
        pr("stfs %L -> %x\n", r.u, BW(32));
    }
    r.u = 0x4002000000000000ull;
    p = buf;
    __asm__ volatile("stfsu %1,36(%0)" : "+b"(p) : "d"(r.d) : "memory");
    pr("stfsu %L -> %x ra=base+%x\n", r.u, BW(36), (uint32_t)(p - buf));
    r.u = ONE;
    __asm__ volatile("stfsx %0,%1,%2" :: "d"(r.d), "b"(buf), "r"(40) : "memory");
    pr("stfsx %L -> %x\n", r.u, BW(40));
    r.u = SNAN;
    __asm__ volatile("stfd %0,48(%1)" :: "d"(r.d), "b"(buf) : "memory");
    pr("stfd %L -> %x%x\n", r.u, BW(48), BW(52));
    r.u = QNAN2;
    p = buf;
    __asm__ volatile("stfdu %1,48(%0)" : "+b"(p) : "d"(r.d) : "memory");
    pr("stfdu %L -> %x%x ra=base+%x\n", r.u, BW(48), BW(52), (uint32_t)(p - buf));
    r.u = DMIN;
    __asm__ volatile("stfdx %0,%1,%2" :: "d"(r.d), "b"(buf), "r"(48) : "memory");
    pr("stfdx %L -> %x%x\n", r.u, BW(48), BW(52));
    r.u = NZERO;
    p = buf;
    __asm__ volatile("stfdux %1,%0,%2" : "+b"(p) : "d"(r.d), "r"(48) : "memory");
    pr("stfdux %L -> %x%x ra=base+%x\n", r.u, BW(48), BW(52), (uint32_t)(p - buf));
    r.u = 0xfedcba9876543210ull;
    __asm__ volatile("stfiwx %0,%1,%2" :: "d"(r.d), "b"(buf), "r"(56) : "memory");
    pr("stfiwx %L -> %x\n", r.u, BW(56));
}

static void __attribute__((noinline)) tests(void)
{
    arith();
    moves_convert();
    rounding();
    compares();
    fpscr_ops();
    loadstore();
}

int main(void)
{
    pr("fpu: PPC440 floating-point tests\n");
    /* enable the FPU before any code that may touch FPRs (tests() saves
     * non-volatile FPRs in its prologue) */
    mtmsr(mfmsr() | MSR_FP);
    pr("msr.fp=%d\n", (mfmsr() & MSR_FP) ? 1 : 0);
    tests();
    pr("fpu: done\n");
    return 0;
}
