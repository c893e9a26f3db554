# SPDX-License-Identifier: MIT
# lib/stdio/: what POSIX's stdio has beyond newlib's build of it.
LIB_SRCS += lib/stdio/flockfile.c
