# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# The Open POSIX Test Suite 1.5.2 (Debian's posixtestsuite): not a program
# but a conformance suite of one-file tests; tools/ukos-conformance builds
# and runs them (make conformance). Only its source is fetched from here.
PORT_PACKAGE=posixtestsuite
PORT_VERSION=1.5.2
PORT_CHECK=include/posixtest.h

port_build() {
    echo "posixtestsuite is run by make conformance, not built as one image" >&2
    return 1
}
