#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# lwip.sh: lwIP 2.1.3's upstream source (the .orig tarball of Debian's lwip
# source package, without Debian's patches), fetched once into a per-user
# cache through a private apt configuration that leaves the system's alone.
#   lwip.sh prefix   print the source directory (instant, fetches nothing)
#   lwip.sh fetch    fetch and unpack it there unless already done
set -euo pipefail

VERSION=2.1.3
# shellcheck source=tools/cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/cache.sh"
PREFIX=$CACHE/lwip-$VERSION
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

die() {
    echo "lwip.sh: $*" >&2
    exit 1
}

# "URI SUITE [KEYRING]" for every deb or deb-src entry in deb822 files: the
# first URI, the release suite (not -updates or -security, whose Sources
# lack most packages) and Signed-By when it names a file.
parse_deb822() {
    awk '
    function flush() {
        if (uri != "" && suite != "" && enabled != "no" && types ~ /(^| )deb(-src)?( |$)/)
            print uri, suite, (key ~ /^\// ? key : "")
        uri = suite = key = types = enabled = ""
    }
    FNR == 1 { flush() }
    /^#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^[ \t]/ { next }
    {
        f = tolower(substr($0, 1, index($0, ":") - 1))
        $0 = substr($0, index($0, ":") + 1)
        if (f == "types") types = $0
        else if (f == "uris") uri = $1
        else if (f == "signed-by") key = $1
        else if (f == "enabled") enabled = tolower($1)
        else if (f == "suites")
            for (i = NF; i >= 1; i--)
                if ($i !~ /[-\/]/) suite = $i
    }
    END { flush() }' "$@"
}

# The same for one-line "deb [options] URI SUITE COMPONENTS" files.
parse_oneline() {
    awk '
    { sub(/#.*/, "") }
    $1 != "deb" && $1 != "deb-src" { next }
    {
        key = ""; i = 2
        if ($2 ~ /^\[/) {
            for (; i <= NF; i++) {
                if ($i ~ /^\[?signed-by=/) { key = $i; sub(/^\[?signed-by=/, "", key); sub(/\]$/, "", key) }
                if ($i ~ /\]$/) break
            }
            i++
        }
        if ($(i + 1) !~ /[-\/]/) print $i, $(i + 1), (key ~ /^\// ? key : "")
    }' "$@"
}

# The system's first Debian mirror and release suite, in apt's file order.
system_source() {
    local list='' parts='' f uri suite key
    eval "$(apt-config shell list Dir::Etc::sourcelist/f parts Dir::Etc::sourceparts/d)"
    for f in "$list" "$parts"*; do
        [ -f "$f" ] || continue
        case $f in
        *.sources) parse_deb822 "$f" ;;
        *.list) parse_oneline "$f" ;;
        esac
    done | {
        read -r uri suite key || die "no Debian mirror found in $list or $parts"
        echo "$uri $suite ${key:-$KEYRING}"
    }
}

work=''
cleanup() {
    [ -z "$work" ] || rm -rf "$work"
}

# apt-get with its own sources, lists and cache, all under $work. As root,
# apt would hand downloads to the _apt user, who cannot enter $work.
private_apt() {
    local sandbox=()
    [ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
    apt-get -q -o Dir::Etc::sourcelist="$work/sources.list" \
        -o Dir::Etc::sourceparts="$work/parts" -o Dir::State::Lists="$work/lists" \
        -o Dir::Cache="$work/cache" -o APT::Get::Download-Only=true \
        -o Acquire::Languages=none "${sandbox[@]}" "$@"
}

download() {
    local uri suite key
    read -r uri suite key < <(system_source)
    [ -r "$key" ] || die "keyring $key is missing (apt-get install debian-archive-keyring)"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/dl"
    echo "deb-src [signed-by=$key] $uri $suite main" >"$work/sources.list"
    echo "lwip: fetching Debian's lwip source package ($uri $suite)" >&2
    private_apt update >"$work/log" 2>&1 || { cat "$work/log" >&2; die "apt-get update failed"; }
    (cd "$work/dl" && private_apt source lwip) >>"$work/log" 2>&1 ||
        { cat "$work/log" >&2; die "apt-get source failed"; }
}

# Only the upstream tarball is unpacked: Debian's patches stay out.
unpack() {
    local tarball dirs v
    tarball=$(echo "$work/dl/lwip_$VERSION"*.orig.tar.*)
    [ -f "$tarball" ] || die "no lwip $VERSION .orig tarball in: $(echo "$work"/dl/*)"
    echo "lwip: unpack $(basename "$tarball")" >&2
    mkdir "$work/x"
    tar -C "$work/x" -xf "$tarball"
    dirs=("$work"/x/*)
    if [ ${#dirs[@]} -ne 1 ] || [ ! -f "${dirs[0]}/src/core/tcp.c" ]; then
        die "unexpected layout in $(basename "$tarball")"
    fi
    # Upstream's tarball carries git archive's comment as a plain file.
    rm -f "${dirs[0]}/pax_global_header"
    v=$(awk '/#define LWIP_VERSION_(MAJOR|MINOR|REVISION)[ \t]/ { printf "%s%s", s, $3; s = "." }' \
        "${dirs[0]}/src/include/lwip/init.h" | tr -d '\r')
    [ "$v" = "$VERSION" ] || die "$(basename "$tarball") holds lwIP $v, not $VERSION"
    (cd "$work/dl" && sha256sum "$(basename "$tarball")") >"${dirs[0]}/.stamp"
    mv "${dirs[0]}" "$work/src"
}

fetch() {
    # We hold the lock: any other fetch directory is from a killed fetch.
    rm -rf "$CACHE"/.lwip-fetch.*
    work=$(mktemp -d "$CACHE/.lwip-fetch.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    download
    unpack
    # The tree appears complete, stamp included, in one rename.
    rm -rf "$PREFIX"
    mv "$work/src" "$PREFIX"
    echo "lwip: $PREFIX" >&2
}

cache_main lwip fetch fetch "$PREFIX" "$@"
