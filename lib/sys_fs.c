/* SPDX-License-Identifier: MIT */
/*
 * sys_fs.c: path system calls. No file system is linked yet, so every
 * path is absent; the errno values are POSIX's for that.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd.h"

int stat(const char *path, struct stat *st)
{
	(void)st;
	return (int)fd_ret(path ? -ENOENT : -EFAULT);
}

int link(const char *old, const char *new)
{
	(void)new;
	return (int)fd_ret(old ? -ENOENT : -EFAULT);
}

int unlink(const char *path)
{
	return (int)fd_ret(path ? -ENOENT : -EFAULT);
}

int mkdir(const char *path, mode_t mode)
{
	(void)mode;
	return (int)fd_ret(path ? -EROFS : -EFAULT);
}
