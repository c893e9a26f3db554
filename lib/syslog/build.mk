# SPDX-License-Identifier: MIT
# lib/syslog/: the system log, on the kernel's messages console.
LIB_SRCS += lib/syslog/syslog.c
