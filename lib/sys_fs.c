/* SPDX-License-Identifier: MIT */
/*
 * sys_fs.c: path system calls, on the read-only file system from the
 * boot archive (fs_initrd.c): what changes it says EROFS.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd.h"
#include "fs.h"

int stat(const char *path, struct stat *st)
{
	return (int)fd_ret(fs_stat(path, st));
}

/* No symbolic links are kept: lstat is stat. */
int lstat(const char *path, struct stat *st)
{
	return (int)fd_ret(fs_stat(path, st));
}

int access(const char *path, int mode)
{
	return (int)fd_ret(fs_access(path, mode));
}

int chdir(const char *path)
{
	return (int)fd_ret(fs_chdir(path));
}

char *getcwd(char *buf, size_t size)
{
	const char *cwd = fs_cwd();

	if (!buf || !size) {
		fd_ret(buf ? -EINVAL : -EFAULT);
		return NULL;
	}
	if (strlen(cwd) >= size) {
		fd_ret(-ERANGE);
		return NULL;
	}
	return strcpy(buf, cwd);
}

int link(const char *old, const char *new)
{
	(void)new;
	return (int)fd_ret(old ? -ENOENT : -EFAULT);
}

int unlink(const char *path)
{
	int err = fs_access(path, F_OK);

	return (int)fd_ret(err ? err : -EROFS);
}

int mkdir(const char *path, mode_t mode)
{
	(void)mode;
	return (int)fd_ret(path ? -EROFS : -EFAULT);
}
