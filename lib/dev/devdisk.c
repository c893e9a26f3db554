/* SPDX-License-Identifier: MIT */
/*
 * devdisk.c: each disk as a block device in /dev (/dev/vda, /dev/nvme0n1:
 * Linux's names and numbers), read and written at any offset (through
 * blkdev_bytes) — its size from lseek(SEEK_END) or
 * ioctl(BLKGETSIZE64), fsync flushing the device's cache. Linked with the
 * disk drivers (libukosblk.a); lib/dev/devfs.c asks for it weakly.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukos/blkdev.h>

#include "../fd.h"
#include "dev.h"

#define BLKSSZGET    0x1268     /* <linux/fs.h>: int, the sector size */
#define BLKGETSIZE64 0x80081272 /* uint64_t, the size in bytes */
#define VIRTIO_MAJOR 254        /* what Linux gives virtio-blk: dynamic, 254 */
#define NVME_MAJOR   259        /* "blkext" */

struct disk_file {
	struct blkdev *bd;
	unsigned index; /* in probe order: the minor */
	off_t pos;
	uint8_t *sector;
	pthread_mutex_t lock; /* pos and the bounce sector */
};

static uint64_t size_of(const struct blkdev *bd)
{
	return bd->sectors * bd->sector_size;
}

static struct blkdev *nth(unsigned n)
{
	struct blkdev *bd = blkdev_first();

	while (bd && n--)
		bd = bd->next;
	return bd;
}

static struct blkdev *by_name(const char *name, unsigned *index)
{
	unsigned i = 0;

	blkdev_probe_all();
	for (struct blkdev *bd = blkdev_first(); bd; bd = bd->next, i++)
		if (!strcmp(bd->name, name)) {
			*index = i;
			return bd;
		}
	return NULL;
}

/* len bytes at at, up to the disk's end. */
static ssize_t disk_io(struct disk_file *f, bool write, uint8_t *buf,
		       size_t len, off_t at)
{
	uint64_t size = size_of(f->bd);

	if (at < 0)
		return -EINVAL;
	if ((uint64_t)at >= size)
		return write && len ? -ENOSPC : 0;
	if (len > size - (uint64_t)at)
		len = (size_t)(size - (uint64_t)at);
	return len ? blkdev_bytes(f->bd, write, (uint64_t)at, len, buf,
				  f->sector)
		   : 0;
}

static ssize_t locked_io(struct disk_file *f, bool write, void *buf, size_t len,
			 off_t *at)
{
	pthread_mutex_lock(&f->lock);
	ssize_t r = disk_io(f, write, buf, len, *at);
	if (r > 0)
		*at += r;
	pthread_mutex_unlock(&f->lock);
	return r;
}

static ssize_t disk_read(void *priv, void *buf, size_t len)
{
	struct disk_file *f = priv;
	return locked_io(f, false, buf, len, &f->pos);
}

static ssize_t disk_write(void *priv, const void *buf, size_t len)
{
	struct disk_file *f = priv;
	return locked_io(f, true, (void *)buf, len, &f->pos);
}

static ssize_t disk_pread(void *priv, void *buf, size_t len, off_t at)
{
	return locked_io(priv, false, buf, len, &at);
}

static ssize_t disk_pwrite(void *priv, const void *buf, size_t len, off_t at)
{
	return locked_io(priv, true, (void *)buf, len, &at);
}

static off_t disk_lseek(void *priv, off_t off, int whence)
{
	struct disk_file *f = priv;
	off_t base = whence == SEEK_SET   ? 0
		     : whence == SEEK_CUR ? f->pos
		     : whence == SEEK_END ? (off_t)size_of(f->bd)
					  : -1;

	if (base < 0 || (off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	return f->pos = base + off;
}

static void fill_stat(const struct blkdev *bd, unsigned index, struct stat *st)
{
	bool nvme = !strncmp(bd->name, "nvme", 4);

	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFBLK | (bd->read_only ? 0440 : 0660);
	st->st_rdev = (dev_t)((nvme ? NVME_MAJOR : VIRTIO_MAJOR) << 8 |
			      (index * 16 & 0xff));
	st->st_ino = 100 + index;
	st->st_nlink = 1;
	st->st_blksize = (blksize_t)bd->sector_size;
}

static int disk_fstat(void *priv, struct stat *st)
{
	struct disk_file *f = priv;

	fill_stat(f->bd, f->index, st);
	return 0;
}

static int disk_ioctl(void *priv, unsigned long req, void *arg)
{
	struct disk_file *f = priv;

	if (req == BLKGETSIZE64) {
		*(uint64_t *)arg = size_of(f->bd);
		return 0;
	}
	if (req == BLKSSZGET) {
		*(int *)arg = (int)f->bd->sector_size;
		return 0;
	}
	return -ENOTTY;
}

static int disk_fsync(void *priv)
{
	struct disk_file *f = priv;

	return f->bd->volatile_cache ? blkdev_flush(f->bd) : 0;
}

static int disk_close(void *priv)
{
	struct disk_file *f = priv;

	pthread_mutex_destroy(&f->lock);
	free(f->sector);
	free(f);
	return 0;
}

static const struct file_ops disk_ops = {
	.read = disk_read,
	.write = disk_write,
	.pread = disk_pread,
	.pwrite = disk_pwrite,
	.lseek = disk_lseek,
	.fstat = disk_fstat,
	.ioctl = disk_ioctl,
	.fsync = disk_fsync,
	.close = disk_close,
};

int dev_disk_open(const char *name, int flags)
{
	struct disk_file *f;
	unsigned index;
	struct blkdev *bd = by_name(name, &index);
	int fd;

	if (!bd)
		return -ENOENT;
	if (bd->read_only && (flags & O_ACCMODE) != O_RDONLY)
		return -EROFS;
	f = calloc(1, sizeof(*f));
	if (!f || !(f->sector = memalign(8, bd->sector_size))) {
		free(f);
		return -ENOMEM;
	}
	f->bd = bd, f->index = index;
	pthread_mutex_init(&f->lock, NULL);
	fd = fd_install(&disk_ops, f, flags);
	if (fd < 0)
		disk_close(f);
	return fd;
}

int dev_disk_stat(const char *name, struct stat *st)
{
	unsigned index;
	struct blkdev *bd = by_name(name, &index);

	if (!bd)
		return -ENOENT;
	fill_stat(bd, index, st);
	return 0;
}

int dev_disk_name(unsigned i, char *out, size_t n)
{
	struct blkdev *bd;

	blkdev_probe_all();
	bd = nth(i);
	if (!bd)
		return 0;
	snprintf(out, n, "%s", bd->name);
	return 1;
}
