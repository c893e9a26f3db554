/* SPDX-License-Identifier: MIT */
/*
 * fs.h: the file systems behind the path calls. fs_path.c resolves a path
 * against the working directory and hands it to the file system mounted
 * there (fs_mount.c's table): a tmpfs at /tmp, /dev (lib/dev/devfs.c),
 * and at / the boot archive — a tmpfs filled from it (writable, the
 * default) or the archive itself (fs_initrd.c, read-only, ukos.root=ro).
 * Each call returns 0 or a result, or -errno.
 */
#ifndef LIB_FS_H
#define LIB_FS_H

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * A kind of file system. fs is the instance the mount table names (NULL
 * for the kinds that have one). Paths given to it are absolute within it
 * ("/" is its root) and normalized: no ".", "..", empty or trailing
 * components. Absent optional ops answer EROFS.
 */
struct fs_ops {
	/* req: open path (O_* flags; mode for O_CREAT) into the fd table:
	 * the fd, or -errno. O_DIRECTORY asks for a directory. */
	int (*open)(void *fs, const char *path, int flags, mode_t mode);
	int (*stat)(void *fs, const char *path, struct stat *st); /* req */
	/* req: the entry of directory path after cookie *pos (0: the first),
	 * leaving the next cookie in *pos: 1 with *ent filled, 0 at the end,
	 * or -errno. Entries removed meanwhile are not returned, and the
	 * others not skipped. "." and ".." are the caller's. */
	int (*readdir)(void *fs, const char *path, long *pos,
		       struct dirent *ent);
	int (*mkdir)(void *fs, const char *path, mode_t mode);     /* opt */
	int (*unlink)(void *fs, const char *path);                 /* opt */
	int (*rmdir)(void *fs, const char *path);                  /* opt */
	int (*rename)(void *fs, const char *from, const char *to); /* opt */
	int (*truncate)(void *fs, const char *path, off_t len);    /* opt */
	int (*chmod)(void *fs, const char *path, mode_t mode);     /* opt */
	/* opt: access and modification times, checked (fs_times_check) */
	int (*utimens)(void *fs, const char *path, const struct timespec ts[2]);
};

extern const struct fs_ops fs_initrd_ops, fs_tmpfs_ops, fs_dev_ops;
/* ext2 on a disk (lib/fs/ext2/; its instance a struct ext2fs). */
extern const struct fs_ops fs_ext2_ops;

/* A file system mounted at a directory of the root. */
struct fs_mount {
	const char *at; /* "/", "/tmp", "/dev" */
	const struct fs_ops *ops;
	void *fs; /* ops' instance */
};

/* Where the tmpfs and /dev (lib/dev/devfs.c) are mounted; the root
 * shows them as directories. */
#define FS_TMP_MOUNT "/tmp"
#define FS_DEV_MOUNT "/dev"

/* fs_disk.c (linked with the disk drivers, hence weak here): the
 * ukos.mount= file systems, at most room of them into out; and writing
 * them back at the program's exit. */
__attribute__((weak)) unsigned fs_disk_mount_all(struct fs_mount *out,
						 unsigned room);
__attribute__((weak)) void fs_disk_exit(void);
int fs_disk_option(const char *v);

/* The mount at path (normalized), turning path into the path inside it.
 * The first call mounts everything. */
const struct fs_mount *fs_mount_find(char *path);

/* ukos.root's handler ("rw", "ro"), for the unit tests. */
int fs_mount_root_option(const char *v);

/* ---- the tmpfs (fs_tmpfs.c) ------------------------------------------ */

struct tmpfs;

/* An empty tmpfs whose root has mode root_mode, mounted at at (for the
 * paths of its open directories), its files holding at most limit bytes
 * of memory. NULL: out of memory. */
struct tmpfs *fs_tmpfs_new(const char *at, mode_t root_mode, uint64_t limit);
/* Add the file or directory at path (normalized; its parent there) as an
 * archive gives it: a file's bytes stay where data is, borrowed, until a
 * change needs a copy of its own. 0, -EEXIST (path is there: kept),
 * -ENOENT or -ENOTDIR (no parent directory), -ENOMEM. */
int fs_tmpfs_add(struct tmpfs *t, const char *path, mode_t mode, time_t mtime,
		 const void *data, size_t size);

/* ---- the boot archive (fs_initrd.c) ---------------------------------- */

/* The archive the boot loader handed over is indexed before main(). */
/* Call fn with each path the archive holds, parents before children,
 * until fn returns non-zero: that, or 0. */
int fs_initrd_each(int (*fn)(void *arg, const char *path, mode_t mode,
			     time_t mtime, const void *data, size_t size),
		   void *arg);
/* Free the index once fs_initrd_ops is mounted nowhere. */
void fs_initrd_drop(void);

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

/* What read-only file system fs (of kind ops) answers a request to create
 * sub: EROFS where sub's parent is a directory; else the parent's own
 * error (ENOENT, ENOTDIR), which Linux's path walk gives before the
 * read-only check. */
int fs_create_refused(const struct fs_ops *ops, void *fs, const char *sub);

/* Resolve path and find its file system: its mount, with the path inside
 * it in sub[PATH_MAX]. NULL with *err set if path does not resolve. */
const struct fs_mount *fs_lookup(const char *path, char *sub, int *err);

#endif
