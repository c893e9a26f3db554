# SPDX-License-Identifier: MIT
# lib/env/: the process environment — environ from the boot command line.
LIB_SRCS += lib/env/environ.c lib/env/setenv.c
