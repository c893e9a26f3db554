# SPDX-License-Identifier: MIT
# lib/math/: the libm functions newlib lacks on x86-64 (long double).
LIB_SRCS += lib/math/round_ld.c
