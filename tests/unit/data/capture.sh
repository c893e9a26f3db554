#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# capture.sh: the captures of real boot structures that the unit tests
# replay (test_bootinfo_*.c). ukos prints them as "bootdump: " lines on
# the serial console when booted with the kernel option ukos.dumpboot
# (kernel/bootinfo_dump.c describes the format).
#
#   capture.sh extract LOG OUT  keep the first complete capture of serial
#                               log LOG (noise, CRs, prefixes allowed) in OUT
#   capture.sh [BUILD]          boot BUILD/hello/hello.{elf,iso} (BUILD
#                               defaults to build/) five ways and refresh
#                               pvh-microvm, pvh-pc, mb2-bios, mb2-uefi and
#                               mb2-bios-vga.dump (GRUB with a VGA adapter,
#                               so that it passes a framebuffer tag)
#
# Every boot: 128 MiB, TCG, 20 s timeout, command line
#   ukos.dumpboot -- "arg one"
# which the tests expect. Run from anywhere after `make`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)

extract() {
    local log=$1 out=$2
    tr -d '\r' <"$log" | { grep -ao 'bootdump: .*' || true; } | awk '
        /^bootdump: begin / { on = 1; n = 0 }
        on { line[n++] = $0 }
        on && /^bootdump: end$/ { for (i = 0; i < n; i++) print line[i]; ok = 1; exit }
        END { exit !ok }' >"$out.tmp" || {
        rm -f "$out.tmp"
        echo "capture.sh: no complete bootdump in $log" >&2
        return 1
    }
    mv "$out.tmp" "$out"
    echo "$out: $(wc -l <"$out") lines"
}

boot() {
    local name=$1 log
    shift
    log=$(mktemp)
    # The app's status does not matter here, only the serial output.
    UKOS_MEM=128 "$top/tools/ukos-run" --accel tcg --timeout 20 \
        --cmdline ukos.dumpboot "$@" -- "arg one" >"$log" 2>&1 </dev/null || true
    extract "$log" "$here/$name.dump" || { cat "$log" >&2; rm -f "$log"; return 1; }
    rm -f "$log"
}

# ukos-run's --display wants a window; QEMU directly, with -display none.
boot_vga() {
    local name=$1 elf=$2 tmp
    tmp=$(mktemp -d)
    "$top/tools/ukos-mkimage" "$elf" -o "$tmp/vga.iso" --name hello \
        --cmdline ukos.dumpboot -- "arg one" >/dev/null
    timeout 20 qemu-system-x86_64 -nodefaults -no-user-config -no-reboot \
        -m 128 -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -accel tcg -cpu max -M pc -vga std -display none \
        -drive "file=$tmp/vga.iso,format=raw,media=cdrom,readonly=on" \
        -boot d >"$tmp/log" 2>&1 </dev/null || true
    extract "$tmp/log" "$here/$name.dump" || { cat "$tmp/log" >&2; rm -rf "$tmp"; return 1; }
    rm -rf "$tmp"
}

if [ "${1:-}" = extract ]; then
    [ $# -eq 3 ] || { echo "usage: $0 extract LOG OUT" >&2; exit 2; }
    extract "$2" "$3"
    exit
fi

build=${1:-$top/build}
boot pvh-microvm --machine microvm "$build/hello/hello.elf"
boot pvh-pc --machine pc "$build/hello/hello.elf"
boot mb2-bios "$build/hello/hello.iso"
boot mb2-uefi --uefi "$build/hello/hello.iso"
boot_vga mb2-bios-vga "$build/hello/hello.elf"
