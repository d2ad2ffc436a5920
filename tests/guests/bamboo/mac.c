/* mac.c - the 440 integer multiply-accumulate instructions (PPC440 user
 * manual "Instruction Set"; Power ISA 2.06 "Legacy Integer
 * Multiply-Accumulate"): macchw[s][u], machhw[s][u], maclhw[s][u],
 * nmacchw[s], nmachhw[s], nmaclhw[s], each in its four forms (plain, ".",
 * "o", "o."), and the multiply-halfword instructions mulchw[u], mulhhw[u],
 * mullhw[u] (plain and "."), with edge operands: signed saturation at
 * 0x7fffffff/0x80000000, unsigned saturation at 0xffffffff, overflow with
 * and without saturation, XER[SO] sticky, XER[CA] untouched, CR0 from Rc.
 * Every instruction runs via inline asm so exactly the named form executes. */
#include "lib.h"

#define XMASK 0xe000007fu   /* XER SO OV CA + string byte count */
#define CA 0x20000000u
#define OV 0x40000000u
#define SO 0x80000000u

static void p3(const char *n, uint32_t t, uint32_t a, uint32_t b, uint32_t xi, uint32_t d, uint32_t x, uint32_t c)
{
    pr("%s %x,%x,%x xer=%x -> %x xer=%x cr0=%1x\n", n, t, a, b, xi, d, x & XMASK, c >> 28);
}

/* insn rT,rA,rB with rT = t on entry: CR cleared, XER set to xi before */
#define ACC(insn, t, a, b, xi) do { uint32_t d_ = (t), x_, c_; uint32_t t_ = (t), a_ = (a), b_ = (b), xi_ = (xi); \
    __asm__ volatile("li %2,0\n\tmtcrf 0xff,%2\n\tmtxer %5\n\t" insn " %0,%3,%4\n\tmfxer %1\n\tmfcr %2" \
        : "+&r"(d_), "=&r"(x_), "=&r"(c_) : "r"(a_), "r"(b_), "r"(xi_) : "cc", "xer"); \
    p3(insn, t_, a_, b_, xi_, d_, x_, c_); } while (0)

struct vec { uint32_t t, a, b; };

/* halfwords are chosen so that each of the cross (RA lo x RB hi), high
 * (hi x hi) and low (lo x lo) selections hits the edge it is meant to */
static const struct vec vecs[] = {
    {0x7fffffff, 0x00010001, 0x00010001},  /* +1: signed overflow at 2^31-1; unsigned fits */
    {0x80000000, 0xffffffff, 0x00010001},  /* -1 (unsigned 0xffff): signed overflow below -2^31 */
    {0xffffffff, 0x00010001, 0x00010001},  /* +1: unsigned carry out (saturate to 0xffffffff) */
    {0x80000000, 0x00010001, 0x00010001},  /* nmac: -2^31 - 1 overflows */
    {0x7fffffff, 0xffffffff, 0x00010001},  /* nmac: 2^31-1 - (-1) overflows */
    {0x40000000, 0x80008000, 0x80008000},  /* (-2^15)^2 = 2^30: 2^30 + 2^30 overflows; nmac -> 0 */
    {0xc0000000, 0x80008000, 0x80008000},  /* nmac: -2^30 - 2^30 = -2^31 exactly (no overflow) */
    {0xffff0000, 0xffffffff, 0xffffffff},  /* unsigned 0xfffe0001 + 0xffff0000 carries */
    {0x00000010, 0x0003fff9, 0xfffe0005},  /* distinct halves: shows which halves are used */
    {0x00000000, 0x00000000, 0x00000000},  /* zero: CR0[EQ] */
    {0x7fffffff, 0x7fff7fff, 0x7fff7fff},  /* large positive product */
    {0x80000000, 0x80008000, 0x7fff7fff},  /* large negative product: saturate to -2^31 */
};
#define NV (sizeof(vecs) / sizeof(vecs[0]))

/* every vector in all four forms, then SO/OV stickiness and CA preservation */
#define MAC(name) do { \
    for (unsigned i_ = 0; i_ < NV; i_++) { \
        const struct vec *v_ = &vecs[i_]; \
        ACC(name, v_->t, v_->a, v_->b, 0); \
        ACC(name ".", v_->t, v_->a, v_->b, 0); \
        ACC(name "o", v_->t, v_->a, v_->b, 0); \
        ACC(name "o.", v_->t, v_->a, v_->b, 0); \
    } \
    ACC(name "o.", 0x00000010, 0x0003fff9, 0xfffe0005, SO | OV | CA); /* OV cleared, SO sticky, CA kept */ \
    ACC(name "o.", 0x7fffffff, 0x7fff7fff, 0x7fff7fff, SO | CA);      /* SO stays set either way */ \
    ACC(name ".", 0x7fffffff, 0x00010001, 0x00010001, OV | CA);       /* OE=0: OV/SO untouched */ \
    ACC(name ".", 0x00000001, 0x00000000, 0x00000000, SO);            /* CR0[SO] copies XER[SO] */ \
    } while (0)

/* multiply halfword: rT on entry is irrelevant (set to a marker) */
#define MUL(name) do { \
    for (unsigned i_ = 0; i_ < NV; i_++) { \
        const struct vec *v_ = &vecs[i_]; \
        ACC(name, 0xdeadbeef, v_->a, v_->b, 0); \
        ACC(name ".", 0xdeadbeef, v_->a, v_->b, SO | OV | CA); \
    } } while (0)

int main(void)
{
    pr("mac: PPC440 multiply-accumulate tests\n");
    pr("-- mac cross\n");
    MAC("macchw"); MAC("macchws"); MAC("macchwu"); MAC("macchwsu");
    pr("-- mac high\n");
    MAC("machhw"); MAC("machhws"); MAC("machhwu"); MAC("machhwsu");
    pr("-- mac low\n");
    MAC("maclhw"); MAC("maclhws"); MAC("maclhwu"); MAC("maclhwsu");
    pr("-- nmac\n");
    MAC("nmacchw"); MAC("nmacchws"); MAC("nmachhw"); MAC("nmachhws"); MAC("nmaclhw"); MAC("nmaclhws");
    pr("-- mul halfword\n");
    MUL("mulchw"); MUL("mulchwu"); MUL("mulhhw"); MUL("mulhhwu"); MUL("mullhw"); MUL("mullhwu");
    pr("mac: done\n");
    return 0;
}
