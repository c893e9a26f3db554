/* SPDX-License-Identifier: MIT */
/*
 * sys_fs.c: the path system calls (POSIX), on the file systems of fs.h:
 * the read-only root from the boot archive says EROFS to changes, the
 * tmpfs at /tmp makes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

#include "fd.h"
#include "fs/fs.h"

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

/* Hard links are not kept by either file system. */
int link(const char *old, const char *new)
{
	struct stat st;
	int err = fs_stat(old, &st);

	if (!err)
		err = fs_stat(new, &st) == 0 ? -EEXIST : -EPERM;
	return (int)fd_ret(err);
}

int unlink(const char *path)
{
	return (int)fd_ret(fs_unlink(path));
}

int mkdir(const char *path, mode_t mode)
{
	return (int)fd_ret(fs_mkdir(path, mode));
}

/* POSIX remove(): a directory too. newlib's would only unlink; its
 * _remove_r (which tmpfile() calls) is replaced with it, or the two
 * would meet in one link. */
int remove(const char *path)
{
	int err = fs_unlink(path);

	return (int)fd_ret(err == -EISDIR ? fs_rmdir(path) : err);
}

int _remove_r(struct _reent *r, const char *path)
{
	(void)r; /* errno is the calling thread's anyway */
	return remove(path);
}

int rmdir(const char *path)
{
	return (int)fd_ret(fs_rmdir(path));
}

/* newlib's own rename() would link and unlink. */
int rename(const char *from, const char *to)
{
	return (int)fd_ret(fs_rename(from, to));
}

int truncate(const char *path, off_t len)
{
	return (int)fd_ret(fs_truncate(path, len));
}

int chmod(const char *path, mode_t mode)
{
	return (int)fd_ret(fs_chmod(path, mode));
}

/* What a file whose kind has no fchmod or futimens answers: a file of
 * the read-only root EROFS, a console, pipe or socket EINVAL. */
static int unchangeable(const struct file *f)
{
	return f->ops->pread ? -EROFS : -EINVAL;
}

int fchmod(int fd, mode_t mode)
{
	struct file *f = fd_get(fd);
	int err = !f              ? -EBADF
		  : f->ops->chmod ? f->ops->chmod(f->priv, mode)
				  : unchangeable(f);

	return (int)fd_ret(err);
}

int futimens(int fd, const struct timespec *ts)
{
	struct file *f = fd_get(fd);
	int err = !f ? -EBADF : fs_times_check(ts);

	if (!err)
		err = f->ops->utimens ? f->ops->utimens(f->priv, ts)
				      : unchangeable(f);
	return (int)fd_ret(err);
}

/* The microsecond calls in terms of utimensat's: a tv_usec out of range
 * stays out of range in nanoseconds, for fs_times_check to refuse (and
 * no multiple of 1000 is UTIME_NOW or UTIME_OMIT). */
static struct timespec *from_timeval(const struct timeval *tv,
				     struct timespec ts[2])
{
	if (!tv)
		return NULL;
	for (int i = 0; i < 2; i++)
		ts[i] = (struct timespec){ tv[i].tv_sec,
					   tv[i].tv_usec * 1000L };
	return ts;
}

int utimes(const char *path, const struct timeval *tv)
{
	struct timespec ts[2];

	return (int)fd_ret(fs_utimens(path, from_timeval(tv, ts)));
}

int futimes(int fd, const struct timeval *tv)
{
	struct timespec ts[2];

	return futimens(fd, from_timeval(tv, ts));
}

int utime(const char *path, const struct utimbuf *t)
{
	struct timespec ts[2] = { { t ? t->actime : 0, 0 },
				  { t ? t->modtime : 0, 0 } };

	return (int)fd_ret(fs_utimens(path, t ? ts : NULL));
}

mode_t umask(mode_t mask)
{
	return fs_umask(mask);
}

/* Everything is in memory: nothing to write back. */
void sync(void)
{
}

/* ---- relative to a directory fd (POSIX *at) ---------------------------- */

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	char at[PATH_MAX];
	int err =
		flags & ~AT_SYMLINK_NOFOLLOW ? -EINVAL : fs_at(dirfd, path, at);

	return (int)fd_ret(err ? err : fs_stat(at, st));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	char at[PATH_MAX];
	int err = flags & ~AT_EACCESS ? -EINVAL : fs_at(dirfd, path, at);

	return (int)fd_ret(err ? err : fs_access(at, mode));
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	char at[PATH_MAX];
	int err =
		flags & ~AT_SYMLINK_NOFOLLOW ? -EINVAL : fs_at(dirfd, path, at);

	return (int)fd_ret(err ? err : fs_chmod(at, mode));
}

/* The files' owner is the one user, root (uid and gid 0, as stat says);
 * the file systems keep no other. A change to root (or -1, none) is
 * what is already so; to another owner EPERM. */
static int owner(int err, uid_t uid, gid_t gid)
{
	if (err)
		return err;
	return (uid == (uid_t)-1 || uid == 0) && (gid == (gid_t)-1 || gid == 0)
		       ? 0
		       : -EPERM;
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	struct stat st;

	return (int)fd_ret(owner(fs_stat(path, &st), uid, gid));
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return chown(path, uid, gid); /* no symbolic links */
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)fd_ret(owner(fd_get(fd) ? 0 : -EBADF, uid, gid));
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	char at[PATH_MAX];
	struct stat st;
	int err =
		flags & ~AT_SYMLINK_NOFOLLOW ? -EINVAL : fs_at(dirfd, path, at);

	return (int)fd_ret(owner(err ? err : fs_stat(at, &st), uid, gid));
}

int utimensat(int dirfd, const char *path, const struct timespec *ts, int flags)
{
	char at[PATH_MAX];
	int err =
		flags & ~AT_SYMLINK_NOFOLLOW ? -EINVAL : fs_at(dirfd, path, at);

	return (int)fd_ret(err ? err : fs_utimens(at, ts));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	char at[PATH_MAX];
	int err = fs_at(dirfd, path, at);

	return (int)fd_ret(err ? err : fs_mkdir(at, mode));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	char at[PATH_MAX];
	int err = flags & ~AT_REMOVEDIR ? -EINVAL : fs_at(dirfd, path, at);

	if (!err)
		err = flags & AT_REMOVEDIR ? fs_rmdir(at) : fs_unlink(at);
	return (int)fd_ret(err);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX];
	int err = fs_at(fromfd, from, a);

	if (!err)
		err = fs_at(tofd, to, b);
	return (int)fd_ret(err ? err : fs_rename(a, b));
}

/* ---- names -------------------------------------------------------------- */

/* No symbolic links: the absolute path, normalized, of what exists. */
char *realpath(const char *path, char *resolved)
{
	char abs[PATH_MAX];
	struct stat st;
	int err = fs_resolve(path, abs);

	if (!err)
		err = fs_stat(path, &st);
	if (!err && !resolved && !(resolved = malloc(PATH_MAX)))
		err = -ENOMEM;
	if (err) {
		fd_ret(err);
		return NULL;
	}
	return strcpy(resolved, abs);
}

/* The file systems have no symbolic links: one cannot be made (EPERM,
 * as Linux says for a file system without them; EEXIST if the name is
 * taken). */
int symlink(const char *target, const char *path)
{
	struct stat st;

	if (!target || !*target)
		return (int)fd_ret(-ENOENT);
	return (int)fd_ret(fs_stat(path, &st) == 0 ? -EEXIST : -EPERM);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	char at[PATH_MAX];
	int err = fs_at(dirfd, path, at);

	return err ? (int)fd_ret(err) : symlink(target, at);
}

/* Nothing is a symbolic link (POSIX: EINVAL). */
ssize_t readlink(const char *path, char *buf, size_t size)
{
	struct stat st;
	int err = fs_stat(path, &st);

	(void)buf, (void)size;
	return fd_ret(err ? err : -EINVAL);
}
