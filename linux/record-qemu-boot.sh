#!/usr/bin/env bash
# Boots the Bamboo test kernel on QEMU's reference PPC440 Bamboo machine and
# records the serial console as the golden log PpcVirt's tests compare with.
#
# Usage: linux/record-qemu-boot.sh [--vmlinux PATH] [--out FILE] [--timeout SECONDS]
#
#   --vmlinux  kernel to boot (default: the one linux/build-bamboo-kernel.sh
#              builds or has cached; it is built if needed)
#   --out      where to write the log (default: linux/golden/boot-qemu.log);
#              FILE.info gets the kernel's sha256, QEMU's version and the
#              wall time of the boot
#   --timeout  seconds before a hung QEMU is killed (default 60); a boot is
#              tried up to 3 times (QEMU sometimes hangs after the reset)
#
# The golden log is only valid for the exact kernel bytes it was recorded
# from: re-record it whenever the kernel's cache key changes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VMLINUX=""
OUT="$HERE/golden/boot-qemu.log"
TIMEOUT=60
ATTEMPTS=3
APPEND="console=ttyS0,115200"

log() { printf '[record-qemu-boot] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --vmlinux) VMLINUX="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown option: $1 (try --help)" ;;
    esac
done

command -v qemu-system-ppc >/dev/null || die "qemu-system-ppc is not installed (Debian package qemu-system-ppc)"
if [ -z "$VMLINUX" ]; then
    VMLINUX="$("$HERE/build-bamboo-kernel.sh" | tail -n1)"
fi
[ -f "$VMLINUX" ] || die "no kernel at $VMLINUX"

export LC_ALL=C TZ=UTC
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

ok=0
for attempt in $(seq 1 "$ATTEMPTS"); do
    log "attempt $attempt: qemu-system-ppc -M bamboo -kernel $VMLINUX"
    start=$(date +%s.%N)
    rc=0
    timeout -k 5 "$TIMEOUT" qemu-system-ppc -M bamboo -m 128M -display none \
        -nographic -monitor none -no-reboot \
        -kernel "$VMLINUX" -append "$APPEND" \
        < /dev/null > "$TMP/raw.log" 2> "$TMP/qemu.err" || rc=$?
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    tr -d '\r' < "$TMP/raw.log" > "$TMP/boot.log"
    if grep -q 'PPCVIRT-INIT-OK' "$TMP/boot.log" \
        && grep -q 'PPCVIRT-END: reboot' "$TMP/boot.log" \
        && grep -q 'reboot: Restarting system' "$TMP/boot.log"; then
        ok=1
        log "attempt $attempt: booted to userspace and rebooted in ${wall} s (qemu exit $rc)"
        break
    fi
    log "attempt $attempt failed (exit $rc after ${wall} s); last lines:"
    tail -n 5 "$TMP/boot.log" >&2 || true
    cat "$TMP/qemu.err" >&2 || true
done
[ "$ok" = 1 ] || die "no good boot in $ATTEMPTS attempts"

for marker in 'PPCVIRT-INIT-OK' 'PPCVIRT-CPUINFO-END' 'PPCVIRT-END: reboot' \
              'reboot: Restarting system'; do
    grep -q "$marker" "$TMP/boot.log" || die "log lacks '$marker'"
done
grep -Eq '^cpu[[:space:]]*: 440EP' "$TMP/boot.log" || die "log lacks the cpuinfo 'cpu : 440EP' line"

mkdir -p "$(dirname "$OUT")"
cp "$TMP/boot.log" "$OUT"
{
    echo "vmlinux_sha256=$(sha256sum < "$VMLINUX" | cut -d' ' -f1)"
    echo "qemu=$(qemu-system-ppc --version | head -n1)"
    echo "command=qemu-system-ppc -M bamboo -m 128M -display none -nographic -monitor none -no-reboot -kernel vmlinux -append \"$APPEND\""
    echo "wall_seconds=$wall"
} > "$OUT.info"
log "wrote $OUT ($(wc -l < "$OUT") lines) and $OUT.info"
