# SPDX-License-Identifier: MIT
# lib/dl/: dynamic loading in a static image (dlopen fails, dladdr works).
LIB_SRCS += lib/dl/dlfcn.c
