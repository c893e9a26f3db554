# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Lua 5.4: the interpreter (lua.c) with its whole standard library, as
# upstream's Makefile builds it for a POSIX system ("make posix": io.popen,
# os.tmpname through mkstemp, _setjmp). No dynamic libraries: "require" of
# a C module fails as on a static Lua, Lua modules load from the root.
PORT_PACKAGE=lua5.4
PORT_VERSION=5.4.4
PORT_CHECK=src/lua.c

port_build() {
    make -C src posix CC="$CC" AR="$AR rc" RANLIB="$RANLIB" MYCFLAGS=-O2
    cp src/lua "$PORT_ELF"
}

# The Linux guest's (tools/ukos-bench ports): the same, static with musl.
port_build_linux() {
    make -C src posix CC="$CC" AR="$AR rc" RANLIB="$RANLIB" MYCFLAGS=-O2 MYLDFLAGS=-static
    cp src/lua "$PORT_BIN"
}
