/* fpexc.c - enabled floating-point exceptions on the PPC440 FPU:
 * results and FPSCR with FPSCR[VE,OE,UE,ZE,XE] set (Power ISA 2.06 Book I
 * 4.4.1-4.4.6), first with MSR[FE0,FE1] = 0 (no interrupt), then with
 * MSR[FE0,FE1] != 0, where every enabled exception takes a Floating-Point
 * Enabled Program interrupt (PPC440x5 manual 6.5.7): SRR0 is printed as an
 * offset from a label on the instruction, ESR in hex, plus the FE bits of
 * SRR1, then FRT, the FPSCR and CR fields 1 and 3 as the handler's return
 * finds them.
 * The handler skips the instruction and returns with MSR[FE0,FE1] = 0.
 * FR after a disabled overflow is undefined and not printed. */
#include "lib.h"

typedef union { uint64_t u; double d; } du;

#define MARK 0x0000000000001234ull /* FRT before the instruction: "unchanged" */

static volatile struct { uint32_t count, srr0, srr1, esr; } last;

static void prog_hook(struct frame *f)
{
    if (!last.count++) {
        last.srr0 = f->srr0;
        last.srr1 = f->srr1;
        last.esr = f->esr;
    }
    if (!(f->esr & 0x00010000u))            /* ESR[PIE]: SRR0 is already past the cause */
        f->srr0 += 4;
    f->srr1 &= ~(MSR_FE0 | MSR_FE1 | 0x001e0000u); /* no re-trigger; QEMU's SRR1 cause bits */
}

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
static inline uint32_t cr_get(void) { uint32_t v; __asm__ volatile("mfcr %0" : "=r"(v)); return v; }
static inline void cr_set(uint32_t v) { __asm__ volatile("mtcrf 0xff,%0" :: "r"(v)); }

static uint32_t base_msr;

static void arm(int fe)
{
    last.count = 0;
    last.srr0 = last.srr1 = last.esr = 0xffffffff;
    mtspr(SPRN_ESR, 0);
    cr_set(0);
    mtmsr(base_msr | (fe ? MSR_FE0 | MSR_FE1 : 0));
}

static void report(const char *what, uint32_t at, uint64_t frt, uint32_t fpscr)
{
    uint32_t cr = cr_get() & 0x0f0f0000u; /* CR1 and CR3 only: CR0 belongs to the compiler */
    mtmsr(base_msr);
    pr("%s -> frt=%L fpscr=%x cr=%x", what, frt, fpscr, cr);
    if (last.count)
        pr(" int=%d srr0=label+%x esr=%x fe=%x\n", last.count, last.srr0 - at, last.esr,
           last.srr1 & (MSR_FE0 | MSR_FE1));
    else
        pr(" int=0\n");
}

/* FRT <- FRA op FRB with FPSCR = fpscr before, MSR[FE] per fe; label on the instruction */
#define X2(fe, insn, fpscr, a, b) do { du r_ = { .u = MARK }, a_ = { .u = (a) }, b_ = { .u = (b) }; \
    uint32_t at_, s_; fpscr_set(fpscr); arm(fe); \
    __asm__ volatile("lis %1,1f@ha\n\taddi %1,%1,1f@l\n1:\t" insn " %0,%2,%3" \
                     : "+d"(r_.d), "=&b"(at_) : "d"(a_.d), "d"(b_.d) : "cr1"); \
    s_ = fpscr_get(); \
    report(insn " " #fpscr " " #a " " #b, at_, r_.u, s_); } while (0)
#define X3(fe, insn, fpscr, a, c, b) do { du r_ = { .u = MARK }, a_ = { .u = (a) }, c_ = { .u = (c) }, b_ = { .u = (b) }; \
    uint32_t at_, s_; fpscr_set(fpscr); arm(fe); \
    __asm__ volatile("lis %1,1f@ha\n\taddi %1,%1,1f@l\n1:\t" insn " %0,%2,%3,%4" \
                     : "+d"(r_.d), "=&b"(at_) : "d"(a_.d), "d"(c_.d), "d"(b_.d) : "cr1"); \
    s_ = fpscr_get(); \
    report(insn " " #fpscr " " #a " " #c " " #b, at_, r_.u, s_); } while (0)
#define X1(fe, insn, fpscr, b) do { du r_ = { .u = MARK }, b_ = { .u = (b) }; \
    uint32_t at_, s_; fpscr_set(fpscr); arm(fe); \
    __asm__ volatile("lis %1,1f@ha\n\taddi %1,%1,1f@l\n1:\t" insn " %0,%2" \
                     : "+d"(r_.d), "=&b"(at_) : "d"(b_.d) : "cr1"); \
    s_ = fpscr_get(); \
    report(insn " " #fpscr " " #b, at_, r_.u, s_); } while (0)
/* fcmpu/fcmpo into CR field 3 */
#define XC(fe, insn, fpscr, a, b) do { du a_ = { .u = (a) }, b_ = { .u = (b) }; \
    uint32_t at_, s_; fpscr_set(fpscr); arm(fe); \
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\t" insn " 3,%1,%2" \
                     : "=&b"(at_) : "d"(a_.d), "d"(b_.d) : "cr3"); \
    s_ = fpscr_get(); \
    report(insn " 3 " #fpscr " " #a " " #b, at_, MARK, s_); } while (0)
/* an FPSCR instruction (no FPR operand) */
#define XS(fe, text, fpscr) do { uint32_t at_, s_; fpscr_set(fpscr); arm(fe); \
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\t" text : "=&b"(at_) :: "cr1"); \
    s_ = fpscr_get(); \
    report(text " " #fpscr, at_, MARK, s_); } while (0)

#define ONE    0x3ff0000000000000ull
#define TWO    0x4000000000000000ull
#define PINF   0x7ff0000000000000ull
#define SNAN   0x7ff0000000000001ull
#define QNAN   0x7ff8000000000000ull
#define ZERO   0x0000000000000000ull
#define P1000  0x7e70000000000000ull /* 2^1000 */
#define P100   0x4630000000000000ull /* 2^100 */
#define M100   0x39b0000000000000ull /* 2^-100 */
#define M1000  0x0170000000000000ull /* 2^-1000 */
#define M30    0x3e10000000000000ull /* 2^-30 */
#define M60    0x3c30000000000000ull /* 2^-60 */
#define P200   0x4c70000000000000ull /* 2^200 */
#define DENMIN 0x0000000000000001ull /* 2^-1074 */
#define DMAX   0x7fefffffffffffffull
#define P970   0x7c90000000000000ull /* 2^970 */

#define VE 0x80
#define OE 0x40
#define UE 0x20
#define ZE 0x10
#define XE 0x08

/* separate from main: its prologue saves non-volatile FPRs, which needs MSR[FP] */
static void __attribute__((noinline)) tests(void)
{
    pr("-- MSR[FE0,FE1]=0: results and FPSCR\n");
    X2(0, "fsub", VE, PINF, PINF);               /* VXISI, FRT unchanged */
    X2(0, "fsub", VE | 0x20800000, PINF, PINF);  /* again, VX VXISI already set */
    X2(0, "fadd", VE | 0x00004000, SNAN, ONE);   /* FPRF (+normal) unchanged */
    X3(0, "fmadd", VE, PINF, ZERO, SNAN);        /* VXSNAN and VXIMZ */
    X1(0, "fctiw", VE, SNAN);
    X2(0, "fdiv", ZE | 0x00064000, ONE, ZERO);   /* FR FI cleared, FPRF unchanged */
    X2(0, "fmul", OE, P1000, P100);              /* 2^1100 -> 2^-436 */
    X2(0, "fadd", OE, DMAX, DMAX);
    X2(0, "fadd", OE, DMAX, P970);               /* tie -> 2^1024 -> 2^-512 */
    X2(0, "fadd", OE | 1, DMAX, P970);           /* RZ: MAX, no overflow */
    X2(0, "fdiv", OE, P1000, M100);
    X3(0, "fmadd", OE, P1000, P100, ONE);
    X2(0, "fmuls", OE, P100, P100);              /* 2^200 -> 2^8 */
    X1(0, "frsp", OE, P200);
    X2(0, "fmul", UE, M1000, M100);              /* 2^-1100 -> 2^436 */
    X2(0, "fadd", UE, DENMIN, ZERO);             /* exact but tiny */
    X2(0, "fdiv", UE, M1000, P100);
    X2(0, "fmuls", UE, M100, M30);               /* 2^-130 -> 2^62 */
    X2(0, "fadd", XE, ONE, M60);
    X2(0, "fadd", 0, ONE, M60);
    XS(0, "mtfsb0 3", 0xd0000040);               /* clears OX: FEX recomputed to 0 */

    pr("-- MSR[FE0,FE1]=11: Floating-Point Enabled Program interrupt\n");
    X2(1, "fsub", VE, PINF, PINF);
    X2(1, "fsub.", VE, PINF, PINF);
    X2(1, "fadd", VE, SNAN, ONE);
    XC(1, "fcmpu", VE, SNAN, ONE);
    XC(1, "fcmpo", VE, QNAN, ONE);
    XC(1, "fcmpu", 0, SNAN, ONE);                /* VE=0: no FEX, no interrupt */
    X2(1, "fdiv", ZE, ONE, ZERO);
    X2(1, "fmul", OE, P1000, P100);
    X2(1, "fmul", UE, M1000, M100);
    X2(1, "fadd", XE, ONE, M60);
    X2(1, "fadd", 0, ONE, M60);                  /* XE=0: no interrupt */
    XS(1, "mtfsb1 5", ZE);                       /* ZX with ZE */
    XS(1, "mtfsb1 25", 0x90000000);              /* OE while OX is set */
    XS(1, "mtfsfi 6,8", 0xa1000000);             /* VE while VXSNAN is set */
    XS(1, "mtfsb1. 6", XE);

    pr("-- MSR[FE0,FE1] 0 -> 11 while FEX=1\n");
    {
        uint32_t at, s;
        fpscr_set(0x44000010u);                  /* FEX ZX ZE */
        arm(0);
        __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n\tmtmsr %1\n1:\tnop"
                         : "=&b"(at) : "r"(base_msr | MSR_FE0 | MSR_FE1));
        s = fpscr_get();
        report("mtmsr fe=11 (srr0 label = the instruction after mtmsr)", at, MARK, s);
    }
}

int main(void)
{
    exc_hooks[6] = prog_hook;
    base_msr = mfmsr() | MSR_FP;
    mtmsr(base_msr);
    tests();
    pr("done\n");
    return 0;
}
