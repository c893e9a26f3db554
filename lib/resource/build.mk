# SPDX-License-Identifier: MIT
# lib/resource/: what the program uses of the machine (getrusage).
LIB_SRCS += lib/resource/getrusage.c
