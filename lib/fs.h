/* SPDX-License-Identifier: MIT */
/*
 * fs.h: the file systems behind the path calls. fs_path.c resolves a path
 * against the working directory and hands it to the file system mounted
 * there: fs_tmpfs.c at /tmp (in memory, writable), fs_initrd.c everywhere
 * else (the boot archive, read-only). Each call returns 0 or a result, or
 * -errno.
 */
#ifndef LIB_FS_H
#define LIB_FS_H

#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

/*
 * A mounted file system. Paths given to it are absolute within it ("/" is
 * its root) and normalized: no ".", "..", empty or trailing components.
 * Absent optional ops answer EROFS.
 */
struct fs_ops {
	/* req: open path (O_* flags; mode for O_CREAT) into the fd table:
	 * the fd, or -errno. O_DIRECTORY asks for a directory. */
	int (*open)(const char *path, int flags, mode_t mode);
	int (*stat)(const char *path, struct stat *st); /* req */
	/* req: the entry of directory path after cookie *pos (0: the first),
	 * leaving the next cookie in *pos: 1 with *ent filled, 0 at the end,
	 * or -errno. Entries removed meanwhile are not returned, and the
	 * others not skipped. "." and ".." are the caller's. */
	int (*readdir)(const char *path, long *pos, struct dirent *ent);
	int (*mkdir)(const char *path, mode_t mode);     /* opt */
	int (*unlink)(const char *path);                 /* opt */
	int (*rmdir)(const char *path);                  /* opt */
	int (*rename)(const char *from, const char *to); /* opt */
	int (*truncate)(const char *path, off_t len);    /* opt */
	int (*chmod)(const char *path, mode_t mode);     /* opt */
	/* opt: access and modification times, checked (fs_times_check) */
	int (*utimens)(const char *path, const struct timespec ts[2]);
};

extern const struct fs_ops fs_initrd_ops, fs_tmpfs_ops, fs_dev_ops;

/* Where the tmpfs and /dev (lib/dev/devfs.c) are mounted; the root
 * archive shows them as directories. */
#define FS_TMP_MOUNT "/tmp"
#define FS_DEV_MOUNT "/dev"

int fs_open(const char *path, int flags, mode_t mode);
int fs_stat(const char *path, struct stat *st);
int fs_access(const char *path, int mode);
int fs_mkdir(const char *path, mode_t mode);
int fs_unlink(const char *path);
int fs_rmdir(const char *path);
/* -EXDEV between two file systems. */
int fs_rename(const char *from, const char *to);
int fs_truncate(const char *path, off_t len);
int fs_chmod(const char *path, mode_t mode);
int fs_utimens(const char *path, const struct timespec ts[2]);
/* POSIX utimensat's times: NULL (both now), or each a time, UTIME_NOW or
 * UTIME_OMIT. 0 or -EINVAL (a tv_nsec out of range). */
int fs_times_check(const struct timespec ts[2]);
/* Set the file-mode creation mask (POSIX umask), returning the old one;
 * open's O_CREAT and mkdir take their modes through it. */
mode_t fs_umask(mode_t mask);
int fs_chdir(const char *path);
/* The working directory, absolute. */
const char *fs_cwd(void);

/* Normalize path against the working directory into out[PATH_MAX]: 0,
 * -ENOENT (empty), -ENAMETOOLONG or -EFAULT. ".." stops at "/". */
int fs_resolve(const char *path, char *out);

/* The path that path names relative to directory fd dirfd (openat and
 * its kin) into out[PATH_MAX]: path itself if absolute or dirfd is
 * AT_FDCWD. 0, -EBADF, -ENOTDIR (dirfd no directory), -ENOENT,
 * -ENAMETOOLONG, -EFAULT. */
int fs_at(int dirfd, const char *path, char *out);

/* What read-only file system fs answers a request to create sub: EROFS
 * where sub's parent is a directory; else the parent's own error (ENOENT,
 * ENOTDIR), which Linux's path walk gives before the read-only check. */
int fs_create_refused(const struct fs_ops *fs, const char *sub);

/* Resolve path and find its file system: its ops, with the path inside
 * it in sub[PATH_MAX]. NULL with *err set if path does not resolve. */
const struct fs_ops *fs_lookup(const char *path, char *sub, int *err);

#endif
