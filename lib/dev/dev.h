/* SPDX-License-Identifier: MIT */
/*
 * dev.h: what lib/dev/'s files share.
 */
#ifndef LIB_DEV_DEV_H
#define LIB_DEV_DEV_H

#include <sys/types.h>

/* random.c: len bytes of the CPU's random generator into buf: len, or
 * -EIO when the CPU has none (then nothing trustworthy can be given). */
ssize_t dev_random_fill(void *buf, size_t len);

#endif
