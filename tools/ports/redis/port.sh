# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Redis 7: redis-server as upstream's Makefile builds it on Linux, with
# libc's malloc (MALLOC=libc, as for any platform without jemalloc) and
# its bundled Lua, hiredis and hdr_histogram. Its main thread gets Linux's
# 8 MiB stack (ukos-cc --stack=8M at the link, Redis's own hook for link
# flags): RDB compression keeps a 512 KiB table on the stack.
PORT_PACKAGE=redis
PORT_VERSION=7.0.15
PORT_CHECK=src/server.c

port_build() {
    make -C src redis-server CC="$CC" AR="$AR" RANLIB="$RANLIB" \
        MALLOC=libc uname_S=Linux uname_M=x86_64 BUILD_TLS=no USE_SYSTEMD=no \
        REDIS_LDFLAGS=--stack=8M
    cp src/redis-server "$PORT_ELF"
}

# The Linux guest's (tools/ukos-bench ports): the same, static with musl.
port_build_linux() {
    make -C src redis-server CC="$CC" AR="$AR" RANLIB="$RANLIB" \
        MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no LDFLAGS=-static
    cp src/redis-server "$PORT_BIN"
}
