# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# SQLite 3.40.1: the shell (sqlite3) over the amalgamation, which the
# source tree's own build makes (with the host's tclsh), configured as a
# cross build for ukos the way a packager would: static, thread-safe
# (SQLITE_THREADSAFE=1), no loadable extensions (no dlopen) and no
# readline (the console is a plain terminal).
PORT_PACKAGE=sqlite3
PORT_VERSION=3.40.1
PORT_CHECK=tool/mksqlite3c.tcl

port_build() {
    ./configure --host=x86_64-ukos-elf CC="$CC" --disable-shared \
        --enable-threadsafe --disable-load-extension --disable-readline \
        --disable-editline --disable-tcl --disable-math
    make sqlite3
    cp sqlite3 "$PORT_ELF"
}

# The Linux guest's (tools/ukos-bench ports): the same, static with musl.
port_build_linux() {
    ./configure CC="$CC" --disable-shared \
        --enable-threadsafe --disable-load-extension --disable-readline \
        --disable-editline --disable-tcl --disable-math
    make sqlite3 LTLINK_EXTRAS=-all-static # libtool's word for static
    cp sqlite3 "$PORT_BIN"
}
