/* SPDX-License-Identifier: MIT */
/*
 * dev.h: what lib/dev/'s files share.
 */
#ifndef LIB_DEV_DEV_H
#define LIB_DEV_DEV_H

#include <sys/types.h>

/* random.c: len bytes of the CPU's random generator into buf: len, or
 * -EIO when the CPU has none (then nothing trustworthy can be given). */
ssize_t dev_random_fill(void *buf, size_t len);

struct stat;

/* devdisk.c, linked with the disk drivers (hence weak): the disks as
 * block devices. Open disk name (the fd, or -ENOENT, -EROFS, -ENOMEM);
 * its stat (0, -ENOENT); the name of disk i in probe order into out[n]
 * (1, or 0 past the last). */
__attribute__((weak)) int dev_disk_open(const char *name, int flags);
__attribute__((weak)) int dev_disk_stat(const char *name, struct stat *st);
__attribute__((weak)) int dev_disk_name(unsigned i, char *out, size_t n);

#endif
