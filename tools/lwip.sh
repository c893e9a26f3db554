#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# lwip.sh: lwIP 2.1.3's upstream source (the .orig tarball of Debian's lwip
# source package, without Debian's patches), fetched once into a per-user
# cache through a private apt configuration that leaves the system's alone.
#   lwip.sh prefix   print the source directory (instant, fetches nothing)
#   lwip.sh fetch    fetch and unpack it there unless already done
set -euo pipefail

VERSION=2.1.3
# shellcheck source=tools/cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/cache.sh"
PREFIX=$CACHE/lwip-$VERSION
# shellcheck source=tools/debsrc.sh
. "$(dirname "${BASH_SOURCE[0]}")/debsrc.sh"

die() {
    echo "lwip.sh: $*" >&2
    exit 1
}

work=''
cleanup() {
    [ -z "$work" ] || rm -rf "$work"
}

# Only the upstream tarball is unpacked: Debian's patches stay out.
unpack() {
    local tarball dirs v
    tarball=$(echo "$work/dl/lwip_$VERSION"*.orig.tar.*)
    [ -f "$tarball" ] || die "no lwip $VERSION .orig tarball in: $(echo "$work"/dl/*)"
    echo "lwip: unpack $(basename "$tarball")" >&2
    mkdir "$work/x"
    tar -C "$work/x" -xf "$tarball"
    dirs=("$work"/x/*)
    if [ ${#dirs[@]} -ne 1 ] || [ ! -f "${dirs[0]}/src/core/tcp.c" ]; then
        die "unexpected layout in $(basename "$tarball")"
    fi
    # Upstream's tarball carries git archive's comment as a plain file.
    rm -f "${dirs[0]}/pax_global_header"
    v=$(awk '/#define LWIP_VERSION_(MAJOR|MINOR|REVISION)[ \t]/ { printf "%s%s", s, $3; s = "." }' \
        "${dirs[0]}/src/include/lwip/init.h" | tr -d '\r')
    [ "$v" = "$VERSION" ] || die "$(basename "$tarball") holds lwIP $v, not $VERSION"
    (cd "$work/dl" && sha256sum "$(basename "$tarball")") >"${dirs[0]}/.stamp"
    mv "${dirs[0]}" "$work/src"
}

fetch() {
    # We hold the lock: any other fetch directory is from a killed fetch.
    rm -rf "$CACHE"/.lwip-fetch.*
    work=$(mktemp -d "$CACHE/.lwip-fetch.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    debsrc_download lwip "$work" "$work/dl"
    unpack
    # The tree appears complete, stamp included, in one rename.
    rm -rf "$PREFIX"
    mv "$work/src" "$PREFIX"
    echo "lwip: $PREFIX" >&2
}

cache_main lwip fetch fetch "$PREFIX" "$@"
