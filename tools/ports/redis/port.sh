# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Redis 7: redis-server as upstream's Makefile builds it on Linux, with
# libc's malloc (MALLOC=libc, as for any platform without jemalloc) and
# its bundled Lua, hiredis and hdr_histogram.
PORT_PACKAGE=redis
PORT_VERSION=7.0.15
PORT_CHECK=src/server.c

port_build() {
    make -C src redis-server CC="$CC" AR="$AR" RANLIB="$RANLIB" \
        MALLOC=libc uname_S=Linux uname_M=x86_64 BUILD_TLS=no USE_SYSTEMD=no
    cp src/redis-server "$PORT_ELF"
}
