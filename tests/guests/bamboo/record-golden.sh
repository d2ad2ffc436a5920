#!/bin/sh
# record-golden.sh - run each guest ELF on QEMU's bamboo board and record the
# exact UART bytes as <name>.golden.  Usage: ./record-golden.sh [name...]
# The serial port is captured with '-serial file:' so bytes are stored raw
# (no LF->CRLF translation, no monitor text).  The guest ends by requesting
# a system reset through DBCR0[RST]; with -no-reboot QEMU then exits 0.
set -eu
cd "$(dirname "$0")"
QEMU=${QEMU:-qemu-system-ppc}
TIMEOUT=${TIMEOUT:-60}
progs=${*:-"hello integer fpu interrupts tlb uart"}
status=0
for p in $progs; do
    out=$(mktemp)
    if timeout "$TIMEOUT" "$QEMU" -M bamboo -m 128M -display none -monitor none \
        -nodefaults -no-reboot -serial "file:$out" -kernel "$p.elf" </dev/null; then
        mv "$out" "$p.golden"
        chmod 644 "$p.golden"
        echo "$p: $(wc -l < "$p.golden") lines"
    else
        echo "$p: QEMU failed or timed out" >&2
        rm -f "$out"
        status=1
    fi
done
exit $status
