/* interrupts.c - Book E interrupt behaviour on the PPC440: system call,
 * program interrupts (illegal, privileged, trap), FP unavailable,
 * alignment, decrementer (one-shot and auto-reload) and rfi.
 * SRR0 is printed as an offset from a label at the faulting/next
 * instruction so absolute addresses do not matter. */
#include "lib.h"

static volatile struct { uint32_t count, vec, srr0, srr1, esr, dear; } last;
static volatile uint32_t ret_super;   /* sc handler: return to supervisor */
static volatile uint32_t dec_count, dec_srr1, dec_tsr;

static void record(struct frame *f)
{
    if (last.count++)
        return;                 /* keep the first interrupt of a test */
    last.vec = f->vec;
    last.srr0 = f->srr0;
    last.srr1 = f->srr1;
    last.esr = f->esr;
    last.dear = f->dear;
}
static void skip_hook(struct frame *f) { record(f); f->srr0 += 4; }
/* Program interrupt: QEMU 7.2 ORs cause bits (0x00020000 trap, 0x00040000
 * privileged, 0x00080000 illegal, 0x00100000 FP) into SRR1; on the 440 those
 * positions are MSR[CE], MSR[WE] and reserved bits.  The printed SRR1 is
 * the raw value; before returning we restore the real MSR image (no test
 * here runs with CE or WE set) so that the deviation does not cascade. */
static void prog_hook(struct frame *f)
{
    record(f);
    f->srr0 += 4;
    f->srr1 &= ~0x001e0000u;
}
static void sc_hook(struct frame *f)
{
    record(f);
    if (ret_super) {
        f->srr1 &= ~MSR_PR;
        ret_super = 0;
    }
}
static void dec_hook(struct frame *f)
{
    dec_count++;
    dec_srr1 = f->srr1;
    dec_tsr = mfspr(SPRN_TSR);
    mtspr(SPRN_TSR, 0x08000000);       /* write-1-to-clear TSR[DIS] */
    if (dec_count >= 3)
        mtspr(SPRN_TCR, 0);            /* stop after three interrupts */
}

/* set the MSR through rfi (QEMU 7.2's mtmsr does not alter MSR[ME]) */
static void set_msr(uint32_t v)
{
    __asm__ volatile("lis 3,1f@ha\n\taddi 3,3,1f@l\n\tmtsrr0 3\n\tmtsrr1 %0\n\trfi\n1:"
                     :: "r"(v) : "r3", "memory");
}

static void clear(void)
{
    last.count = 0;
    last.vec = last.srr0 = last.srr1 = last.esr = last.dear = 0xffffffff;
    mtspr(SPRN_ESR, 0);
}
static void show(const char *what, uint32_t label, int with_esr)
{
    if (last.count == 0) {
        pr("%s: no interrupt\n", what);
        return;
    }
    pr("%s: count=%d vec=%d srr0=label+%x srr1=%x", what, last.count, last.vec,
       last.srr0 - label, last.srr1);
    if (with_esr)
        pr(" esr=%x", last.esr);
    pr("\n");
}

static void test_sc(void)
{
    uint32_t l;
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tsc" : "=&b"(l) :: "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "cc", "ctr", "lr");
    show("sc (supervisor)", l, 0);
    clear();
    __asm__ volatile("li 3,0x1234\n\tlis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tsc\n\tmr %0,3\n\tlis %0,1b@ha\n\taddi %0,%0,1b@l" : "=&b"(l) :: "memory", "r3", "cc");
    show("sc (r3 preserved)", l, 0);
}

/* enter user mode at label 1 with MSR = PR|ME (|extra), run 'body', then
 * return to supervisor through sc */
#define USER(extra, body, lbl) do { clear(); ret_super = 1; \
    __asm__ volatile("lis 3,1f@ha\n\taddi 3,3,1f@l\n\tmtsrr0 3\n\tlis 3,%1@h\n\tori 3,3,%1@l\n\tmtsrr1 3\n\t" \
        "lis %0,2f@ha\n\taddi %0,%0,2f@l\n\trfi\n1:\t" \
        "2:\t" body "\n\tsc" : "=&b"(lbl) : "i"(MSR_PR | MSR_ME | (extra)) : "memory", "r3", "r4", "cc"); } while (0)

static void test_program(void)
{
    uint32_t l, msr;
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\t.long 0" : "=&b"(l) :: "memory");
    show("illegal opcode 0", l, 1);
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\ttw 31,0,0" : "=&b"(l) :: "memory");
    show("tw 31,0,0", l, 1);
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\ttwi 4,%0,0" : "=&b"(l) :: "memory");
    show("twi 4 (no trap)", l, 1);

    USER(0, "mfmsr 4", l);
    show("user mfmsr", l, 1);
    USER(0, "mtmsr 4", l);
    show("user mtmsr", l, 1);
    USER(0, "mfspr 4,26", l);
    show("user mfspr SRR0", l, 1);
    USER(0, "mtspr 272,4", l);
    show("user mtspr SPRG0", l, 1);
    USER(0, "rfi", l);
    show("user rfi", l, 1);
    USER(0, "wrteei 1", l);
    show("user wrteei", l, 1);
    USER(0, "tlbsx 4,0,4", l);
    show("user tlbsx", l, 1);
    USER(0, "mfspr 4,256", l);        /* USPRG0 is user-readable */
    show("user mfspr USPRG0 (allowed)", l, 1);
    USER(0, "mfspr 4,260", l);        /* SPRG4 user-readable (SPR 260) */
    show("user mfspr SPRG4 (allowed)", l, 1);
    USER(0, "tw 31,0,0", l);
    show("user trap", l, 1);
    msr = mfmsr();
    pr("back in supervisor: msr=%x\n", msr);
}

static void test_fpu_unavail(void)
{
    uint32_t l;
    mtmsr(mfmsr() & ~MSR_FP);
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tfmr 1,1" : "=&b"(l) :: "memory", "fr1");
    show("fmr with MSR[FP]=0", l, 0);
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tlfd 1,0(%0)" : "=&b"(l) :: "memory", "fr1");
    show("lfd with MSR[FP]=0", l, 0);
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tmffs 1" : "=&b"(l) :: "memory", "fr1");
    show("mffs with MSR[FP]=0", l, 0);
}

static volatile uint32_t abuf[8] __attribute__((aligned(32)));
static void test_align(void)
{
    uint32_t l, v;
    clear();
    __asm__ volatile("lis %0,1f@ha\n\taddi %0,%0,1f@l\n1:\tlwarx %1,0,%2"
                     : "=&b"(l), "=&r"(v) : "r"((uintptr_t)abuf + 2) : "memory");
    show("lwarx unaligned", l, 1);
    pr("  dear=abuf+%x\n", last.dear - (uint32_t)(uintptr_t)abuf);
    /* stwcx. to an unaligned EA is not tested: the Power ISA allows either
     * an Alignment interrupt or boundedly undefined results, and QEMU 7.2
     * raises no interrupt. dcbz to a cache-inhibited page (Alignment on the
     * 440) is not implemented by QEMU and is likewise left out. */
    clear();
    abuf[0] = 0x11223344; abuf[1] = 0x55667788;
    __asm__ volatile("lwz %0,1(%1)" : "=r"(v) : "b"(abuf) : "memory");
    pr("lwz unaligned (no interrupt on 440): value=%x count=%d\n", v, last.count);
}

static void spin(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

/* wait (bounded) until TSR[DIS] is set: QEMU's timer runs on host time */
static void wait_dis(void)
{
    for (uint32_t i = 0; i < 1000000000 && !(mfspr(SPRN_TSR) & 0x08000000); i++)
        ;
}

static void test_dec(void)
{
    uint32_t tsr;
    /* TSR[DIS] gets set on expiry even when DIE=0; DEC stops at 0 when ARE=0 */
    mtspr(SPRN_TCR, 0);
    mtspr(SPRN_TSR, 0xffffffff);
    mtspr(SPRN_DEC, 1000);
    wait_dis();
    spin(200000);
    tsr = mfspr(SPRN_TSR);
    pr("dec expired, DIE=0: tsr.dis=%d dec==0: %d\n", (tsr >> 27) & 1, mfspr(SPRN_DEC) == 0);
    mtspr(SPRN_TSR, 0x08000000);
    pr("after w1c: tsr.dis=%d\n", (mfspr(SPRN_TSR) >> 27) & 1);

    /* one-shot interrupt */
    dec_count = 0;
    mtspr(SPRN_DEC, 0);
    mtspr(SPRN_TSR, 0x08000000);
    mtspr(SPRN_TCR, 0x04000000);       /* DIE */
    mtspr(SPRN_DEC, 2000);
    mtmsr(mfmsr() | MSR_EE);
    for (uint32_t i = 0; i < 1000000000 && dec_count == 0; i++)
        ;
    spin(100000);
    mtmsr(mfmsr() & ~MSR_EE);
    pr("dec one-shot: count=%d srr1=%x tsr.dis at entry=%d\n", dec_count, dec_srr1,
       (dec_tsr >> 27) & 1);
    pr("dec after one-shot expiry (ARE=0): dec==0: %d\n", mfspr(SPRN_DEC) == 0);

    /* pending DIS with EE=0 is taken as soon as EE is set */
    dec_count = 0;
    mtspr(SPRN_TCR, 0);
    mtspr(SPRN_DEC, 500);
    wait_dis();
    mtspr(SPRN_TCR, 0x04000000);
    pr("DIS pending with EE=0: count=%d\n", dec_count);
    mtmsr(mfmsr() | MSR_EE);
    for (uint32_t i = 0; i < 1000000000 && dec_count == 0; i++)
        ;
    mtmsr(mfmsr() & ~MSR_EE);
    pr("after setting EE: count=%d\n", dec_count);

    /* auto-reload: DIE|ARE, DECAR; handler disables after 3 */
    dec_count = 0;
    mtspr(SPRN_TCR, 0);
    mtspr(SPRN_TSR, 0x08000000);
    mtspr(SPRN_DECAR, 20000);
    mtspr(SPRN_DEC, 20000);
    mtspr(SPRN_TCR, 0x04400000);
    mtmsr(mfmsr() | MSR_EE);
    for (uint32_t i = 0; i < 1000000000 && dec_count < 3; i++)
        ;
    spin(100000);
    mtmsr(mfmsr() & ~MSR_EE);
    pr("dec auto-reload: count=%d srr1=%x tcr=%x\n", dec_count, dec_srr1, mfspr(SPRN_TCR));
}

static void test_rfi(void)
{
    uint32_t m;
    __asm__ volatile("lis 3,1f@ha\n\taddi 3,3,1f@l\n\tmtsrr0 3\n\tlis 3,%1@h\n\tori 3,3,%1@l\n\tmtsrr1 3\n\trfi\n1:\tmfmsr %0"
                     : "=r"(m) : "i"(MSR_ME | MSR_CE | MSR_DE) : "r3", "memory");
    pr("rfi to MSR=ME|CE|DE: msr=%x\n", m);
    set_msr(0);
    mtmsr(MSR_ME);
    pr("msr=0; mtmsr ME: msr=%x\n", mfmsr());
    set_msr(MSR_ME);
    __asm__ volatile("wrteei 1\n\tmfmsr %0\n\twrteei 0" : "=r"(m));
    pr("wrteei 1: msr=%x now=%x\n", m, mfmsr());
}

static void __attribute__((noinline)) tests(void)
{
    test_sc();
    test_program();
    test_fpu_unavail();
    test_align();
    test_dec();
    test_rfi();
}

int main(void)
{
    pr("interrupts: PPC440 Book E interrupt tests\n");
    set_msr(MSR_ME);
    exc_hooks[5] = skip_hook;   /* alignment */
    exc_hooks[6] = prog_hook;   /* program */
    exc_hooks[7] = skip_hook;   /* FP unavailable */
    exc_hooks[8] = sc_hook;     /* system call */
    exc_hooks[10] = dec_hook;   /* decrementer */
    pr("msr=%x\n", mfmsr());
    tests();
    pr("interrupts: done\n");
    return 0;
}
