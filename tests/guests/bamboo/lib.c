/* lib.c - UART output, formatted printing, interrupt dispatch. */
#include <stdarg.h>
#include "lib.h"

exc_hook_t exc_hooks[16];

void putc_(char c)
{
    while (!(*uart_reg(5) & 0x20))
        ;
    *uart_reg(0) = (uint8_t)c;
}

void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

void puthex(uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        putc_("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
}

static void putdec(uint32_t v)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        putc_(buf[--n]);
}

void pr(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc_(*fmt);
            continue;
        }
        fmt++;
        int width = 8;
        if (*fmt >= '1' && *fmt <= '8')
            width = *fmt++ - '0';
        switch (*fmt) {
        case 'x': puthex(va_arg(ap, uint32_t), width); break;
        case 'L': {
            uint64_t v = va_arg(ap, uint64_t);
            puthex((uint32_t)(v >> 32), 8);
            puthex((uint32_t)v, 8);
            break;
        }
        case 's': puts_(va_arg(ap, const char *)); break;
        case 'd': putdec(va_arg(ap, uint32_t)); break;
        case 'c': putc_((char)va_arg(ap, int)); break;
        case '%': putc_('%'); break;
        default: putc_('?'); break;
        }
    }
    va_end(ap);
}

void exc_dispatch(uint32_t vec, struct frame *f)
{
    if (vec < 16 && exc_hooks[vec]) {
        exc_hooks[vec](f);
        return;
    }
    pr("UNEXPECTED INTERRUPT vec=%d srr0=%x srr1=%x esr=%x dear=%x\n",
       vec, f->srr0, f->srr1, f->esr, f->dear);
    reset();
}
