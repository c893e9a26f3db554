/* SPDX-License-Identifier: MIT */
/*
 * random.c: the kernel's entropy for programs — getrandom (as glibc has
 * it, <sys/random.h>), getentropy, and what /dev/random and /dev/urandom
 * read. The bytes come from the CPU's generator (arch_random: RDRAND,
 * itself reseeded from the CPU's entropy source), which is ready from
 * the first instruction: there is no pool to wait for, so GRND_NONBLOCK
 * and GRND_RANDOM change nothing and /dev/random never blocks, as on
 * Linux since 5.6.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <ukos/arch.h>

#include "../fd.h"
#include "dev.h"

ssize_t dev_random_fill(void *buf, size_t len)
{
	uint8_t *p = buf;

	for (size_t left = len; left;) {
		uint64_t v;
		size_t n = left < sizeof(v) ? left : sizeof(v);
		if (arch_random(&v))
			return -EIO;
		memcpy(p, &v, n);
		p += n;
		left -= n;
	}
	return (ssize_t)len;
}

/* Linux caps one call at 32 MiB - 1 bytes (drivers/char/random.c). */
#define GETRANDOM_MAX ((1u << 25) - 1)

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return fd_ret(-EINVAL);
	if ((flags & GRND_RANDOM) && (flags & GRND_INSECURE))
		return fd_ret(-EINVAL);
	if (len && !buf)
		return fd_ret(-EFAULT);
	return fd_ret(dev_random_fill(buf, len > GETRANDOM_MAX ? GETRANDOM_MAX
							       : len));
}

/* POSIX: at most 256 bytes a call, all or nothing. */
int getentropy(void *buf, size_t len)
{
	if (len > 256)
		return (int)fd_ret(-EIO);
	if (len && !buf)
		return (int)fd_ret(-EFAULT);
	return (int)fd_ret(dev_random_fill(buf, len) < 0 ? -EIO : 0);
}
