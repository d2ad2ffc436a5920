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
progs=${*:-"hello integer fpu fpexc interrupts tlb uart mac"}
status=0
for p in $progs; do
    out=$(mktemp)
    # QEMU 7.2 occasionally fails to exit after the guest's reset request
    # (seen under heavy host load); retry a few times.
    ok=0
    for attempt in 1 2 3; do
        if timeout -k 5 "$TIMEOUT" "$QEMU" -M bamboo -m 128M -display none -monitor none \
            -nodefaults -no-reboot -serial "file:$out" -kernel "$p.elf" </dev/null; then
            ok=1
            break
        fi
    done
    if [ $ok = 1 ]; then
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
