/* uart.c - NS16550 (8250-style) UART0 register behaviour at 0xEF600300:
 * reset values, scratch register, divisor latch access (LCR[DLAB]),
 * FIFO enable reflected in IIR[7:6], THR-empty interrupt identification,
 * loopback mode.  Register values are read into variables first and
 * printed afterwards (printing itself changes LSR transiently). */
#include "lib.h"

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
static inline uint8_t rd(int r) { return *uart_reg(r); }
static inline void wr(int r, uint8_t v) { *uart_reg(r) = v; }
static void drain(void) { while ((rd(LSR) & 0x60) != 0x60) ; }

int main(void)
{
    uint8_t a, b, c, d, e, f;
    puts_("uart: NS16550 register tests\n");
    puts_("write string: The quick brown fox jumps over the lazy dog 0123456789\n");
    drain();
    /* SCR is not printed here: its reset value is undefined on a 16550 */
    a = rd(IER); b = rd(IIR); c = rd(LCR); d = rd(MCR); e = rd(LSR);
    pr("after reset: ier=%2x iir=%2x lcr=%2x mcr=%2x lsr=%2x\n", a, b, c, d, e);

    wr(SCR, 0xa5); a = rd(SCR);
    wr(SCR, 0x5a); b = rd(SCR);
    wr(SCR, 0x00); c = rd(SCR);
    pr("scratch: a5->%2x 5a->%2x 00->%2x\n", a, b, c);

    drain();
    wr(LCR, 0x83);
    wr(DLL, 0x0c); wr(DLM, 0x01);
    a = rd(DLL); b = rd(DLM); c = rd(LCR);
    wr(LCR, 0x03);
    d = rd(IER); e = rd(LCR);
    pr("dlab: lcr=83 dll=%2x dlm=%2x lcr=%2x; after lcr=03: ier=%2x lcr=%2x\n", a, b, c, d, e);
    wr(LCR, 0x83); wr(DLL, 0x01); wr(DLM, 0x00); wr(LCR, 0x03);

    wr(LCR, 0x1b); a = rd(LCR);      /* 8 bits, 1 stop, even parity */
    wr(LCR, 0x03); b = rd(LCR);
    pr("lcr: 1b->%2x 03->%2x\n", a, b);

    drain();
    wr(FCR, 0x01); a = rd(IIR);
    wr(FCR, 0x07); b = rd(IIR);
    wr(FCR, 0x00); c = rd(IIR);
    pr("fifo: fcr=01 iir=%2x fcr=07 iir=%2x fcr=00 iir=%2x\n", a, b, c);

    drain();
    wr(IER, 0x02); a = rd(IIR); b = rd(IIR); c = rd(IER);
    wr(IER, 0x00); d = rd(IIR); e = rd(IER);
    pr("thri: ier=02 iir=%2x iir(again)=%2x ier=%2x; ier=00 iir=%2x ier=%2x\n", a, b, c, d, e);

    drain();
    wr(MCR, 0x10); a = rd(MCR);
    wr(THR, 'Z');
    for (int i = 0; i < 100000 && !(rd(LSR) & 0x01); i++)
        ;
    b = rd(LSR) & 0x61; c = rd(RBR); d = rd(LSR) & 0x61;
    wr(MCR, 0x1f); (void)rd(MSR); e = rd(MSR);
    wr(MCR, 0x00); (void)rd(MSR); f = rd(MCR);
    pr("loopback: mcr=%2x lsr(after tx)=%2x rbr=%2x lsr(after rx)=%2x msr(mcr=1f)=%2x mcr=%2x\n", a, b, c, d, e, f);

    drain();
    a = rd(LSR); b = rd(IIR);
    pr("final: lsr=%2x iir=%2x\n", a, b);
    puts_("uart: done\n");
    return 0;
}
