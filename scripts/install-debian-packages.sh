#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet, quietly and without
# upgrading any package that is already installed (apt's plan is simulated first and every upgrade
# it would make is pinned to the installed version). apt's output goes to a log file
# ($PPCVIRT_APT_LOG, default ~/.cache/ppcvirt/apt.log); progress lines go to stderr.
#
# Usage: scripts/install-debian-packages.sh PACKAGE...
set -euo pipefail

log() { printf '[install-debian-packages] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

install_missing() {
    local missing=() p
    for p in "$@"; do
        pkg_installed "$p" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
        sudo=(sudo)
    fi
    local aptlog="${PPCVIRT_APT_LOG:-${PPCVIRT_CACHE:-$HOME/.cache/ppcvirt}/apt.log}"
    mkdir -p "$(dirname "$aptlog")"
    log "installing Debian packages: ${missing[*]} (log: $aptlog)"
    "${sudo[@]}" apt-get update -qq >> "$aptlog" 2>&1
    # Never upgrade an unrelated installed package: ask apt what it would do and pin every package
    # it would upgrade to the version already installed. If that cannot be satisfied, say so.
    local keep=() line name old
    while read -r line; do
        # "Inst name [installed-version] (candidate ...)" marks an upgrade.
        name="$(sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\].*/\1/p' <<< "$line")"
        old="$(sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\].*/\2/p' <<< "$line")"
        [ -n "$name" ] && keep+=("$name=$old")
    done < <(DEBIAN_FRONTEND=noninteractive apt-get install -s -y --no-install-recommends "${missing[@]}" 2>/dev/null | grep '^Inst ')
    if [ ${#keep[@]} -gt 0 ]; then
        log "keeping installed versions of: ${keep[*]}"
        if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
                --allow-downgrades "${missing[@]}" "${keep[@]}" >> "$aptlog" 2>&1; then
            log "warning: apt cannot install ${missing[*]} without upgrading ${keep[*]%%=*}; upgrading them"
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
                "${missing[@]}" >> "$aptlog" 2>&1 || die "apt-get install failed (see $aptlog)"
        fi
    else
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >> "$aptlog" 2>&1 || die "apt-get install failed (see $aptlog)"
    fi
    log "installed ${missing[*]}"
}

install_missing "$@"
