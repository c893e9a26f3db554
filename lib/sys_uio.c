/* SPDX-License-Identifier: MIT */
/*
 * sys_uio.c: readv and writev, one read/write per buffer, stopping at the
 * first short transfer as a single call would.
 */
#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fd.h"

/* One transfer of a buffer: read(2) into it, or write(2) from it. */
static ssize_t read_buf(int fd, void *buf, size_t len)
{
	return read(fd, buf, len);
}

static ssize_t write_buf(int fd, void *buf, size_t len)
{
	return write(fd, buf, len);
}

static ssize_t each_buffer(int fd, const struct iovec *iov, int n,
			   ssize_t (*op)(int fd, void *buf, size_t len))
{
	size_t total = 0;
	ssize_t done = 0, r;

	if (n < 0 || n > IOV_MAX)
		return fd_ret(-EINVAL);
	for (int i = 0; i < n; i++) {
		/* The sum must fit the ssize_t result. */
		if (iov[i].iov_len > (size_t)0x7fffffffffffffff - total)
			return fd_ret(-EINVAL);
		total += iov[i].iov_len;
	}
	for (int i = 0; i < n; i++) {
		r = op(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
	return each_buffer(fd, iov, n, read_buf);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	return each_buffer(fd, iov, n, write_buf);
}
