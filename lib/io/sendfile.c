/* SPDX-License-Identifier: MIT */
/*
 * sendfile.c: sendfile(2) as Linux has it — count bytes from a file (a
 * regular file or a block device: what Linux can map) at *offset, or at
 * and advancing its own offset when offset is NULL, to any file open for
 * writing, a socket most often. A short write ends the call with what was
 * sent; the input's offset then stands just past it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../fd.h"

#define CHUNK     (64 << 10)
#define COUNT_MAX 0x7ffff000 /* Linux's MAX_RW_COUNT */

static int check(int out_fd, int in_fd, const off_t *offset)
{
	struct file *in = fd_get(in_fd), *out = fd_get(out_fd);
	struct stat st;

	if (!in || !out || (in->flags & O_ACCMODE) == O_WRONLY ||
	    (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (in->ops->fstat(in->priv, &st) ||
	    !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) || !in->ops->pread)
		return -EINVAL;
	if ((out->flags & O_APPEND) || (offset && *offset < 0))
		return -EINVAL;
	return 0;
}

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	struct file *in;
	off_t at;
	size_t done = 0;
	char *buf;
	int err = check(out_fd, in_fd, offset);

	if (err)
		return fd_ret(err);
	in = fd_get(in_fd);
	at = offset ? *offset : lseek(in_fd, 0, SEEK_CUR);
	if (at < 0)
		return -1;
	if (count > COUNT_MAX)
		count = COUNT_MAX;
	buf = malloc(count < CHUNK ? (count ? count : 1) : CHUNK);
	if (!buf)
		return fd_ret(-ENOMEM);
	while (done < count) {
		size_t want = count - done < CHUNK ? count - done : CHUNK;
		ssize_t r = in->ops->pread(in->priv, buf, want, at), w = 0;

		if (r <= 0) {
			err = (int)r;
			break;
		}
		while (w < r) {
			ssize_t n = write(out_fd, buf + w, (size_t)(r - w));
			if (n <= 0) {
				err = n < 0 ? -errno : 0;
				break;
			}
			w += n;
		}
		done += (size_t)w, at += w;
		if (w < r)
			break; /* the output took less: stop there */
	}
	free(buf);
	if (offset)
		*offset = at;
	else
		lseek(in_fd, at, SEEK_SET);
	if (!done && err)
		return fd_ret(err);
	return (ssize_t)done;
}
