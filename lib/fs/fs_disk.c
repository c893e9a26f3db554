/* SPDX-License-Identifier: MIT */
/*
 * fs_disk.c: file systems on disks. ukos.mount=PATH:DISK[,ro] (up to
 * four) asks for the ext2 file system on block device DISK at PATH; the
 * mount table takes them at the first path call, and the program's exit
 * writes them back and marks them clean. A disk that is missing or holds
 * no usable file system is said so at mount, and its path then answers
 * ENODEV: what the program meant for a disk never goes to memory instead.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukos/blkdev.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>

#include "ext2/ext2.h"
#include "fs.h"

#define DISK_MOUNTS_MAX 4
#define MOUNT_PATH_MAX  256

struct disk_mount {
	char at[MOUNT_PATH_MAX];
	char disk[BLKDEV_NAME_MAX];
	bool ro;
	struct blkdev *bd;
	struct ext2fs *fs;
	uint8_t *sector; /* for I/O not on sector boundaries */
};

static struct disk_mount disks[DISK_MOUNTS_MAX];
static unsigned disk_count;

/* A mount point: absolute, no empty, "." or ".." parts, no trailing
 * slash (but "/" itself). */
static bool good_path(const char *p, size_t n)
{
	if (!n || p[0] != '/' || n >= MOUNT_PATH_MAX ||
	    (n > 1 && p[n - 1] == '/'))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '/')
			continue;
		size_t k = i + 1;
		while (k < n && p[k] != '/')
			k++;
		size_t len = k - i - 1;
		if ((len == 0 && n > 1) || (len == 1 && p[i + 1] == '.') ||
		    (len == 2 && p[i + 1] == '.' && p[i + 2] == '.'))
			return false;
	}
	return true;
}

int fs_disk_option(const char *v)
{
	const char *colon = v ? strrchr(v, ':') : NULL;
	struct disk_mount *d = &disks[disk_count];
	const char *name, *comma;
	size_t n;

	if (!colon || disk_count == DISK_MOUNTS_MAX ||
	    !good_path(v, (size_t)(colon - v)))
		return -EINVAL;
	name = colon + 1;
	comma = strchr(name, ',');
	n = comma ? (size_t)(comma - name) : strlen(name);
	if (!n || n >= BLKDEV_NAME_MAX || (comma && strcmp(comma, ",ro") != 0))
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	memcpy(d->at, v, (size_t)(colon - v));
	memcpy(d->disk, name, n);
	d->ro = comma != NULL;
	for (unsigned i = 0; i < disk_count; i++)
		if (strcmp(disks[i].at, d->at) == 0)
			return -EINVAL; /* one file system a path */
	disk_count++;
	return 0;
}
KERNEL_OPTION(mount, "ukos.mount", fs_disk_option,
	      "PATH:DISK[,ro]: the ext2 file system on a disk (vda, nvme0n1, "
	      "...) at PATH, e.g. /data:vda; up to 4");

/* The disk in byte terms (an ext2 superblock on a 4 KiB-sector disk is
 * not on a sector's boundary). */
static int dev_io(struct disk_mount *d, bool write, uint64_t off, size_t len,
		  void *buf)
{
	ssize_t r = blkdev_bytes(d->bd, write, off, len, buf, d->sector);

	return r < 0 ? (int)r : (size_t)r == len ? 0 : -EIO;
}

static int dev_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	return dev_io(ctx, false, off, len, buf);
}

static int dev_write(void *ctx, uint64_t off, size_t len, const void *buf)
{
	return dev_io(ctx, true, off, len, (void *)buf);
}

static int dev_flush(void *ctx)
{
	struct disk_mount *d = ctx;

	return d->bd->volatile_cache ? blkdev_flush(d->bd) : 0;
}

/* What a path whose disk could not be mounted answers. */
static int absent_open(void *fs, const char *p, int flags, mode_t mode)
{
	(void)fs, (void)p, (void)flags, (void)mode;
	return -ENODEV;
}

static int absent_stat(void *fs, const char *p, struct stat *st)
{
	(void)fs, (void)p, (void)st;
	return -ENODEV;
}

static int absent_readdir(void *fs, const char *p, long *pos,
			  struct dirent *ent)
{
	(void)fs, (void)p, (void)pos, (void)ent;
	return -ENODEV;
}

static int absent_path(void *fs, const char *p, mode_t mode)
{
	(void)fs, (void)p, (void)mode;
	return -ENODEV;
}

static int absent_one(void *fs, const char *p)
{
	(void)fs, (void)p;
	return -ENODEV;
}

static int absent_two(void *fs, const char *a, const char *b)
{
	(void)fs, (void)a, (void)b;
	return -ENODEV;
}

static int absent_truncate(void *fs, const char *p, off_t len)
{
	(void)fs, (void)p, (void)len;
	return -ENODEV;
}

static int absent_utimens(void *fs, const char *p, const struct timespec t[2])
{
	(void)fs, (void)p, (void)t;
	return -ENODEV;
}

static const struct fs_ops absent_ops = {
	.open = absent_open,
	.stat = absent_stat,
	.readdir = absent_readdir,
	.mkdir = absent_path,
	.unlink = absent_one,
	.rmdir = absent_one,
	.rename = absent_two,
	.truncate = absent_truncate,
	.chmod = absent_path,
	.utimens = absent_utimens,
};

static int mount_one(struct disk_mount *d)
{
	struct ext2_dev dev = { .ctx = d,
				.read = dev_read,
				.write = dev_write,
				.flush = dev_flush,
				.align = 4 };
	int err;

	d->bd = blkdev_find(d->disk);
	if (!d->bd) {
		kprintf("ukos: ukos.mount=%s:%s: no disk %s\n", d->at, d->disk,
			d->disk);
		return -ENODEV;
	}
	d->sector = memalign(8, d->bd->sector_size);
	if (!d->sector)
		return -ENOMEM;
	dev.size = d->bd->sectors * d->bd->sector_size;
	dev.read_only = d->bd->read_only;
	err = ext2_mount(&dev, d->ro, d->disk, &d->fs);
	if (err)
		return err;
	strcpy(d->fs->at, strcmp(d->at, "/") ? d->at : "");
	kprintf("ukos: %s: ext2 on %s, %u MiB in %u-byte blocks, %s\n", d->at,
		d->disk,
		(unsigned)((uint64_t)d->fs->sb.s_blocks_count *
				   d->fs->block_size >>
			   20),
		d->fs->block_size, d->fs->read_only ? "read-only" : "writable");
	return 0;
}

unsigned fs_disk_mount_all(struct fs_mount *out, unsigned room)
{
	unsigned n = 0;

	if (disk_count)
		blkdev_probe_all();
	for (unsigned i = 0; i < disk_count && n < room; i++) {
		struct disk_mount *d = &disks[i];
		int err = mount_one(d);

		if (err && err != -ENODEV)
			kprintf("ukos: %s: %s not mounted: %s\n", d->at,
				d->disk, strerror(-err));
		if (err)
			kprintf("ukos: %s: every call there fails (ENODEV)\n",
				d->at);
		out[n++] = (struct fs_mount){ d->at,
					      err ? &absent_ops : &fs_ext2_ops,
					      err ? NULL : d->fs };
	}
	return n;
}

void fs_disk_exit(void)
{
	for (unsigned i = 0; i < disk_count; i++)
		if (disks[i].fs)
			ext2_quiesce(disks[i].fs);
}
