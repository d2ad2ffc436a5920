/* tlb.c - PPC440 software-managed TLB: tlbwe/tlbre/tlbsx, TID/PID and
 * TS matching, page sizes, TLB miss and storage interrupts.
 * Entries 62/63 belong to the runtime (UART, RAM identity map); tests use
 * entries 1..15 and invalidate them afterwards.  Physical scratch memory
 * lives at 0x01000000.. (inside the identity map, so it can be prepared
 * through EA == PA); test mappings use EAs >= 0x40000000. */
#include "lib.h"

#define PBASE 0x01000000u

static volatile struct { uint32_t count, vec, srr0, srr1, esr, dear; } last;
static void record(struct frame *f)
{
    if (last.count++)
        return;
    last.vec = f->vec; last.srr0 = f->srr0; last.srr1 = f->srr1;
    last.esr = f->esr; last.dear = f->dear;
}
static void data_hook(struct frame *f) { record(f); f->srr0 += 4; }
static void inst_hook(struct frame *f) { record(f); f->srr0 = f->lr; }
static void clear(void) { last.count = 0; last.vec = 0xff; mtspr(SPRN_ESR, 0); }

static void tlbw(uint32_t idx, uint32_t w0, uint32_t w1, uint32_t w2)
{
    __asm__ volatile("tlbwe %0,%3,0\n\ttlbwe %1,%3,1\n\ttlbwe %2,%3,2\n\tisync"
                     :: "r"(w0), "r"(w1), "r"(w2), "r"(idx) : "memory");
}
static void tlbinval(uint32_t idx)
{
    __asm__ volatile("tlbwe %0,%1,0\n\tisync" :: "r"(0), "r"(idx) : "memory");
}
static void set_stid(uint32_t tid, uint32_t sts)
{
    mtspr(SPRN_MMUCR, (tid & 0xff) | (sts ? 0x00010000 : 0));
    isync();
}

/* load through EA; reports value or interrupt */
static void rd(const char *what, uint32_t ea, uint32_t base)
{
    uint32_t v = 0xdeaddead;
    clear();
    __asm__ volatile("lwz %0,0(%1)" : "+r"(v) : "b"(ea) : "memory");
    if (last.count)
        pr("%s: read EA+%x -> interrupt vec=%d dear=EA+%x esr=%x\n", what, ea - base, last.vec,
           last.dear - base, last.esr);
    else
        pr("%s: read EA+%x -> %x\n", what, ea - base, v);
}
static void wr(const char *what, uint32_t ea, uint32_t base, uint32_t v)
{
    clear();
    __asm__ volatile("stw %0,0(%1)" :: "r"(v), "b"(ea) : "memory");
    if (last.count)
        pr("%s: write EA+%x -> interrupt vec=%d dear=EA+%x esr=%x\n", what, ea - base, last.vec,
           last.dear - base, last.esr);
    else
        pr("%s: write EA+%x -> ok\n", what, ea - base);
}
#define PW(pa) (*(volatile uint32_t *)(uintptr_t)(pa))

static void test_rw(void)
{
    uint32_t w0, w1, w2, m;
    pr("-- tlbwe/tlbre\n");
    static const uint32_t e[][4] = {
        {0x40000000 | TLB_V | (TLB_SIZE_4K << 4), PBASE, 0x8000 | TLB_I | TLB_G | 0x3f, 0x5a},
        {0x40100000 | TLB_V | TLB_TS | (TLB_SIZE_1M << 4), PBASE | 0x0, TLB_W | TLB_M | TLB_UR | TLB_SR, 0},
        {0x50000000 | (TLB_SIZE_256M << 4), 0x20000000 | 0xf, 0x7000 | TLB_SX, 0xff},
        {0x40004000 | TLB_V | (TLB_SIZE_16K << 4), PBASE + 0x4000, TLB_UX | TLB_SW, 0x01},
    };
    for (unsigned i = 0; i < 4; i++) {
        set_stid(e[i][3], 0);
        tlbw(1 + i, e[i][0], e[i][1], e[i][2]);
        set_stid(0, 0);
        __asm__ volatile("tlbre %0,%4,0\n\tmfspr %3,946\n\ttlbre %1,%4,1\n\ttlbre %2,%4,2"
                         : "=&r"(w0), "=&r"(w1), "=&r"(w2), "=&r"(m) : "r"(1 + i));
        pr("entry %d: wrote %x %x %x tid=%2x -> read %x %x %x mmucr.stid=%2x\n", 1 + i,
           e[i][0], e[i][1], e[i][2], e[i][3], w0 & 0xfffffff0, w1 & 0xfffffc0f, w2 & 0x0000ffbf, m & 0xff);
    }
    pr("-- tlbsx\n");
    static const struct { uint32_t ea, tid, sts; } q[] = {
        {0x40000123, 0x5a, 0}, {0x40000123, 0x00, 0}, {0x40000123, 0x33, 0},
        {0x40180000, 0x00, 1}, {0x40180000, 0x00, 0}, {0x40005ffc, 0x01, 0},
        {0x50000000, 0xff, 0}, {0x00001000, 0x00, 0}, {0xef600300, 0x77, 0},
    };
    for (unsigned i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        uint32_t idx = 0xffffffff, c;
        set_stid(q[i].tid, q[i].sts);
        __asm__ volatile("li %1,0\n\tmtcrf 0xff,%1\n\tmtxer %1\n\ttlbsx. %0,0,%2\n\tmfcr %1"
                         : "=&r"(idx), "=&r"(c) : "r"(q[i].ea) : "cc", "xer");
        if (c & 0x20000000)
            pr("tlbsx. ea=%x stid=%2x sts=%d -> found index %d cr0=%1x\n", q[i].ea, q[i].tid, q[i].sts, idx, c >> 28);
        else
            pr("tlbsx. ea=%x stid=%2x sts=%d -> not found cr0=%1x\n", q[i].ea, q[i].tid, q[i].sts, c >> 28);
    }
    set_stid(0, 0);
    /* tlbsx without Rc: found case only (RT undefined when not found) */
    {
        uint32_t idx;
        set_stid(0x5a, 0);
        __asm__ volatile("tlbsx %0,%1,%2" : "=r"(idx) : "b"(0x40000000), "r"(0x10));
        set_stid(0, 0);
        pr("tlbsx ea=40000000+10 stid=5a -> index %d\n", idx);
    }
    for (unsigned i = 1; i <= 4; i++)
        tlbinval(i);
}

static void test_pid_ts(void)
{
    const uint32_t ea = 0x40000000;
    pr("-- TID/PID and TS matching\n");
    PW(PBASE) = 0x11110000;
    set_stid(0x5a, 0);
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, 0x3f);
    set_stid(0, 0);
    mtspr(SPRN_PID, 0x5a); isync();
    rd("tid=5a pid=5a", ea, ea);
    mtspr(SPRN_PID, 0x33); isync();
    rd("tid=5a pid=33", ea, ea);
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, 0x3f);   /* TID 0 */
    rd("tid=00 pid=33", ea, ea);
    mtspr(SPRN_PID, 0); isync();
    /* TS=1 entry: only matches when MSR[DS]=1 */
    tlbw(1, ea | TLB_V | TLB_TS | (TLB_SIZE_4K << 4), PBASE, 0x3f);
    rd("ts=1 entry, MSR[DS]=0", ea, ea);
    {
        uint32_t v = 0xdeaddead, msr = mfmsr();
        clear();
        __asm__ volatile("mtmsr %2\n\tisync\n\tlwz %0,0(%1)\n\tmtmsr %3\n\tisync"
                         : "+r"(v) : "b"(ea), "r"(msr | MSR_DS), "r"(msr) : "memory");
        if (last.count)
            pr("ts=1 entry, MSR[DS]=1: interrupt vec=%d\n", last.vec);
        else
            pr("ts=1 entry, MSR[DS]=1: read %x\n", v);
    }
    tlbinval(1);
}

static void test_sizes(void)
{
    static const struct { uint32_t sz, bytes; const char *n; } s[] = {
        {TLB_SIZE_4K, 0x1000, "4K"}, {TLB_SIZE_16K, 0x4000, "16K"}, {TLB_SIZE_64K, 0x10000, "64K"},
        {TLB_SIZE_256K, 0x40000, "256K"}, {TLB_SIZE_1M, 0x100000, "1M"}, {TLB_SIZE_16M, 0x1000000, "16M"},
    };
    const uint32_t ea = 0x42000000;
    pr("-- page sizes (EA 42000000 -> PA 01000000)\n");
    for (unsigned i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        PW(PBASE) = 0xa0000000 | i;
        PW(PBASE + s[i].bytes - 4) = 0xb0000000 | i;
        tlbw(1, ea | TLB_V | (s[i].sz << 4), PBASE, 0x3f);
        rd(s[i].n, ea, ea);
        rd(s[i].n, ea + s[i].bytes - 4, ea);
        rd(s[i].n, ea + s[i].bytes, ea);
        tlbinval(1);
    }
    /* 256M: EA 80000000 -> PA 0 (covers all RAM) */
    PW(PBASE + 8) = 0xc0c0c0c0;
    tlbw(1, 0x80000000 | TLB_V | (TLB_SIZE_256M << 4), 0, 0x3f);
    rd("256M", 0x80000000 + PBASE + 8, 0x80000000);
    rd("256M", 0x90000000, 0x80000000);
    tlbinval(1);
    /* 1K page: architecturally only EA..EA+0x3ff is mapped */
    PW(PBASE + 0x3fc) = 0xd1d1d1d1;
    PW(PBASE + 0x400) = 0xd2d2d2d2;
    tlbw(1, 0x43000000 | TLB_V | (TLB_SIZE_1K << 4), PBASE, 0x3f);
    rd("1K", 0x43000000 + 0x400, 0x43000000);      /* first touch beyond 1K */
    rd("1K", 0x43000000 + 0x3fc, 0x43000000);
    rd("1K", 0x43000000 + 0x400, 0x43000000);      /* after touching the page */
    tlbinval(1);
}

static void test_faults(void)
{
    const uint32_t ea = 0x44000000;
    pr("-- TLB miss / storage interrupts\n");
    rd("unmapped", ea + 0x10, ea);
    wr("unmapped", ea + 0x20, ea, 1);
    PW(PBASE) = 0x12345678;
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, TLB_SR);             /* read-only */
    rd("SR only", ea, ea);
    wr("SR only", ea + 4, ea, 2);
    tlbinval(1);
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, TLB_SW);             /* write-only */
    rd("SW only", ea + 8, ea);
    wr("SW only", ea + 8, ea, 3);
    pr("  PA+8=%x\n", PW(PBASE + 8));
    tlbinval(1);

    /* instruction side: place 'li r3,0x77; blr' in the scratch page */
    PW(PBASE + 0x100) = 0x38600077;
    PW(PBASE + 0x104) = 0x4e800020;
    __asm__ volatile("dcbst 0,%0\n\tsync\n\ticbi 0,%0\n\tsync\n\tisync" :: "r"(PBASE + 0x100) : "memory");
    static const struct { uint32_t perm; const char *n; } xp[] = {
        {TLB_SX | TLB_SR, "SX|SR"}, {TLB_SR | TLB_SW, "SR|SW (no SX)"},
    };
    for (unsigned i = 0; i < 2; i++) {
        uint32_t r = 0;
        tlbinval(1);    /* invalidate first: see test_rewrite for in-place rewrites */
        tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, xp[i].perm);
        clear();
        __asm__ volatile("li 3,0\n\tmtctr %1\n\tbctrl\n\tmr %0,3" : "=r"(r) : "r"(ea + 0x100)
                         : "r3", "lr", "ctr", "memory");
        if (last.count)
            pr("execute %s: interrupt vec=%d srr0=EA+%x esr=%x\n", xp[i].n, last.vec, last.srr0 - ea, last.esr);
        else
            pr("execute %s: ran, r3=%x\n", xp[i].n, r);
    }
    tlbinval(1);
    {
        clear();
        __asm__ volatile("mtctr %0\n\tbctrl" :: "r"(ea + 0x200) : "r3", "lr", "ctr", "memory");
        pr("execute unmapped: interrupt vec=%d srr0=EA+%x\n", last.vec, last.srr0 - ea);
    }
}

static void test_rewrite(void)
{
    const uint32_t ea = 0x45000000;
    pr("-- rewriting a live entry (tlbwe; isync; access)\n");
    PW(PBASE) = 0xaaaa0001;
    PW(PBASE + 0x1000) = 0xbbbb0002;
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE, 0x3f);
    rd("RPN A", ea, ea);
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE + 0x1000, 0x3f);
    rd("RPN B", ea, ea);
    wr("SW=1", ea + 4, ea, 0x1111);
    tlbw(1, ea | TLB_V | (TLB_SIZE_4K << 4), PBASE + 0x1000, TLB_SR);
    wr("rewritten SW=0", ea + 4, ea, 0x2222);
    rd("rewritten SW=0", ea + 4, ea);
    tlbinval(1);
    rd("invalidated", ea, ea);
}

static void __attribute__((noinline)) tests(void)
{
    test_rw();
    test_pid_ts();
    test_sizes();
    test_faults();
    test_rewrite();
}

int main(void)
{
    pr("tlb: PPC440 TLB tests\n");
    exc_hooks[2] = data_hook;    /* data storage */
    exc_hooks[3] = inst_hook;    /* instruction storage */
    exc_hooks[13] = data_hook;   /* data TLB error */
    exc_hooks[14] = inst_hook;   /* instruction TLB error */
    tests();
    pr("tlb: done\n");
    return 0;
}
