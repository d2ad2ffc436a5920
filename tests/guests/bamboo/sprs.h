/* sprs.h - SPR numbers, TLB field encodings and exception-frame layout
 * shared by crt0.S and C code (PPC440 / Book E). */
#ifndef SPRS_H
#define SPRS_H

#define SPRN_XER    1
#define SPRN_LR     8
#define SPRN_CTR    9
#define SPRN_DEC    22
#define SPRN_SRR0   26
#define SPRN_SRR1   27
#define SPRN_PID    48
#define SPRN_DECAR  54
#define SPRN_CSRR0  58
#define SPRN_CSRR1  59
#define SPRN_DEAR   61
#define SPRN_ESR    62
#define SPRN_IVPR   63
#define SPRN_SPRG0  272
#define SPRN_SPRG1  273
#define SPRN_SPRG2  274
#define SPRN_SPRG3  275
#define SPRN_SPRG4  276
#define SPRN_SPRG5  277
#define SPRN_SPRG6  278
#define SPRN_SPRG7  279
#define SPRN_PIR    286
#define SPRN_PVR    287
#define SPRN_DBCR0  308
#define SPRN_TSR    336
#define SPRN_TCR    340
#define SPRN_IVOR0  400
#define SPRN_IVOR1  401
#define SPRN_IVOR2  402
#define SPRN_IVOR3  403
#define SPRN_IVOR4  404
#define SPRN_IVOR5  405
#define SPRN_IVOR6  406
#define SPRN_IVOR7  407
#define SPRN_IVOR8  408
#define SPRN_IVOR9  409
#define SPRN_IVOR10 410
#define SPRN_IVOR11 411
#define SPRN_IVOR12 412
#define SPRN_IVOR13 413
#define SPRN_IVOR14 414
#define SPRN_IVOR15 415
#define SPRN_MCSRR0 570
#define SPRN_MCSRR1 571
#define SPRN_MMUCR  946

/* TLB word 0 (PAGEID) */
#define TLB_V       0x00000200
#define TLB_TS      0x00000100
#define TLB_SIZE_1K   0
#define TLB_SIZE_4K   1
#define TLB_SIZE_16K  2
#define TLB_SIZE_64K  3
#define TLB_SIZE_256K 4
#define TLB_SIZE_1M   5
#define TLB_SIZE_16M  7
#define TLB_SIZE_256M 9
/* TLB word 2 (ATTRIB) */
#define TLB_W  0x800
#define TLB_I  0x400
#define TLB_M  0x200
#define TLB_G  0x100
#define TLB_UX 0x20
#define TLB_UW 0x10
#define TLB_UR 0x08
#define TLB_SX 0x04
#define TLB_SW 0x02
#define TLB_SR 0x01

/* MSR bits (Book E / 440) */
#define MSR_WE  0x00040000
#define MSR_CE  0x00020000
#define MSR_EE  0x00008000
#define MSR_PR  0x00004000
#define MSR_FP  0x00002000
#define MSR_ME  0x00001000
#define MSR_FE0 0x00000800
#define MSR_DWE 0x00000400
#define MSR_DE  0x00000200
#define MSR_FE1 0x00000100
#define MSR_IS  0x00000020
#define MSR_DS  0x00000010

/* ESR bits */
#define ESR_PIL 0x08000000
#define ESR_PPR 0x04000000
#define ESR_PTR 0x02000000
#define ESR_FP  0x01000000
#define ESR_ST  0x00800000

/* exception frame layout */
#define F_GPR(n)   (8 + 4*(n))
#define F_CR       136
#define F_LR       140
#define F_CTR      144
#define F_XER      148
#define F_SRR0     152
#define F_SRR1     156
#define F_ESR      160
#define F_DEAR     164
#define F_VEC      168
#define FRAME_SIZE 192

#endif
