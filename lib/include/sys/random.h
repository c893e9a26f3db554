/* SPDX-License-Identifier: MIT */
/*
 * sys/random.h: getrandom and getentropy as glibc declares them.
 */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <stddef.h>
#include <sys/types.h>

#define GRND_NONBLOCK 0x01
#define GRND_RANDOM   0x02
#define GRND_INSECURE 0x04

#ifdef __cplusplus
extern "C" {
#endif

/* Fill buf with len random bytes (at most 32 MiB - 1 a call): the count,
 * or -1 with errno EINVAL (flags), EFAULT or EIO (no generator). */
ssize_t getrandom(void *buf, size_t len, unsigned int flags);

/* Fill buf with len random bytes, len at most 256: 0, or -1 (EIO). */
int getentropy(void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
