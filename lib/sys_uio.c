/* SPDX-License-Identifier: MIT */
/*
 * sys_uio.c: readv and writev, one read/write per buffer, stopping at the
 * first short transfer as a single call would.
 */
#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fd.h"

static ssize_t check(const struct iovec *iov, int n)
{
	size_t total = 0;

	if (n < 0 || n > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		/* The sum must fit the ssize_t result. */
		if (iov[i].iov_len > (size_t)0x7fffffffffffffff - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	return 0;
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
	ssize_t done = 0, r = check(iov, n);

	if (r)
		return fd_ret(r);
	for (int i = 0; i < n; i++) {
		r = read(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	ssize_t done = 0, r = check(iov, n);

	if (r)
		return fd_ret(r);
	for (int i = 0; i < n; i++) {
		r = write(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}
