# SPDX-License-Identifier: MIT
# lib/unix/: AF_UNIX socket pairs, on the pipe ring (lib/pipe.h).
LIB_SRCS += lib/unix/unix_pair.c
