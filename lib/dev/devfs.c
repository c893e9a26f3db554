/* SPDX-License-Identifier: MIT */
/*
 * devfs.c: /dev, the files a program finds there on Linux. The character
 * devices null, zero, full (writes fail with ENOSPC), random and urandom
 * (the kernel's entropy, random.c) and tty (the console); stdin, stdout
 * and stderr, and the directory fd with one entry per open descriptor,
 * which on Linux lead through /proc/self/fd to the descriptor itself:
 * opening one gives a new fd for the same open file (as dup does), and
 * stat describes that file. The disks are there too, as block devices
 * (devdisk.c). Nothing can be created or removed here.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fd.h"
#include "../fs/fs.h"
#include "dev.h"

/* Linux's numbers (Documentation/admin-guide/devices.txt), so programs
 * that look at st_rdev see what they expect. */
#define DEV(major, minor) ((dev_t)((major) << 8 | (minor)))

static ssize_t null_read(void *priv, void *buf, size_t len)
{
	(void)priv, (void)buf, (void)len;
	return 0;
}

static ssize_t sink_write(void *priv, const void *buf, size_t len)
{
	(void)priv, (void)buf;
	return (ssize_t)len;
}

static ssize_t zero_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	memset(buf, 0, len);
	return (ssize_t)len;
}

static ssize_t full_write(void *priv, const void *buf, size_t len)
{
	(void)priv, (void)buf;
	return len ? -ENOSPC : 0;
}

static ssize_t random_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	return dev_random_fill(buf, len);
}

static int device_fstat(void *priv, struct stat *st);

/* Every device may be read and written at any offset; lseek on one is
 * a no-op that says 0, as on Linux. */
static off_t device_lseek(void *priv, off_t off, int whence)
{
	(void)priv, (void)off, (void)whence;
	return 0;
}

#define DEVICE_OPS(name, rd, wr)                                               \
	static const struct file_ops name = { .read = rd,                      \
					      .write = wr,                     \
					      .lseek = device_lseek,           \
					      .fstat = device_fstat }

DEVICE_OPS(null_ops, null_read, sink_write);
DEVICE_OPS(zero_ops, zero_read, sink_write);
DEVICE_OPS(full_ops, zero_read, full_write);
/* Writing to them is allowed and mixes nothing in: the bytes come from
 * the CPU's generator, which takes no input. */
DEVICE_OPS(random_ops, random_read, sink_write);

struct device {
	const char *name;
	const struct file_ops *ops; /* NULL: another fd (stdin...), or tty */
	dev_t rdev;
	int fd; /* stdin, stdout, stderr: the fd they stand for */
};

static const struct device dev_table[] = {
	{ "full", &full_ops, DEV(1, 7), -1 },
	{ "null", &null_ops, DEV(1, 3), -1 },
	{ "random", &random_ops, DEV(1, 8), -1 },
	{ "stderr", NULL, 0, 2 },
	{ "stdin", NULL, 0, 0 },
	{ "stdout", NULL, 0, 1 },
	{ "tty", NULL, DEV(5, 0), -1 },
	{ "urandom", &random_ops, DEV(1, 9), -1 },
	{ "zero", &zero_ops, DEV(1, 5), -1 },
};
#define DEV_COUNT (sizeof(dev_table) / sizeof(dev_table[0]))

static int device_fstat(void *priv, struct stat *st)
{
	const struct device *d = priv;

	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0666;
	st->st_rdev = d->rdev;
	st->st_ino = (ino_t)(d - dev_table + 3);
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

/* What a path in /dev names: the root, the fd directory, a device, an
 * fd in /dev/fd (*fd), or nothing (-ENOENT, -ENOTDIR). */
enum what { DEV_ROOT, DEV_FD_DIR, DEV_DEVICE, DEV_FD, DEV_DISK };

static int what_is(const char *path, const struct device **dev, int *fd)
{
	char *end;
	long n;

	if (!strcmp(path, "/"))
		return DEV_ROOT;
	if (!strcmp(path, "/fd"))
		return DEV_FD_DIR;
	if (!strncmp(path, "/fd/", 4)) {
		n = strtol(path + 4, &end, 10);
		if (path[4] < '0' || path[4] > '9' || *end || n >= FD_MAX ||
		    !fd_get((int)n))
			return -ENOENT;
		*fd = (int)n;
		return DEV_FD;
	}
	for (size_t i = 0; i < DEV_COUNT; i++) {
		size_t l = strlen(dev_table[i].name);
		if (strncmp(path + 1, dev_table[i].name, l))
			continue;
		if (path[1 + l] == '/')
			return -ENOTDIR;
		if (path[1 + l])
			continue;
		*dev = &dev_table[i];
		if (dev_table[i].fd < 0)
			return DEV_DEVICE;
		*fd = dev_table[i].fd;
		return fd_get(*fd) ? DEV_FD : -ENOENT;
	}
	struct stat st;
	if (dev_disk_stat && !strchr(path + 1, '/') &&
	    dev_disk_stat(path + 1, &st) == 0)
		return DEV_DISK;
	return -ENOENT;
}

/* The two directories, as open files: fstat and openat's starting point. */
static int dir_fstat(void *priv, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFDIR | 0755;
	st->st_ino = priv ? 2 : 1;
	st->st_nlink = 2;
	return 0;
}

static int dir_path(void *priv, char *out)
{
	strcpy(out, priv ? FS_DEV_MOUNT "/fd" : FS_DEV_MOUNT);
	return 0;
}

static const struct file_ops dir_ops = { .fstat = dir_fstat,
					 .dir_path = dir_path };
static const char fd_dir_tag; /* priv of /dev/fd's open files */

static int dev_open(void *fs, const char *path, int flags, mode_t mode)
{
	const struct device *d = NULL;
	int fd = -1, w = what_is(path, &d, &fd);
	bool dir = w == DEV_ROOT || w == DEV_FD_DIR;

	(void)fs, (void)mode;
	if (w < 0)
		return w == -ENOENT && (flags & O_CREAT) ? -EROFS : w;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if (dir && (flags & O_ACCMODE) != O_RDONLY)
		return -EISDIR;
	if (dir)
		return fd_install(&dir_ops,
				  w == DEV_FD_DIR ? (void *)&fd_dir_tag : NULL,
				  flags);
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if (w == DEV_FD) /* /dev/fd/N, /dev/stdin...: N's open file */
		return fd_dup(fd, 0, FD_DUP_MIN);
	if (w == DEV_DISK)
		return dev_disk_open(path + 1, flags);
	if (!d->ops) /* tty */
		return console_file_open(flags);
	return fd_install(d->ops, (void *)d, flags);
}

static int dev_stat(void *fs, const char *path, struct stat *st)
{
	const struct device *d = NULL;
	int fd = -1, w = what_is(path, &d, &fd);
	struct file *f;

	(void)fs;
	if (w < 0)
		return w;
	if (w == DEV_ROOT || w == DEV_FD_DIR)
		return dir_fstat(w == DEV_FD_DIR ? (void *)&fd_dir_tag : NULL,
				 st);
	if (w == DEV_DEVICE)
		return device_fstat((void *)d, st);
	if (w == DEV_DISK)
		return dev_disk_stat(path + 1, st);
	f = fd_get(fd);
	return f ? f->ops->fstat(f->priv, st) : -ENOENT;
}

/* Cookies: 1 + the index of the entry given last. The root lists "fd"
 * and the dev_table; /dev/fd lists the open fds. */
static int dev_readdir(void *fs, const char *path, long *pos,
		       struct dirent *ent)
{
	const struct device *d = NULL;
	int fd = -1, w = what_is(path, &d, &fd);
	long i = *pos;

	(void)fs;
	if (w < 0)
		return w;
	if (w == DEV_DEVICE || w == DEV_FD || w == DEV_DISK)
		return -ENOTDIR;
	if (w == DEV_FD_DIR) {
		while (i < FD_MAX && !fd_get((int)i))
			i++;
		if (i >= FD_MAX)
			return 0;
		snprintf(ent->d_name, sizeof(ent->d_name), "%ld", i);
		ent->d_ino = (ino_t)(1000 + i);
		ent->d_type = DT_LNK; /* as Linux's /proc/self/fd */
		*pos = i + 1;
		return 1;
	}
	if (i > (long)DEV_COUNT) { /* then the disks */
		if (!dev_disk_name ||
		    !dev_disk_name((unsigned)(i - DEV_COUNT - 1), ent->d_name,
				   sizeof(ent->d_name)))
			return 0;
		ent->d_ino = (ino_t)(100 + i - DEV_COUNT - 1);
		ent->d_type = DT_BLK;
		*pos = i + 1;
		return 1;
	}
	if (i == 0) {
		strcpy(ent->d_name, "fd");
		ent->d_ino = 2;
		ent->d_type = DT_DIR;
	} else {
		strcpy(ent->d_name, dev_table[i - 1].name);
		ent->d_ino = (ino_t)(i + 2);
		ent->d_type = dev_table[i - 1].fd < 0 ? DT_CHR : DT_LNK;
	}
	*pos = i + 1;
	return 1;
}

const struct fs_ops fs_dev_ops = {
	.open = dev_open,
	.stat = dev_stat,
	.readdir = dev_readdir,
};
