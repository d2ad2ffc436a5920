#!/usr/bin/env bash
# Builds PpcVirt's reproducible Linux 6.1 test kernel for the PPC440 Bamboo
# guest (an ELF vmlinux with a built-in initramfs holding linux/init/init.c).
#
# Usage: linux/build-bamboo-kernel.sh [--print-path] [--force] [--help]
#
#   (no option)   build unless the cache already holds a kernel for the
#                 current inputs; either way the last line of stdout is the
#                 absolute path of vmlinux
#   --print-path  only print the cached vmlinux path; exit 1 if it is absent
#                 (never installs or builds anything)
#   --force       rebuild even when the cache holds a kernel for this key
#
# Environment:
#   PPCVIRT_CACHE      cache root (default $HOME/.cache/ppcvirt); the kernel is
#                      built in $PPCVIRT_CACHE/linux440/<key>/
#   PPCVIRT_JOBS       parallel make jobs (default: nproc)
#   PPCVIRT_KEEP_TREE  1 = keep the extracted source and the object tree
#                      after a successful build (default: delete them)
#
# Inputs of the cache key (sha256, first 16 hex digits): this script, the
# config fragment, init.c, the Kconfig patch, the Debian version of
# linux-source-6.1, and the versions of the PowerPC cross compiler and C
# library. Change any of them and the next run builds a new kernel.
#
# Progress goes to stderr; the full make output goes to <key>/build.log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
FRAGMENT="$HERE/bamboo.config-fragment"
INIT_C="$HERE/init/init.c"
PATCH_FILE="$HERE/patches/0001-bamboo-do-not-force-pci.patch"
TARBALL=/usr/src/linux-source-6.1.tar.xz
SRC_PKG=linux-source-6.1
CROSS=powerpc-linux-gnu-
CACHE_ROOT="${PPCVIRT_CACHE:-$HOME/.cache/ppcvirt}/linux440"
JOBS="${PPCVIRT_JOBS:-$(nproc)}"

PACKAGES=(linux-source-6.1 gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
          make gcc libc6-dev flex bison bc libssl-dev libelf-dev
          device-tree-compiler cpio xz-utils patch binutils)

# Everything that can leak into the kernel image is pinned here.
export SOURCE_DATE_EPOCH=1704067200
export KBUILD_BUILD_TIMESTAMP="Mon Jan  1 00:00:00 UTC 2024"
export KBUILD_BUILD_USER=ppcvirt
export KBUILD_BUILD_HOST=ppcvirt
export KBUILD_BUILD_VERSION=1
export LC_ALL=C
export TZ=UTC
unset KBUILD_OUTPUT KCONFIG_CONFIG LOCALVERSION KCFLAGS KCPPFLAGS KAFLAGS \
      KBUILD_EXTRA_SYMBOLS ARCH CROSS_COMPILE || true
umask 022

log() { printf '[build-bamboo-kernel] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

MODE=build
FORCE=0
for arg in "$@"; do
    case "$arg" in
        --print-path) MODE=print ;;
        --force) FORCE=1 ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$SELF"; exit 0 ;;
        *) die "unknown option: $arg (try --help)" ;;
    esac
done

pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

pkg_version() {
    dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true
}

install_missing_packages() {
    PPCVIRT_APT_LOG="$CACHE_ROOT/apt.log" bash "$HERE/../scripts/install-debian-packages.sh" "${PACKAGES[@]}" \
        || die "could not install the Debian packages the build needs"
}

# Prints the cache key, or nothing when an input package is not installed.
compute_key() {
    local src_ver gcc_ver libc_ver
    src_ver="$(pkg_version "$SRC_PKG")"
    [ -n "$src_ver" ] || return 0
    command -v "${CROSS}gcc" >/dev/null || return 0
    gcc_ver="$("${CROSS}gcc" --version | head -n1)"
    libc_ver="$(pkg_version libc6-dev-powerpc-cross)"
    {
        echo "ppcvirt-linux440-key-v1"
        echo "script $(sha256sum < "$SELF" | cut -d' ' -f1)"
        echo "fragment $(sha256sum < "$FRAGMENT" | cut -d' ' -f1)"
        echo "init.c $(sha256sum < "$INIT_C" | cut -d' ' -f1)"
        echo "patch $(sha256sum < "$PATCH_FILE" | cut -d' ' -f1)"
        echo "$SRC_PKG $src_ver"
        echo "gcc $gcc_ver"
        echo "libc6-dev-powerpc-cross $libc_ver"
    } | sha256sum | cut -c1-16
}

cached_vmlinux() { # $1 = key dir; succeeds when it holds a finished build
    [ -f "$1/.complete" ] && [ -f "$1/vmlinux" ]
}

finish() { # $1 = vmlinux path
    printf '%s\n' "$1" > "$CACHE_ROOT/latest.tmp.$$"
    mv -f "$CACHE_ROOT/latest.tmp.$$" "$CACHE_ROOT/latest"
    printf '%s\n' "$1"
    exit 0
}

if [ "$MODE" = print ]; then
    KEY="$(compute_key)"
    [ -n "$KEY" ] || exit 1
    cached_vmlinux "$CACHE_ROOT/$KEY" || exit 1
    printf '%s\n' "$CACHE_ROOT/$KEY/vmlinux"
    exit 0
fi

# Fast path without the lock or any package work.
KEY="$(compute_key)"
if [ "$FORCE" = 0 ] && [ -n "$KEY" ] && cached_vmlinux "$CACHE_ROOT/$KEY"; then
    log "cached kernel for key $KEY"
    mkdir -p "$CACHE_ROOT"
    finish "$CACHE_ROOT/$KEY/vmlinux"
fi

mkdir -p "$CACHE_ROOT"
exec 9> "$CACHE_ROOT/.lock"
if ! flock -n 9; then
    log "waiting for another build (lock $CACHE_ROOT/.lock)"
    flock 9
fi

install_missing_packages
[ -f "$TARBALL" ] || die "$TARBALL is missing (package $SRC_PKG)"
KEY="$(compute_key)"
[ -n "$KEY" ] || die "cannot compute the cache key (are $SRC_PKG and gcc-powerpc-linux-gnu installed?)"
D="$CACHE_ROOT/$KEY"

# Somebody else may have finished the same build while we waited.
if [ "$FORCE" = 0 ] && cached_vmlinux "$D"; then
    log "cached kernel for key $KEY"
    finish "$D/vmlinux"
fi

log "building kernel for key $KEY in $D"
START=$(date +%s)
rm -rf "$D"
mkdir -p "$D/initramfs" "$D/src" "$D/build"

# 1. /init: static, stripped, pinned mtime (gen_init_cpio records it).
log "compiling /init"
"${CROSS}gcc" -static -Os -Wall -Wextra -o "$D/initramfs/init" "$INIT_C"
"${CROSS}strip" "$D/initramfs/init"
touch -h -d "@$SOURCE_DATE_EPOCH" "$D/initramfs/init"
cat > "$D/initramfs/initramfs.list" <<EOF
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
file /init $D/initramfs/init 0755 0 0
EOF

# 2. Source: Debian's tarball plus the one Kconfig patch.
log "extracting $TARBALL"
tar -C "$D/src" -xf "$TARBALL"
S="$D/src/linux-source-6.1"
[ -f "$S/Makefile" ] || die "unexpected tarball layout"
patch -s -p1 -d "$S" < "$PATCH_FILE"
if sed -n '/^config BAMBOO$/,/^config /p' "$S/arch/powerpc/platforms/44x/Kconfig" | grep -q FORCE_PCI; then
    die "Kconfig patch did not remove FORCE_PCI from BAMBOO"
fi

B="$D/build"
MAKE=(make -s -C "$S" O="$B" ARCH=powerpc CROSS_COMPILE="$CROSS")

# 3. Configuration: bamboo_defconfig + the fragment.
log "configuring (44x/bamboo_defconfig + $(basename "$FRAGMENT"))"
"${MAKE[@]}" 44x/bamboo_defconfig > "$D/build.log" 2>&1 || { tail -n 40 "$D/build.log" >&2; die "defconfig failed"; }

# Parses the fragment into lines "enable SYM", "disable SYM", "str SYM VALUE".
parse_fragment() {
    local line sym val
    while IFS= read -r line || [ -n "$line" ]; do
        if [[ "$line" =~ ^#\ CONFIG_([A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
            echo "disable ${BASH_REMATCH[1]}"
        elif [[ "$line" =~ ^CONFIG_([A-Za-z0-9_]+)=y$ ]]; then
            echo "enable ${BASH_REMATCH[1]}"
        elif [[ "$line" =~ ^CONFIG_([A-Za-z0-9_]+)=\"(.*)\"$ ]]; then
            sym="${BASH_REMATCH[1]}"; val="${BASH_REMATCH[2]}"
            echo "str $sym ${val//@INITRAMFS_LIST@/$D/initramfs/initramfs.list}"
        elif [[ "$line" =~ ^[[:space:]]*(#.*)?$ ]]; then
            :
        else
            die "bad line in $FRAGMENT: $line"
        fi
    done < "$FRAGMENT"
}
parse_fragment > "$D/fragment.ops"
mapfile -t OPS < "$D/fragment.ops"
[ ${#OPS[@]} -gt 0 ] || die "empty config fragment"
CFG_ARGS=()
for op in "${OPS[@]}"; do
    read -r kind sym val <<< "$op"
    case "$kind" in
        enable) CFG_ARGS+=(--enable "$sym") ;;
        disable) CFG_ARGS+=(--disable "$sym") ;;
        str) CFG_ARGS+=(--set-str "$sym" "$val") ;;
    esac
done
"$S/scripts/config" --file "$B/.config" "${CFG_ARGS[@]}"
"${MAKE[@]}" olddefconfig >> "$D/build.log" 2>&1 || { tail -n 40 "$D/build.log" >&2; die "olddefconfig failed"; }

# Every fragment line must have survived olddefconfig.
for op in "${OPS[@]}"; do
    read -r kind sym val <<< "$op"
    case "$kind" in
        enable) grep -qx "CONFIG_$sym=y" "$B/.config" || die "CONFIG_$sym=y did not stick" ;;
        disable) ! grep -q "^CONFIG_$sym=" "$B/.config" || die "CONFIG_$sym is still set" ;;
        str) grep -qxF "CONFIG_$sym=\"$val\"" "$B/.config" || die "CONFIG_$sym=\"$val\" did not stick" ;;
    esac
done
for want in CONFIG_BAMBOO=y CONFIG_SERIAL_8250_CONSOLE=y CONFIG_BLK_DEV_INITRD=y; do
    grep -qx "$want" "$B/.config" || die "$want missing from .config"
done
! grep -q '^CONFIG_PCI=' "$B/.config" || die "CONFIG_PCI is still set"

# 4. Build.
log "make -j$JOBS vmlinux (several minutes; log: $D/build.log)"
if ! nice -n 10 "${MAKE[@]}" -j"$JOBS" vmlinux >> "$D/build.log" 2>&1; then
    tail -n 60 "$D/build.log" >&2
    die "kernel build failed"
fi

# 5. Check and collect the results.
V="$B/vmlinux"
HDR="$("${CROSS}readelf" -h "$V")"
grep -q 'Class:[[:space:]]*ELF32' <<< "$HDR" || die "vmlinux is not ELF32"
grep -q 'big endian' <<< "$HDR" || die "vmlinux is not big-endian"
grep -q 'Entry point address:[[:space:]]*0xc0000000' <<< "$HDR" || die "vmlinux entry is not 0xc0000000"
LOADS="$("${CROSS}readelf" -lW "$V" | awk '$1 == "LOAD"')"
[ "$(wc -l <<< "$LOADS")" -eq 1 ] || die "vmlinux has more than one LOAD segment"
read -r _ _ vaddr paddr _ <<< "$LOADS"
[ "$vaddr" = 0xc0000000 ] && [ "$paddr" = 0x00000000 ] \
    || die "unexpected LOAD segment: $LOADS"

cp "$V" "$D/vmlinux.tmp"
cp "$B/System.map" "$D/System.map"
cp "$B/.config" "$D/config"
cp "$B/usr/initramfs_data.cpio" "$D/initramfs.cpio"
mv -f "$D/vmlinux.tmp" "$D/vmlinux"
END=$(date +%s)
{
    echo "key=$KEY"
    echo "linux-source-6.1=$(pkg_version "$SRC_PKG")"
    echo "gcc=$("${CROSS}gcc" --version | head -n1)"
    echo "build_seconds=$((END - START))"
    echo "jobs=$JOBS"
} > "$D/build-info.txt"
(cd "$D" && sha256sum vmlinux initramfs.cpio initramfs/init > SHA256SUMS)
if [ "${PPCVIRT_KEEP_TREE:-0}" != 1 ]; then
    rm -rf "$D/src" "$D/build"
fi
touch "$D/.complete"
log "built in $((END - START)) s: $(cut -d' ' -f1 < <(sha256sum "$D/vmlinux"))  vmlinux"
finish "$D/vmlinux"
