#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# linux-guest.sh: the baseline that ukos's benchmarks run beside — the same
# program as the only process of a minimal Linux VM under the same QEMU:
# Debian's cloud kernel, and an initramfs whose /init is that program,
# built static with musl.
#   linux-guest.sh prefix               print the cache directory
#   linux-guest.sh fetch                download and unpack the kernel once
#   linux-guest.sh initrd OUT [--tree DIR] [--bin FILE]... [--root DIR] PROG.c...
#                                       build PROG (musl-gcc -static) and
#                                       write OUT, a gzipped newc cpio, with
#                                       the virtio-net and disk modules in /modules
#                                       (Debian's cloud kernel has them as
#                                       modules; /init loads them), DIR's
#                                       files under /www, each FILE (a static
#                                       program) in /bin and --root's files
#                                       under /root
# The kernel ends up in $(linux-guest.sh prefix)/vmlinuz.
set -euo pipefail

FLAVOUR=cloud-amd64
# shellcheck source=tools/cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/cache.sh"
PREFIX=$CACHE/linux-$FLAVOUR-4
# virtio-net and what it needs, in load order; then the disks' drivers
# (virtio-blk, NVMe), which a kernel may also have built in.
MODULES=(failover net_failover virtio_ring virtio virtio_pci_legacy_dev
    virtio_pci_modern_dev virtio_pci virtio_net)
OPTIONAL_MODULES=(virtio_blk nvme-core nvme_core nvme)

die() {
    echo "linux-guest.sh: $*" >&2
    exit 1
}

work=''
cleanup() {
    [ -z "$work" ] || rm -rf "$work"
}
trap cleanup EXIT

fetch() {
    local pkg
    # The metapackage names the current versioned image package.
    pkg=$(apt-cache depends "linux-image-$FLAVOUR" 2>/dev/null |
        awk '/Depends: linux-image-/ { print $2; exit }')
    [ -n "$pkg" ] || die "cannot resolve linux-image-$FLAVOUR (apt-get update first?)"
    echo "linux-guest: downloading $pkg" >&2
    work=$(mktemp -d "$CACHE/.linux.XXXXXX")
    chmod 755 "$work" # apt fetches as the _apt user where it can
    (cd "$work" && apt-get download -q "$pkg" >/dev/null) || die "apt-get download $pkg failed"
    dpkg-deb -x "$work"/*.deb "$work/root"
    mkdir -p "$PREFIX/modules"
    cp "$work"/root/boot/vmlinuz-* "$PREFIX/vmlinuz"
    local m i=0 f
    for m in "${MODULES[@]}"; do
        f=$(find "$work/root/lib/modules" -name "$m.ko" | head -1)
        [ -n "$f" ] || die "$pkg has no $m.ko"
        cp "$f" "$PREFIX/modules/$(printf '%02d' $i)-$m.ko"
        i=$((i + 1))
    done
    for m in "${OPTIONAL_MODULES[@]}"; do
        f=$(find "$work/root/lib/modules" -name "$m.ko" | head -1)
        [ -z "$f" ] || cp "$f" "$PREFIX/modules/$(printf '%02d' $i)-$m.ko"
        i=$((i + 1))
    done
    echo "$pkg" >"$PREFIX/version"
    touch "$PREFIX/.stamp"
}

initrd() {
    local out=$1 tree='' root='' bins=()
    shift
    while [ $# -gt 0 ]; do
        case "$1" in
        --tree)
            [ $# -ge 3 ] && [ -d "$2" ] || die "initrd: --tree wants a directory"
            tree=$2 ;;
        --root)
            [ $# -ge 3 ] && [ -d "$2" ] || die "initrd: --root wants a directory"
            root=$2 ;;
        --bin)
            [ $# -ge 3 ] && [ -f "$2" ] || die "initrd: --bin wants a file"
            bins+=("$2") ;;
        *) break ;;
        esac
        shift 2
    done
    command -v musl-gcc >/dev/null || die "musl-gcc is missing (apt-get install musl-tools)"
    command -v cpio >/dev/null || die "cpio is missing (apt-get install cpio)"
    work=$(mktemp -d)
    musl-gcc -static -O2 -DBENCH_LINUX_INIT -o "$work/init" "$@" -lpthread
    cp -r "$PREFIX/modules" "$work/modules"
    [ -z "$tree" ] || cp -r "$tree" "$work/www"
    [ -z "$root" ] || cp -r "$root" "$work/root"
    if [ ${#bins[@]} -gt 0 ]; then
        mkdir "$work/bin"
        cp "${bins[@]}" "$work/bin/"
    fi
    # /init makes its own /dev (devtmpfs): mknod would need root.
    (cd "$work" && { echo init; echo modules; ls modules/*; [ -z "$tree" ] || find www
        [ -z "$root" ] || find root; [ ! -d bin ] || find bin; } |
        cpio -o -H newc --quiet -R 0:0) | gzip -9 >"$out"
}

case "${1:-}" in
prefix) echo "$PREFIX" ;;
fetch)
    cache_main linux fetch fetch "$PREFIX" fetch
    ;;
initrd)
    [ $# -ge 3 ] || die "usage: linux-guest.sh initrd OUT [--tree DIR] [--bin FILE]... [--root DIR] PROG.c..."
    shift
    initrd "$@"
    ;;
*)
    echo "usage: linux-guest.sh prefix | fetch | initrd OUT [--tree DIR] [--bin FILE]... [--root DIR] PROG.c..." >&2
    exit 2
    ;;
esac
