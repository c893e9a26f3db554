/* SPDX-License-Identifier: MIT */
/*
 * fs_mount.c: the mount table — the tmpfs at /tmp, /dev, the disks that
 * ukos.mount= names (fs_disk.c), and the root.
 *
 * The root is the boot archive made writable: a tmpfs filled from the
 * archive's index at the first path call, whose files read the archive's
 * bytes where the boot loader put them until a change needs a copy (so
 * the root costs a node per path, not a second copy of the archive).
 * What the program writes there lives in memory and ends with it, as in
 * a Linux initramfs.
 * ukos.root=ro keeps the archive itself as the root: nothing under / but
 * /tmp changes, and every change says EROFS.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/kmain.h>

#include "fs.h"

static bool read_only;
static uint64_t tmp_limit, root_limit; /* 0: a quarter of the heap each */

#define DISKS_MAX 4
enum { MOUNT_TMP, MOUNT_DEV, MOUNT_FIXED };
/* Longest mount point first (a disk at /tmp/x before /tmp), the root
 * apart: it is under everything. */
static struct fs_mount mounts[MOUNT_FIXED + DISKS_MAX] = {
	[MOUNT_TMP] = { FS_TMP_MOUNT, &fs_tmpfs_ops, NULL },
	[MOUNT_DEV] = { FS_DEV_MOUNT, &fs_dev_ops, NULL },
};
static unsigned mount_count = MOUNT_FIXED;
static struct fs_mount root = { "/", &fs_initrd_ops, NULL };

int fs_mount_root_option(const char *v)
{
	if (!v || (strcmp(v, "ro") != 0 && strcmp(v, "rw") != 0))
		return -EINVAL;
	read_only = strcmp(v, "ro") == 0;
	return 0;
}
KERNEL_OPTION(root, "ukos.root", fs_mount_root_option,
	      "rw (the default: the boot archive, writable in memory) or ro "
	      "(the archive as it is: changes say EROFS)");

static int set_size(const char *v, uint64_t *to)
{
	unsigned long long n;

	if (cmdline_size(v, &n) || n == 0)
		return -EINVAL;
	*to = n;
	return 0;
}

/* "ukos.tmpfs=SIZE", "ukos.rootfs=SIZE": how much memory the files
 * written there may take. */
static int set_tmp_limit(const char *v)
{
	return set_size(v, &tmp_limit);
}
KERNEL_OPTION(tmpfs, "ukos.tmpfs", set_tmp_limit,
	      "bytes the files in /tmp may hold, e.g. 16M "
	      "(default a quarter of the heap)");

static int set_root_limit(const char *v)
{
	return set_size(v, &root_limit);
}
KERNEL_OPTION(rootfs, "ukos.rootfs", set_root_limit,
	      "bytes the files written under / (outside /tmp) may hold, "
	      "e.g. 64M (default a quarter of the heap; the archive's own "
	      "bytes are not counted until changed)");

struct filling {
	struct tmpfs *root;
	size_t under_file; /* entries whose parent is a file */
};

static int add_path(void *arg, const char *path, mode_t mode, time_t mtime,
		    const void *data, size_t size)
{
	struct filling *f = arg;
	int err = fs_tmpfs_add(f->root, path, mode, mtime, data, size);

	if (err == -ENOTDIR) /* "a" a file and "a/b" too: b cannot be */
		f->under_file++;
	return err == -ENOTDIR || err == -EEXIST ? 0 : err; /* EEXIST: "/" */
}

/* The writable root: the archive's paths in a tmpfs. NULL (and the
 * archive stays the root, read-only) if memory runs out. */
static struct tmpfs *writable_root(void)
{
	struct filling f = { fs_tmpfs_new("/", S_IFDIR | 0755, root_limit), 0 };
	int err = f.root ? fs_initrd_each(add_path, &f) : -ENOMEM;

	if (f.under_file)
		kprintf("ukos: root: %zu archive entries left out: a file "
			"holds their path\n",
			f.under_file);
	if (!err)
		return f.root;
	/* A half-filled tmpfs cannot be given back piecemeal; the memory
	 * it holds is small beside what ran out. */
	kprintf("ukos: root: %s filling the writable root from the "
		"archive: the root stays the archive, read-only\n",
		strerror(-err));
	return NULL;
}

/* A disk's mount point shows in a writable root as a directory. */
static void add_mount_point(struct tmpfs *t, const char *at)
{
	char path[PATH_MAX];

	for (const char *p = strchr(at + 1, '/');; p = strchr(p + 1, '/')) {
		size_t n = p ? (size_t)(p - at) : strlen(at);
		memcpy(path, at, n);
		path[n] = '\0';
		fs_tmpfs_add(t, path, S_IFDIR | 0755, 0, NULL, 0);
		if (!p)
			break;
	}
}

/* The disks, in the table by the length of their paths; one at "/" is
 * the root. */
static bool mount_disks(void)
{
	struct fs_mount disk[DISKS_MAX];
	unsigned n = fs_disk_mount_all ? fs_disk_mount_all(disk, DISKS_MAX) : 0;
	bool disk_root = false;

	for (unsigned i = 0; i < n; i++) {
		unsigned at = 0;
		if (strcmp(disk[i].at, "/") == 0) {
			root = disk[i], disk_root = true;
			continue;
		}
		while (at < mount_count &&
		       strlen(mounts[at].at) >= strlen(disk[i].at))
			at++;
		memmove(&mounts[at + 1], &mounts[at],
			(mount_count - at) * sizeof(mounts[0]));
		mounts[at] = disk[i];
		mount_count++;
	}
	return disk_root;
}

/* Mount at the first path call, not at boot: a program that never names
 * a file links none of this (the archive's index, made at boot, is
 * fs_initrd.c's). */
static void mount_all(void)
{
	struct tmpfs *t;

	mounts[MOUNT_TMP].fs =
		fs_tmpfs_new(FS_TMP_MOUNT, S_IFDIR | 01777, tmp_limit);
	if (!mounts[MOUNT_TMP].fs)
		ukos_panic("out of memory mounting " FS_TMP_MOUNT);
	if (mount_disks() || read_only || !(t = writable_root()))
		return;
	for (unsigned i = 0; i < mount_count; i++)
		if (mounts[i].ops != &fs_tmpfs_ops &&
		    mounts[i].ops != &fs_dev_ops)
			add_mount_point(t, mounts[i].at);
	root.ops = &fs_tmpfs_ops, root.fs = t;
	fs_initrd_drop();
}

/* Whether path is at or under mount point m; if so, path becomes the
 * path inside it. */
static bool under(char *path, const char *m)
{
	size_t n = strlen(m);

	if (n == 1) /* "/" */
		return true;
	if (strncmp(path, m, n) != 0 || (path[n] != '/' && path[n] != '\0'))
		return false;
	memmove(path, path + n, strlen(path + n) + 1);
	if (!path[0])
		strcpy(path, "/");
	return true;
}

const struct fs_mount *fs_mount_find(char *path)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const struct fs_mount *m = mounts;

	pthread_once(&once, mount_all);
	for (unsigned i = 0; i < mount_count; i++, m++)
		if (under(path, m->at))
			return m;
	return &root;
}
