/* SPDX-License-Identifier: MIT */
/*
 * fs_path.c: the path calls — resolve a path against the working
 * directory, find the file system mounted there (fs.h) and ask it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../fd.h"
#include "fs.h"

static char cwd[PATH_MAX] = "/";
static mode_t creation_mask = 022; /* what a Linux shell starts with */

/* Append component p (n bytes) to the path out[0, *o). 0, or -1 if it
 * would not fit PATH_MAX. */
static int push(char *out, size_t *o, const char *p, size_t n)
{
	if (*o + n + 2 > PATH_MAX)
		return -1;
	if (*o > 1)
		out[(*o)++] = '/';
	memcpy(out + *o, p, n);
	*o += n;
	return 0;
}

/* Drop out's last component ("/a/b" → "/a"; "/" stays). */
static void pop(char *out, size_t *o)
{
	while (*o > 1 && out[*o - 1] != '/')
		(*o)--;
	if (*o > 1)
		(*o)--;
}

/* Add the components of p (up to its NUL) to out. */
static int walk(char *out, size_t *o, const char *p)
{
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			pop(out, o);
		else if (n && !(n == 1 && p[0] == '.') && push(out, o, p, n))
			return -ENAMETOOLONG;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

int fs_resolve(const char *path, char *out)
{
	size_t o = 1;
	int err;

	if (!path)
		return -EFAULT;
	if (!*path)
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	out[0] = '/';
	err = path[0] == '/' ? 0 : walk(out, &o, cwd);
	if (!err)
		err = walk(out, &o, path);
	out[o] = '\0';
	return err;
}

int fs_at(int dirfd, const char *path, char *out)
{
	char dir[PATH_MAX];
	struct file *f;
	int err;

	if (!path)
		return -EFAULT;
	if (dirfd == AT_FDCWD || path[0] == '/') {
		if (strlen(path) >= PATH_MAX)
			return -ENAMETOOLONG;
		strcpy(out, path);
		return 0;
	}
	f = fd_get(dirfd);
	if (!f)
		return -EBADF;
	if (!*path)
		return -ENOENT;
	err = f->ops->dir_path ? f->ops->dir_path(f->priv, dir) : -ENOTDIR;
	if (err)
		return err;
	if ((size_t)snprintf(out, PATH_MAX, "%s/%s",
			     strcmp(dir, "/") ? dir : "", path) >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

const struct fs_mount *fs_lookup(const char *path, char *sub, int *err)
{
	*err = fs_resolve(path, sub);
	return *err ? NULL : fs_mount_find(sub);
}

/* A trailing slash asks for a directory (POSIX.1-2017 §4.13). */
static bool wants_dir(const char *path)
{
	size_t l = path ? strlen(path) : 0;

	return l > 1 && path[l - 1] == '/';
}

int fs_open(const char *path, int flags, mode_t mode)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	if (wants_dir(path)) {
		if (flags & O_CREAT)
			return -EISDIR;
		flags |= O_DIRECTORY;
	}
	return m->ops->open(m->fs, sub, flags, mode & ~creation_mask);
}

int fs_stat(const char *path, struct stat *st)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	if (!st)
		return -EFAULT;
	err = m->ops->stat(m->fs, sub, st);
	if (!err && wants_dir(path) && !S_ISDIR(st->st_mode))
		return -ENOTDIR;
	return err;
}

int fs_access(const char *path, int mode)
{
	char sub[PATH_MAX];
	struct stat st;
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (!m)
		return err;
	err = m->ops->stat(m->fs, sub, &st);
	if (err)
		return err;
	if (wants_dir(path) && !S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if ((mode & W_OK) && !m->ops->mkdir)
		return -EROFS;
	if ((mode & X_OK) && !(st.st_mode & 0111))
		return -EACCES;
	return 0;
}

/* What a read-only file system answers a change to path: whatever
 * stat says if path is not there, else EROFS. */
static int read_only(const struct fs_mount *m, const char *sub)
{
	struct stat st;

	return m->ops->stat(m->fs, sub, &st) ?: -EROFS;
}

int fs_create_refused(const struct fs_ops *ops, void *fs, const char *sub)
{
	char parent[PATH_MAX];
	const char *slash = strrchr(sub, '/');
	size_t n = slash && slash != sub ? (size_t)(slash - sub) : 1;
	struct stat st;
	int err;

	memcpy(parent, sub, n);
	parent[n] = '\0';
	err = ops->stat(fs, parent, &st);
	if (err)
		return err;
	return S_ISDIR(st.st_mode) ? -EROFS : -ENOTDIR;
}

int fs_mkdir(const char *path, mode_t mode)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	if (m->ops->mkdir)
		return m->ops->mkdir(m->fs, sub, mode & ~creation_mask);
	err = read_only(m, sub);
	return err == -EROFS    ? -EEXIST
	       : err == -ENOENT ? fs_create_refused(m->ops, m->fs, sub)
				: err;
}

int fs_unlink(const char *path)
{
	char sub[PATH_MAX];
	struct stat st;
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	if (wants_dir(path)) { /* unlink() never removes a directory */
		err = m->ops->stat(m->fs, sub, &st);
		return err ? err : S_ISDIR(st.st_mode) ? -EISDIR : -ENOTDIR;
	}
	return m->ops->unlink ? m->ops->unlink(m->fs, sub) : read_only(m, sub);
}

int fs_rmdir(const char *path)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	if (strcmp(sub, "/") == 0) /* a mount's root: "/" or a mount point */
		return -EBUSY;
	return m->ops->rmdir ? m->ops->rmdir(m->fs, sub) : read_only(m, sub);
}

int fs_truncate(const char *path, off_t len)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	return m->ops->truncate ? m->ops->truncate(m->fs, sub, len)
				: read_only(m, sub);
}

int fs_chmod(const char *path, mode_t mode)
{
	char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return err;
	return m->ops->chmod ? m->ops->chmod(m->fs, sub, mode)
			     : read_only(m, sub);
}

int fs_utimens(const char *path, const struct timespec ts[2])
{
	char sub[PATH_MAX];
	int err = fs_times_check(ts);
	const struct fs_mount *m = err ? NULL : fs_lookup(path, sub, &err);

	if (!m)
		return err;
	return m->ops->utimens ? m->ops->utimens(m->fs, sub, ts)
			       : read_only(m, sub);
}

int fs_times_check(const struct timespec ts[2])
{
	for (int i = 0; ts && i < 2; i++)
		if (ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT &&
		    (ts[i].tv_nsec < 0 || ts[i].tv_nsec > 999999999))
			return -EINVAL;
	return 0;
}

mode_t fs_umask(mode_t mask)
{
	mode_t old = creation_mask;

	creation_mask = mask & 0777;
	return old;
}

int fs_rename(const char *from, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct stat st;
	int err;
	const struct fs_mount *ma = fs_lookup(from, a, &err), *mb;

	if (!ma)
		return err;
	mb = fs_lookup(to, b, &err);
	if (!mb)
		return err;
	err = ma->ops->stat(ma->fs, a, &st);
	if (err)
		return err;
	if (ma != mb)
		return -EXDEV;
	if ((wants_dir(from) || wants_dir(to)) && !S_ISDIR(st.st_mode))
		return -ENOTDIR;
	return ma->ops->rename ? ma->ops->rename(ma->fs, a, b)
			       : fs_create_refused(ma->ops, ma->fs, b);
}

int fs_chdir(const char *path)
{
	char abs[PATH_MAX];
	struct stat st;
	int err = fs_resolve(path, abs);

	if (!err)
		err = fs_stat(abs, &st);
	if (err)
		return err;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	strcpy(cwd, abs);
	return 0;
}

const char *fs_cwd(void)
{
	return cwd;
}
