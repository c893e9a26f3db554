# SPDX-License-Identifier: MIT
# lib/dev/: /dev and the kernel's entropy for programs.
LIB_SRCS += lib/dev/devfs.c lib/dev/random.c
