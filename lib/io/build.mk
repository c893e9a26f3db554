# SPDX-License-Identifier: MIT
# lib/io/: moving data between files beyond read and write: sendfile.
LIB_SRCS += lib/io/sendfile.c
