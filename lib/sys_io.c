/* SPDX-License-Identifier: MIT */
/*
 * sys_io.c: newlib's I/O system calls on the fd table.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd.h"
#include "fs/fs.h"

/* The mode argument is there only with O_CREAT (POSIX open()). */
static mode_t open_mode(int flags, va_list ap)
{
	return flags & O_CREAT ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return (int)fd_ret(fs_open(path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	char at[PATH_MAX];
	va_list ap;
	mode_t mode;
	int err = fs_at(dirfd, path, at);

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return (int)fd_ret(err ? err : fs_open(at, flags, mode));
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

ssize_t pwrite(int fd, const void *buf, size_t len, off_t at)
{
	struct file *f = fd_get(fd);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return fd_ret(-EBADF);
	if (!f->ops->pwrite)
		return fd_ret(f->ops->pread ? -EBADF : -ESPIPE);
	return fd_ret(f->ops->pwrite(f->priv, buf, len, at));
}

int ftruncate(int fd, off_t len)
{
	struct file *f = fd_get(fd);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return (int)fd_ret(-EBADF);
	return (int)fd_ret(f->ops->truncate ? f->ops->truncate(f->priv, len)
					    : -EINVAL);
}

/* A file on a disk, or a disk itself, writes what it holds back and
 * flushes the disk's cache (its fsync op); one in RAM (the tmpfs, the archive) is as safe as it
 * gets once written. A pipe, socket or terminal cannot be synchronised
 * (EINVAL, as Linux says). */
int fsync(int fd)
{
	struct file *f = fd_get(fd);
	struct stat st;

	if (!f)
		return (int)fd_ret(-EBADF);
	if (!f->ops->fstat || f->ops->fstat(f->priv, &st) ||
	    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ||
	      S_ISBLK(st.st_mode)))
		return (int)fd_ret(-EINVAL);
	return f->ops->fsync ? (int)fd_ret(f->ops->fsync(f->priv)) : 0;
}

/* A file's data and what reads need of its metadata: here the same as
 * fsync (every change is written back as it is made). */
int fdatasync(int fd)
{
	return fsync(fd);
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

int dup(int fd)
{
	return (int)fd_ret(fd_dup(fd, 0, FD_DUP_MIN));
}

int dup2(int fd, int to)
{
	return (int)fd_ret(fd_dup(fd, to, FD_DUP_AT));
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
