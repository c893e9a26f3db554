/* SPDX-License-Identifier: MIT */
/*
 * sys_io.c: newlib's I/O system calls on the fd table.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd.h"
#include "fs.h"

int open(const char *path, int flags, ...)
{
	return (int)fd_ret(fs_open(path, flags));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	/* Relative paths from the working directory only. */
	if (dirfd != AT_FDCWD && path && path[0] != '/')
		return (int)fd_ret(fd_get(dirfd) ? -ENOTSUP : -EBADF);
	return (int)fd_ret(fs_open(path, flags));
}

ssize_t pread(int fd, void *buf, size_t len, off_t at)
{
	struct file *f = fd_get(fd);

	if (!f)
		return fd_ret(-EBADF);
	if (!f->ops->pread)
		return fd_ret(-ESPIPE);
	return fd_ret(f->ops->pread(f->priv, buf, len, at));
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	struct file *f = fd_get(fd);

	if (!f)
		return fd_ret(-EBADF);
	if (!f->ops->read || (f->flags & O_ACCMODE) == O_WRONLY)
		return fd_ret(-EBADF); /* not open for reading */
	return fd_ret(f->ops->read(f->priv, buf, len));
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	struct file *f = fd_get(fd);

	if (!f)
		return fd_ret(-EBADF);
	if (!f->ops->write || (f->flags & O_ACCMODE) == O_RDONLY)
		return fd_ret(-EBADF); /* not open for writing */
	return fd_ret(f->ops->write(f->priv, buf, len));
}

int close(int fd)
{
	return (int)fd_ret(fd_close(fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	struct file *f = fd_get(fd);

	if (!f)
		return fd_ret(-EBADF);
	if (!f->ops->lseek)
		return fd_ret(-ESPIPE);
	return fd_ret(f->ops->lseek(f->priv, off, whence));
}

int fstat(int fd, struct stat *st)
{
	struct file *f = fd_get(fd);

	if (!f)
		return (int)fd_ret(-EBADF);
	return (int)fd_ret(f->ops->fstat(f->priv, st));
}

/* POSIX: 1 for a terminal, else 0 with errno set. */
int isatty(int fd)
{
	struct file *f = fd_get(fd);

	fd_ret(!f ? -EBADF : !f->ops->isatty ? -ENOTTY : 0);
	return f && f->ops->isatty;
}
