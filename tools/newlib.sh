#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# newlib.sh: newlib 3.3.0 from Debian's newlib-source, built once with the
# host gcc for ukos's freestanding x86_64 target into a per-user cache.
#   newlib.sh prefix   print the install directory (instant, builds nothing)
#   newlib.sh build    build and install it there unless already done
set -euo pipefail

VERSION=3.3.0
TARBALL=/usr/src/newlib/newlib-$VERSION.tar.xz
# shellcheck source=tools/cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/cache.sh"

die() {
    echo "newlib.sh: $*" >&2
    exit 1
}

command -v gcc >/dev/null || die "gcc is missing (run tools/ukos-deps)"
GCC_INCLUDE=$(gcc -print-file-name=include)

# The same code-generation flags as ukos itself: no red zone (interrupts
# land on the current stack), frame pointers (crash backtraces), the canary
# at %fs:0x28 (set up by ukos), stack-clash probes (large frames touch
# every page, so they meet a stack's guard page), no PIE/CET (Debian's gcc defaults; the image
# is linked at a fixed address), sections for --gc-sections. -nostdinc keeps
# glibc's headers out; gcc's own (stddef.h, stdarg.h) stay. The .S files
# (memcpy, memset, setjmp) carry no GNU-stack note, so as adds one.
# HAVE_MKDIR: ukos has mkdir (in /tmp), so mkdtemp may make directories.
TARGET_CFLAGS="-O2 -g -fno-pie -fno-pic -fcf-protection=none -mno-red-zone \
-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fstack-protector-strong \
-fstack-clash-protection \
-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
-D__DYNAMIC_REENT__ -DHAVE_MKDIR -Wa,--noexecstack -nostdinc -isystem $GCC_INCLUDE"
# Retargetable locking with multithreading left on: ukos maps the locks to
# kernel mutexes. Global stdio streams: every thread's stdout is the same
# FILE (one buffer, flushed at exit), not one per thread's struct _reent.
# The system calls are ukos's, not newlib's stubs.
CONFIGURE_FLAGS=(--target=x86_64-elf --disable-multilib
    --disable-newlib-supplied-syscalls --enable-newlib-retargetable-locking
    --enable-newlib-io-c99-formats --enable-newlib-io-long-long
    --enable-newlib-global-stdio-streams)

# Every *_FOR_TARGET tool is named: configure looks for x86_64-elf-* tools
# otherwise, and without READELF_FOR_TARGET it silently drops
# HAVE_INITFINI_ARRAY, so constructors would never run.
configure_newlib() {
    "$1/configure" "${CONFIGURE_FLAGS[@]}" --prefix="$2" \
        CC_FOR_TARGET=gcc AR_FOR_TARGET=ar AS_FOR_TARGET=as LD_FOR_TARGET=ld \
        NM_FOR_TARGET=nm RANLIB_FOR_TARGET=ranlib OBJCOPY_FOR_TARGET=objcopy \
        OBJDUMP_FOR_TARGET=objdump STRIP_FOR_TARGET=strip \
        READELF_FOR_TARGET=readelf CFLAGS_FOR_TARGET="$TARGET_CFLAGS"
}

# How the log shows a compile for the target: CC_FOR_TARGET plus -B paths.
TARGET_CC_LINE='^gcc -B[^ ]*/x86_64-elf/newlib/ .* -c '

# newlib installs under <prefix>/x86_64-elf/; ukos wants <prefix>/include
# and <prefix>/lib, so the staged tree is that subdirectory.
check_install() {
    local inst=$1 log=$2
    grep -q '^#define HAVE_INITFINI_ARRAY 1' "$inst/include/newlib.h" ||
        die "HAVE_INITFINI_ARRAY is not defined: constructors would not run"
    grep -q '^#define _WANT_REENT_GLOBAL_STDIO_STREAMS 1' "$inst/include/newlib.h" ||
        die "stdio streams are not global: each thread would buffer its own stdout"
    local a
    for a in libc.a libm.a; do
        [ -f "$inst/lib/$a" ] || die "$a was not installed"
    done
    # A target compile line without our flags means CFLAGS_FOR_TARGET was
    # dropped somewhere (host tools such as makedoc use their own flags).
    if grep -qv -- '-mno-red-zone' < <(grep -E "$TARGET_CC_LINE" "$log"); then
        die "some files were compiled without the target flags (see $log)"
    fi
}

# The key covers everything that changes the result: the flags, the gcc
# that compiles, and the functions above (declare -f prints them without
# comments, so editing a comment does not force a rebuild).
key=$(printf '%s\n' "$VERSION" "$TARGET_CFLAGS" "${CONFIGURE_FLAGS[*]}" \
    "$(gcc -dumpfullversion)" "$(declare -f configure_newlib check_install)" |
    sha256sum | cut -c1-12)
PREFIX=$CACHE/newlib-$VERSION-$key
LOG=$PREFIX.log

work=''
ticker=''
cleanup() {
    [ -z "$ticker" ] || kill "$ticker" 2>/dev/null || true
    [ -z "$work" ] || rm -rf "$work"
}

# Print how many files are compiled every few seconds, so a minute and a
# half of building shows progress without the compiler's output.
tick() {
    local n
    while sleep 10; do
        n=$(grep -cE "$TARGET_CC_LINE" "$LOG" 2>/dev/null || true)
        if [ "${n:-0}" -eq 0 ]; then
            echo "newlib:   configuring the target libraries" >&3
        else
            echo "newlib:   $n files compiled" >&3
        fi
    done
}

# Runs with $LOG on stdout and stderr; progress goes to fd 3.
run_build() {
    local src=$1 inst=$2
    (cd "$work/build" && configure_newlib "$src" "$inst") || return 1
    echo "newlib: build" >&3
    tick & ticker=$!
    make -C "$work/build" -j"$(nproc)" all-target-newlib || return 1
    kill "$ticker"
    ticker=''
    echo "newlib: install" >&3
    make -C "$work/build" install-target-newlib
}

build() {
    [ -r "$TARBALL" ] || die "$TARBALL is missing (run tools/ukos-deps)"
    # We hold the lock: any other build directory is from a killed build.
    rm -rf "$CACHE"/.newlib-build.*
    work=$(mktemp -d "$CACHE/.newlib-build.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    echo "newlib: building $VERSION into $PREFIX (1-2 minutes, log: $LOG)" >&2
    echo "newlib: unpack" >&2
    tar -C "$work" -xJf "$TARBALL"
    mkdir "$work/build"
    echo "newlib: configure" >&2
    if ! run_build "$work/newlib-salsa" "$work/inst" 3>&2 >"$LOG" 2>&1; then
        tail -n 40 "$LOG" >&2
        die "build failed; full log: $LOG"
    fi
    check_install "$work/inst/x86_64-elf" "$LOG"
    printf 'newlib %s\nCFLAGS_FOR_TARGET=%s\nconfigure %s\n' \
        "$VERSION" "$TARGET_CFLAGS" "${CONFIGURE_FLAGS[*]}" >"$work/inst/x86_64-elf/.stamp"
    # The prefix appears complete, stamp included, in one rename; whatever
    # is there without a stamp is debris from an older, broken install.
    rm -rf "$PREFIX"
    mv "$work/inst/x86_64-elf" "$PREFIX"
    echo "newlib: done" >&2
}

cache_main newlib build build "$PREFIX" "$@"
