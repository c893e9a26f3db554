# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# cache.sh: sourced by the tools that install one thing into ukos's
# per-user cache (newlib.sh, lwip.sh): where the cache is, and their
# "prefix | VERB" command line, with a lock so that two clones never build
# the same thing at once.

CACHE=${UKOS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ukos}

# cache_main NAME VERB FUNC PREFIX [ARG]: ARG "prefix" prints PREFIX; ARG
# VERB runs FUNC under $CACHE/.NAME.lock unless PREFIX/.stamp exists.
cache_main() {
    local name=$1 verb=$2 fn=$3 prefix=$4
    case "${5:-}" in
    prefix)
        echo "$prefix"
        ;;
    "$verb")
        [ -e "$prefix/.stamp" ] && return 0
        mkdir -p "$CACHE"
        exec 9>"$CACHE/.$name.lock"
        flock -n 9 || { echo "$name: waiting for another $verb" >&2; flock 9; }
        [ -e "$prefix/.stamp" ] || "$fn"
        ;;
    *)
        echo "usage: $name.sh prefix|$verb" >&2
        exit 2
        ;;
    esac
}
