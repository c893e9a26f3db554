#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# lwip.sh: lwIP 2.1.3's pristine upstream source (the .orig tarball of
# Debian's lwip source package), fetched once into the cache through a
# private apt configuration; the system's apt setup is left untouched.
#   lwip.sh prefix   print the source directory (instant, fetches nothing)
#   lwip.sh fetch    fetch and unpack it there unless already done
set -euo pipefail

VERSION=2.1.3
CACHE=${UKOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ukos}
PREFIX=$CACHE/lwip-$VERSION

# The first Debian mirror and suite of the system's own sources, in either
# the deb822 (.sources) or the one-line (.list) format.
system_source() {
    local f uri='' suite='' key=''
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        uri=$(awk '/^URIs:/ { print $2; exit }' "$f")
        suite=$(awk '/^Suites:/ { print $2; exit }' "$f")
        key=$(awk '/^Signed-By:/ { print $2; exit }' "$f")
        [ -z "$uri" ] || break
    done
    if [ -z "$uri" ]; then
        read -r uri suite < <(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) \([^ ]*\) .*/\2 \3/p' | head -n 1)
    fi
    if [ -z "$uri" ] || [ -z "$suite" ]; then
        echo "lwip.sh: no Debian source found in /etc/apt" >&2
        exit 1
    fi
    printf '%s %s %s\n' "$uri" "$suite" "${key:-/usr/share/keyrings/debian-archive-keyring.gpg}"
}

work=''
cleanup() {
    [ -z "$work" ] || rm -rf "$work"
}

fetch() {
    local uri suite key apt tarball
    work=$(mktemp -d "$CACHE/.lwip-fetch.XXXXXX")
    trap cleanup EXIT
    read -r uri suite key < <(system_source)
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/dl"
    echo "deb-src [signed-by=$key] $uri $suite main" >"$work/sources.list"
    apt=(apt-get -q -o "Dir::Etc::SourceList=$work/sources.list"
        -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::Lists=$work/lists"
        -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
    echo "lwip: fetching the lwip $VERSION source package from $uri" >&2
    "${apt[@]}" update >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    (cd "$work/dl" && "${apt[@]}" source --download-only lwip >>"$work/log" 2>&1) ||
        { cat "$work/log" >&2; exit 1; }
    tarball=$(find "$work/dl" -name "lwip_$VERSION*.orig.tar.*" | head -n 1)
    [ -n "$tarball" ] || { echo "lwip.sh: no .orig tarball in the download" >&2; exit 1; }
    mkdir "$work/src"
    tar -C "$work/src" --strip-components=1 -xf "$tarball"
    [ -f "$work/src/src/core/tcp.c" ] || { echo "lwip.sh: unexpected tarball layout" >&2; exit 1; }
    local v
    v=$(awk '/define LWIP_VERSION_(MAJOR|MINOR|REVISION)[ \t]/ { printf "%s.", $3 }' \
        "$work/src/src/include/lwip/init.h" | tr -d "\r")
    if [ "$v" != "$VERSION." ]; then
        echo "lwip.sh: $(basename "$tarball") holds lwIP ${v%.}, not $VERSION" >&2
        exit 1
    fi
    rm -rf "$PREFIX"
    mv "$work/src" "$PREFIX"
    touch "$PREFIX/.stamp"
    echo "lwip: $PREFIX" >&2
}

case "${1:-}" in
prefix)
    echo "$PREFIX"
    ;;
fetch)
    [ -e "$PREFIX/.stamp" ] && exit 0
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lwip.lock"
    flock 9
    [ -e "$PREFIX/.stamp" ] || fetch
    ;;
*)
    echo "usage: lwip.sh prefix|fetch" >&2
    exit 2
    ;;
esac
