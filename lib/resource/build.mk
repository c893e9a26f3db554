# SPDX-License-Identifier: MIT
# lib/resource/: what the program uses of the machine (getrusage) and
# may use (getrlimit, setrlimit).
LIB_SRCS += lib/resource/getrusage.c
LIB_SRCS += lib/resource/rlimit.c
