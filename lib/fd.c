/* SPDX-License-Identifier: MIT */
/*
 * fd.c: the file-descriptor table (see fd.h).
 */
#include <errno.h>
#include <stddef.h>

#include "fd.h"

static struct file files[FD_MAX];

int fd_install_at(int fd, const struct file_ops *ops, void *priv, int flags)
{
	if (!ops || !ops->fstat)
		return -EINVAL;
	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	if (files[fd].ops)
		return -EBUSY;
	files[fd] = (struct file){ ops, priv, flags };
	return fd;
}

int fd_install(const struct file_ops *ops, void *priv, int flags)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (!files[fd].ops)
			return fd_install_at(fd, ops, priv, flags);
	return -EMFILE;
}

struct file *fd_get(int fd)
{
	if (fd < 0 || fd >= FD_MAX || !files[fd].ops)
		return NULL;
	return &files[fd];
}

int fd_close(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	struct file old = *f;
	f->ops = NULL;
	return old.ops->close ? old.ops->close(old.priv) : 0;
}

long fd_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
