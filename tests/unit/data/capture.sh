#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# capture.sh: re-make the captured boot structures used by test_bootinfo.c
# from real boots (PVH on microvm and pc, GRUB multiboot2 on BIOS and UEFI).
# Run from the top of the tree after `make`.
set -euo pipefail
out=tests/unit/data
run() {
    local name=$1; shift
    tools/ukos-run --cmdline ukos.dumpboot "$@" -- "arg one" |
        tr -d '\r' | grep -ao 'bootdump:.*' >"$out/$name.dump"
    echo "$out/$name.dump: $(wc -l <"$out/$name.dump") lines"
}
run pvh-microvm build/hello/hello.elf
run pvh-pc --machine pc build/hello/hello.elf
run mb2-bios build/hello/hello.iso
run mb2-uefi --uefi build/hello/hello.iso
