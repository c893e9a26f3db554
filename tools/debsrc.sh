# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# debsrc.sh: sourced by the tools that fetch a Debian source package
# (lwip.sh, ukos-port): the system's own mirror and release, through a
# private apt configuration that leaves the system's alone.

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

debsrc_die() {
    echo "debsrc: $*" >&2
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
        read -r uri suite key || debsrc_die "no Debian mirror found in $list or $parts"
        echo "$uri $suite ${key:-$KEYRING}"
    }
}

# apt-get with its own sources, lists and cache, all under WORK (the first
# argument). As root, apt would hand downloads to the _apt user, who
# cannot enter WORK.
private_apt() {
    local work=$1 sandbox=()
    shift
    [ "$(id -u)" -ne 0 ] || sandbox=(-o APT::Sandbox::User=root)
    apt-get -q -o Dir::Etc::sourcelist="$work/sources.list" \
        -o Dir::Etc::sourceparts="$work/parts" -o Dir::State::Lists="$work/lists" \
        -o Dir::Cache="$work/cache" -o APT::Get::Download-Only=true \
        -o Acquire::Languages=none "${sandbox[@]}" "$@"
}

# debsrc_download PACKAGE WORK DEST: Debian's source package PACKAGE
# (its .orig tarball, .debian tarball and .dsc, unpacked by nobody) into
# DEST, with apt's state under WORK. The release the system itself uses.
debsrc_download() {
    local pkg=$1 work=$2 dest=$3 uri suite key
    read -r uri suite key < <(system_source)
    [ -r "$key" ] || debsrc_die "keyring $key is missing (apt-get install debian-archive-keyring)"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$dest"
    echo "deb-src [signed-by=$key] $uri $suite main" >"$work/sources.list"
    echo "$pkg: fetching Debian's $pkg source package ($uri $suite)" >&2
    private_apt "$work" update >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; debsrc_die "apt-get update failed"; }
    (cd "$dest" && private_apt "$work" source --download-only "$pkg") >>"$work/log" 2>&1 ||
        { cat "$work/log" >&2; debsrc_die "apt-get source $pkg failed"; }
}

