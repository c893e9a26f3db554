#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# newlib.sh: newlib 3.3.0 from Debian's newlib-source, built once with the
# host gcc for ukos's freestanding x86_64 target into a cache shared by all
# clones on this machine.
#   newlib.sh prefix   print the install directory (instant, builds nothing)
#   newlib.sh build    build and install it there unless already done
set -euo pipefail

VERSION=3.3.0
TARBALL=/usr/src/newlib/newlib-$VERSION.tar.xz
CACHE=${UKOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ukos}
GCC_INCLUDE=$(gcc -print-file-name=include)

# No red zone (interrupts land on the current stack), frame pointers
# (crash backtraces), the canary at %fs:0x28 (set up by ukos), no PIE/CET
# (Debian's gcc defaults; the image is linked at a fixed address).
TARGET_CFLAGS="-O2 -g -fno-pie -fno-pic -fcf-protection=none -mno-red-zone \
-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fstack-protector-strong \
-ffunction-sections \
-fdata-sections -fno-asynchronous-unwind-tables -nostdinc -isystem $GCC_INCLUDE"
CONFIGURE_FLAGS=(--target=x86_64-elf --disable-multilib
    --disable-newlib-supplied-syscalls --enable-newlib-retargetable-locking
    --enable-newlib-io-c99-formats --enable-newlib-io-long-long)

# The key covers everything that changes the result.
key=$(printf '%s\n' "$VERSION" "$TARGET_CFLAGS" "${CONFIGURE_FLAGS[*]}" "$(gcc -dumpfullversion)" |
    sha256sum | cut -c1-12)
PREFIX=$CACHE/newlib-$VERSION-$key

# Every *_FOR_TARGET tool is named: without READELF_FOR_TARGET configure
# silently drops HAVE_INITFINI_ARRAY and constructors never run.
configure() {
    "$1/configure" "${CONFIGURE_FLAGS[@]}" --prefix="$2" \
        CC_FOR_TARGET=gcc AR_FOR_TARGET=ar AS_FOR_TARGET=as LD_FOR_TARGET=ld \
        NM_FOR_TARGET=nm RANLIB_FOR_TARGET=ranlib OBJCOPY_FOR_TARGET=objcopy \
        OBJDUMP_FOR_TARGET=objdump STRIP_FOR_TARGET=strip \
        READELF_FOR_TARGET=readelf CFLAGS_FOR_TARGET="$TARGET_CFLAGS"
}

# Count compiled objects every few seconds so a minute of building shows.
progress() {
    local log=$1
    while sleep 5; do
        printf '  newlib: %s objects compiled\n' "$(grep -c -- ' -c ' "$log" 2>/dev/null || true)" >&2
    done
}

work=
cleanup() {
    [ -z "$work" ] || rm -rf "$work"
}

build() {
    local log pid
    [ -r "$TARBALL" ] || { echo "newlib.sh: $TARBALL missing (apt-get install newlib-source)" >&2; exit 1; }
    work=$(mktemp -d "$CACHE/.newlib-build.XXXXXX")
    log=$work/build.log
    trap cleanup EXIT
    echo "newlib: building $VERSION into $PREFIX (about a minute; log: $log)" >&2
    tar -C "$work" -xf "$TARBALL"
    mkdir "$work/b"
    progress "$log" & pid=$!
    if ! (cd "$work/b" && configure "$work/newlib-salsa" "$work/inst" &&
        make -j"$(nproc)" all-target-newlib && make install-target-newlib) >"$log" 2>&1; then
        kill "$pid" 2>/dev/null || true
        tail -n 30 "$log" >&2
        echo "newlib.sh: build failed" >&2
        exit 1
    fi
    kill "$pid" 2>/dev/null || true
    if ! grep -q 'define HAVE_INITFINI_ARRAY 1' "$work/inst/x86_64-elf/include/newlib.h"; then
        echo "newlib.sh: HAVE_INITFINI_ARRAY missing: constructors would not run" >&2
        exit 1
    fi
    # Install atomically: a half-built prefix must never look complete.
    rm -rf "$PREFIX"
    mv "$work/inst/x86_64-elf" "$PREFIX"
    touch "$PREFIX/.stamp"
    echo "newlib: done" >&2
}

case "${1:-}" in
prefix)
    echo "$PREFIX"
    ;;
build)
    [ -e "$PREFIX/.stamp" ] && exit 0
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.newlib.lock"
    flock 9
    [ -e "$PREFIX/.stamp" ] || build
    ;;
*)
    echo "usage: newlib.sh prefix|build" >&2
    exit 2
    ;;
esac
