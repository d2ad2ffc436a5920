/*
 * crt0.S - shared freestanding runtime entry for PPC440 (QEMU -M bamboo / PpcVirt).
 *
 * Entry: PC = ELF entry (physical 0), MSR = 0.  We do NOT rely on the
 * initial TLB contents beyond fetching the first few instructions: we write
 * our own entries (63: 256 MiB RAM identity map, 62: UART page), then
 * invalidate entries 0..61, then isync.  Only after that is the UART used.
 *
 * Interrupt vectors: IVPR = 0, IVORn = 0x100*(n+1).  Each stub saves the
 * full register state in a frame on a dedicated exception stack and calls
 * exc_dispatch(vec, frame) in C; on return it restores the (possibly
 * modified) state and returns with rfi/rfci.
 */
#include "sprs.h"
        .file   "crt0.S"

        .section .text.entry, "ax"
        .globl  _start
_start:
        b       _init

/* ---- interrupt vector stubs ------------------------------------------ */
/* Non-critical: SRR0/SRR1, scratch SPRG0, stack top in SPRG1, rfi       */
#define VEC_NONCRIT(n)                          \
        .org    0x100*((n)+1);                  \
        mtspr   SPRN_SPRG0, r1;                 \
        mfspr   r1, SPRN_SPRG1;                 \
        addi    r1, r1, -FRAME_SIZE;            \
        stw     r3, F_GPR(3)(r1);               \
        li      r3, n;                          \
        b       exc_common
/* Critical: CSRR0/CSRR1, scratch SPRG2, stack top in SPRG3, rfci        */
#define VEC_CRIT(n)                             \
        .org    0x100*((n)+1);                  \
        mtspr   SPRN_SPRG2, r1;                 \
        mfspr   r1, SPRN_SPRG3;                 \
        addi    r1, r1, -FRAME_SIZE;            \
        stw     r3, F_GPR(3)(r1);               \
        li      r3, n;                          \
        b       crit_common

        VEC_CRIT(0)             /* critical input */
        VEC_CRIT(1)             /* machine check (treated as critical; fatal) */
        VEC_NONCRIT(2)          /* data storage */
        VEC_NONCRIT(3)          /* instruction storage */
        VEC_NONCRIT(4)          /* external input */
        VEC_NONCRIT(5)          /* alignment */
        VEC_NONCRIT(6)          /* program */
        VEC_NONCRIT(7)          /* FP unavailable */
        VEC_NONCRIT(8)          /* system call */
        VEC_NONCRIT(9)          /* AP unavailable */
        VEC_NONCRIT(10)         /* decrementer */
        VEC_NONCRIT(11)         /* fixed interval timer */
        VEC_CRIT(12)            /* watchdog */
        VEC_NONCRIT(13)         /* data TLB error */
        VEC_NONCRIT(14)         /* instruction TLB error */
        VEC_CRIT(15)            /* debug */

/* Common save/call/restore path; SAVE_R1 = SPRG holding interrupted r1,
 * S0/S1 = save/restore register pair, RET = return instruction. */
#define EXC_COMMON(label, SAVE_R1, S0, S1, RET)  \
label:                                  \
        stw     r0, F_GPR(0)(r1);       \
        stw     r2, F_GPR(2)(r1);       \
        stmw    r4, F_GPR(4)(r1);       \
        mfspr   r0, SAVE_R1;            \
        stw     r0, F_GPR(1)(r1);       \
        mfspr   r0, S0;                 \
        stw     r0, F_SRR0(r1);         \
        mfspr   r0, S1;                 \
        stw     r0, F_SRR1(r1);         \
        mflr    r0;                     \
        stw     r0, F_LR(r1);           \
        mfcr    r0;                     \
        stw     r0, F_CR(r1);           \
        mfctr   r0;                     \
        stw     r0, F_CTR(r1);          \
        mfxer   r0;                     \
        stw     r0, F_XER(r1);          \
        mfspr   r0, SPRN_ESR;           \
        stw     r0, F_ESR(r1);          \
        mfspr   r0, SPRN_DEAR;          \
        stw     r0, F_DEAR(r1);         \
        stw     r3, F_VEC(r1);          \
        li      r0, 0;                  \
        stw     r0, 0(r1);              \
        mr      r4, r1;                 \
        bl      exc_dispatch;           \
        lwz     r0, F_LR(r1);           \
        mtlr    r0;                     \
        lwz     r0, F_CR(r1);           \
        mtcr    r0;                     \
        lwz     r0, F_CTR(r1);          \
        mtctr   r0;                     \
        lwz     r0, F_XER(r1);          \
        mtxer   r0;                     \
        lwz     r0, F_SRR0(r1);         \
        mtspr   S0, r0;                 \
        lwz     r0, F_SRR1(r1);         \
        mtspr   S1, r0;                 \
        lwz     r0, F_GPR(0)(r1);       \
        lwz     r2, F_GPR(2)(r1);       \
        lmw     r3, F_GPR(3)(r1);       \
        lwz     r1, F_GPR(1)(r1);       \
        RET

        .org    0x1100
        EXC_COMMON(exc_common, SPRN_SPRG0, SPRN_SRR0, SPRN_SRR1, rfi)
        EXC_COMMON(crit_common, SPRN_SPRG2, SPRN_CSRR0, SPRN_CSRR1, rfci)

/* ---- initialisation ---------------------------------------------------- */
_init:
        /* MMUCR: STID = 0, STS = 0 */
        li      r0, 0
        mtspr   SPRN_MMUCR, r0
        /* entry 63: EPN 0 -> RPN 0, 256 MiB, V, TS=0, SX|SW|SR|UX|UW|UR */
        li      r6, 63
        li      r3, (TLB_V | (TLB_SIZE_256M << 4))
        li      r4, 0
        li      r5, 0x3f
        tlbwe   r3, r6, 0
        tlbwe   r4, r6, 1
        tlbwe   r5, r6, 2
        /* entry 62: EPN 0xEF600000 -> RPN 0xEF600000, 4 KiB, I|G, SR|SW */
        li      r6, 62
        lis     r3, 0xEF60
        ori     r3, r3, (TLB_V | (TLB_SIZE_4K << 4))
        lis     r4, 0xEF60
        li      r5, 0x0503
        tlbwe   r3, r6, 0
        tlbwe   r4, r6, 1
        tlbwe   r5, r6, 2
        isync
        /* invalidate entries 0..61 (PAGEID with V = 0) */
        li      r6, 0
        li      r3, 0
1:      tlbwe   r3, r6, 0
        addi    r6, r6, 1
        cmpwi   r6, 62
        blt     1b
        isync

        /* stacks */
        lis     r1, _stack_top@ha
        addi    r1, r1, _stack_top@l
        li      r0, 0
        stwu    r0, -16(r1)
        lis     r3, _exc_stack_top@ha
        addi    r3, r3, _exc_stack_top@l
        mtspr   SPRN_SPRG1, r3
        lis     r3, _crit_stack_top@ha
        addi    r3, r3, _crit_stack_top@l
        mtspr   SPRN_SPRG3, r3

        /* interrupt vectors */
        li      r3, 0
        mtspr   SPRN_IVPR, r3
        li      r3, 0x100
        mtspr   SPRN_IVOR0, r3
        li      r3, 0x200
        mtspr   SPRN_IVOR1, r3
        li      r3, 0x300
        mtspr   SPRN_IVOR2, r3
        li      r3, 0x400
        mtspr   SPRN_IVOR3, r3
        li      r3, 0x500
        mtspr   SPRN_IVOR4, r3
        li      r3, 0x600
        mtspr   SPRN_IVOR5, r3
        li      r3, 0x700
        mtspr   SPRN_IVOR6, r3
        li      r3, 0x800
        mtspr   SPRN_IVOR7, r3
        li      r3, 0x900
        mtspr   SPRN_IVOR8, r3
        li      r3, 0xa00
        mtspr   SPRN_IVOR9, r3
        li      r3, 0xb00
        mtspr   SPRN_IVOR10, r3
        li      r3, 0xc00
        mtspr   SPRN_IVOR11, r3
        li      r3, 0xd00
        mtspr   SPRN_IVOR12, r3
        li      r3, 0xe00
        mtspr   SPRN_IVOR13, r3
        li      r3, 0xf00
        mtspr   SPRN_IVOR14, r3
        li      r3, 0x1000
        mtspr   SPRN_IVOR15, r3
        isync

        /* clear .bss */
        lis     r3, __bss_start@ha
        addi    r3, r3, __bss_start@l
        lis     r4, __bss_end@ha
        addi    r4, r4, __bss_end@l
        li      r0, 0
2:      cmplw   r3, r4
        bge     3f
        stw     r0, 0(r3)
        addi    r3, r3, 4
        b       2b
3:
        bl      main
        bl      reset
4:      b       4b

/* void reset(void): DBCR0[RST] = 0b11 (system reset) */
        .text
        .globl  reset
reset:
        sync
        lis     r3, 0x3000
        mtspr   SPRN_DBCR0, r3
        isync
1:      b       1b
