/* lib.h - tiny freestanding runtime for the PPC440 guest tests. */
#ifndef LIB_H
#define LIB_H
#include <stdint.h>
#include "sprs.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define mfspr(n) ({ uint32_t v_; __asm__ volatile("mfspr %0," STR(n) : "=r"(v_)); v_; })
#define mtspr(n, v) __asm__ volatile("mtspr " STR(n) ",%0" :: "r"((uint32_t)(v)) : "memory")

static inline uint32_t mfmsr(void) { uint32_t v; __asm__ volatile("mfmsr %0" : "=r"(v)); return v; }
static inline void mtmsr(uint32_t v) { __asm__ volatile("mtmsr %0; isync" :: "r"(v) : "memory"); }
static inline void isync(void) { __asm__ volatile("isync" ::: "memory"); }
static inline void sync(void) { __asm__ volatile("sync" ::: "memory"); }

/* exception frame built by crt0.S (see sprs.h for offsets) */
struct frame {
    uint32_t backchain, lrsave;
    uint32_t gpr[32];
    uint32_t cr, lr, ctr, xer;
    uint32_t srr0, srr1;      /* CSRR0/CSRR1 for critical vectors */
    uint32_t esr, dear;
    uint32_t vec;
};

typedef void (*exc_hook_t)(struct frame *f);
extern exc_hook_t exc_hooks[16];
void exc_dispatch(uint32_t vec, struct frame *f);

/* UART0 (NS16550 at 0xEF600300) */
#define UART_BASE 0xEF600300u
static inline volatile uint8_t *uart_reg(int r) { return (volatile uint8_t *)(UART_BASE + r); }
void putc_(char c);
void puts_(const char *s);
void puthex(uint32_t v, int digits);
/* printf subset: %x = 8 hex digits, %2x/%4x = fixed width, %L = 64-bit hex
 * (16 digits), %s, %d = unsigned decimal, %c, %% */
void pr(const char *fmt, ...);

void reset(void) __attribute__((noreturn));
int main(void);

#endif
