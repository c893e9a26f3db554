/* SPDX-License-Identifier: MIT */
/*
 * test_fs.c: the path layer (lib/fs/fs_path.c) over the boot archive's
 * root kept read-only (ukos.root=ro: lib/fs/fs_initrd.c, on a fake
 * archive) and the tmpfs (lib/fs/fs_tmpfs.c) and /dev (lib/dev/devfs.c),
 * through the fd table (lib/fd.c). Under ASan, so a node freed too early
 * or never shows. test_rootfs.c has the writable root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/kmain.h>
#include <unistd.h>

#include "../../lib/fd.h"
#include "../../lib/fs/fs.h"
#include "fs_fakes.h"
#include "newc.h"

/* The archive as it is, read-only (ukos.root=ro), before fs_mount.c's
 * constructor mounts it. */
__attribute__((constructor(101))) static void root_read_only(void)
{
	fs_mount_root_option("ro");
}

static uint8_t arc[4096];
static size_t arc_len;

static void add(const char *name, unsigned mode, const char *data)
{
	newc_add(arc, &arc_len, name, mode, data);
}

/* Asked for once, by fs_initrd.c's constructor. */
const void *initrd_get(size_t *len)
{
	add(".", 040755, NULL);
	add("etc/motd", 0100644, "hello\n");
	add("../escape", 0100644, "never\n");
	add("a/../../b", 0100644, "never\n");
	add("tmpx", 0100644, "not the mount\n");
	add("TRAILER!!!", 0, NULL);
	*len = arc_len;
	return arc;
}

/* ---- helpers ---------------------------------------------------------- */

static ssize_t put(int fd, const char *s)
{
	struct file *f = fd_get(fd);

	return f->ops->write(f->priv, s, strlen(s));
}

static int make(const char *path, const char *s)
{
	int fd = fs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fd;
	ssize_t n = put(fd, s);
	fd_close(fd);
	return n == (ssize_t)strlen(s) ? 0 : (int)n;
}

static const char *where(const char *path)
{
	static char sub[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, sub, &err);

	if (!m)
		return "error";
	return m->ops == &fs_initrd_ops ? "root" : m->at;
}

static char sub[PATH_MAX];

/* The entry of directory path after cookie *pos, from its file system. */
static int next(const char *path, long *pos, struct dirent *ent)
{
	char in[PATH_MAX];
	int err;
	const struct fs_mount *m = fs_lookup(path, in, &err);

	return m ? m->ops->readdir(m->fs, in, pos, ent) : err;
}

/* ---- tests ------------------------------------------------------------ */

static void test_resolve(void **state)
{
	char out[PATH_MAX], *longer;

	(void)state;
	assert_int_equal(fs_resolve("/a//b/./c/", out), 0);
	assert_string_equal(out, "/a/b/c");
	assert_int_equal(fs_resolve("/../../x/..", out), 0);
	assert_string_equal(out, "/");
	assert_int_equal(fs_resolve("", out), -ENOENT);
	assert_int_equal(fs_resolve(NULL, out), -EFAULT);
	assert_int_equal(fs_chdir("/etc"), 0);
	assert_int_equal(fs_resolve("motd", out), 0);
	assert_string_equal(out, "/etc/motd");
	assert_int_equal(fs_resolve("../tmp/./x", out), 0);
	assert_string_equal(out, "/tmp/x");
	assert_int_equal(fs_chdir("/etc/motd"), -ENOTDIR);
	assert_int_equal(fs_chdir("/"), 0);
	longer = malloc(PATH_MAX + 1);
	memset(longer, 'a', PATH_MAX);
	longer[PATH_MAX] = '\0';
	assert_int_equal(fs_resolve(longer, out), -ENAMETOOLONG);
	free(longer);
}

static void test_mounts(void **state)
{
	int err;

	(void)state;
	assert_string_equal(where("/tmp"), "/tmp");
	assert_ptr_equal(fs_lookup("/tmp", sub, &err)->ops, &fs_tmpfs_ops);
	assert_string_equal(sub, "/");
	assert_ptr_equal(fs_lookup("/tmp/a/b", sub, &err)->ops, &fs_tmpfs_ops);
	assert_string_equal(sub, "/a/b");
	assert_string_equal(where("/tmpx"), "root");
	assert_string_equal(where("/tmp/../etc"), "root");
	assert_string_equal(where("/etc/../tmp/"), "/tmp");
	/* The archive's own "tmpx" is kept; its ".." names are not, and the
	 * boot says so. */
	assert_non_null(
		strstr(fake_boot_log, "ukos: initrd: 2 entries left out"));
	assert_non_null(strstr(fake_boot_log, "ukos: initrd: 2 files, "));
	struct stat st;
	assert_int_equal(fs_stat("/tmpx", &st), 0);
	assert_int_equal(fs_stat("/escape", &st), -ENOENT);
	assert_int_equal(fs_stat("/b", &st), -ENOENT);
}

static void test_root_read_only(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(fs_open("/etc/motd", O_WRONLY, 0), -EROFS);
	assert_int_equal(fs_open("/etc/new", O_WRONLY | O_CREAT, 0644), -EROFS);
	assert_int_equal(fs_mkdir("/etc", 0755), -EEXIST);
	assert_int_equal(fs_mkdir("/etc/d", 0755), -EROFS);
	/* A missing or non-directory parent comes before the read-only
	 * check, as on Linux. */
	assert_int_equal(fs_open("/nope/x", O_WRONLY | O_CREAT, 0644), -ENOENT);
	assert_int_equal(fs_open("/etc/motd/x", O_WRONLY | O_CREAT, 0644),
			 -ENOTDIR);
	assert_int_equal(fs_open("/new", O_RDWR | O_CREAT, 0644), -EROFS);
	assert_int_equal(fs_mkdir("/nope/d", 0755), -ENOENT);
	assert_int_equal(fs_mkdir("/nope/d/e", 0755), -ENOENT);
	assert_int_equal(fs_mkdir("/etc/motd/d", 0755), -ENOTDIR);
	assert_int_equal(fs_mkdir("/d", 0755), -EROFS);
	assert_int_equal(fs_rename("/etc/motd", "/nope/m"), -ENOENT);
	assert_int_equal(fs_rename("/etc/motd", "/etc/motd/m"), -ENOTDIR);
	assert_int_equal(fs_unlink("/etc/motd"), -EROFS);
	assert_int_equal(fs_unlink("/etc/nope"), -ENOENT);
	assert_int_equal(fs_rmdir("/etc"), -EROFS);
	assert_int_equal(fs_truncate("/etc/motd", 0), -EROFS);
	assert_int_equal(fs_rename("/etc/motd", "/etc/m"), -EROFS);
	assert_int_equal(fs_rename("/etc/motd", "/tmp/m"), -EXDEV);
	assert_int_equal(fs_access("/etc/motd", W_OK), -EROFS);
	assert_int_equal(fs_access("/tmp", W_OK), 0);
	assert_int_equal(fs_access("/etc/motd", 0x40), -EINVAL);
	assert_int_equal(fs_stat("/etc/motd/", &st), -ENOTDIR);
	assert_int_equal(fs_unlink("/etc/motd/"), -ENOTDIR);
}

/* What stays open outlives its name; everything is freed at the end
 * (ASan's leak check). */
static void test_unlink_open(void **state)
{
	struct stat st;
	char buf[8];
	int fd;

	(void)state;
	fd = fs_open("/tmp/f", O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(put(fd, "data"), 4);
	assert_int_equal(fs_unlink("/tmp/f"), 0);
	assert_int_equal(fs_stat("/tmp/f", &st), -ENOENT);
	struct file *f = fd_get(fd);
	assert_int_equal(f->ops->pread(f->priv, buf, 8, 0), 4);
	assert_int_equal(f->ops->fstat(f->priv, &st), 0);
	assert_int_equal(st.st_nlink, 0);
	assert_int_equal(fd_close(fd), 0);
}

static void test_rename_replaces(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(make("/tmp/x", "xx"), 0);
	assert_int_equal(make("/tmp/y", "yyy"), 0);
	assert_int_equal(fs_rename("/tmp/x", "/tmp/y"), 0);
	assert_int_equal(fs_stat("/tmp/y", &st), 0);
	assert_int_equal(st.st_size, 2);
	assert_int_equal(fs_mkdir("/tmp/d", 0755), 0);
	assert_int_equal(fs_rename("/tmp/d", "/tmp/d/e"), -EINVAL);
	assert_int_equal(fs_rename("/tmp/y", "/tmp/d/"), -ENOTDIR);
	assert_int_equal(fs_rename("/tmp/y", "/tmp/d"), -EISDIR);
	assert_int_equal(fs_rename("/tmp/y", "/tmp/nope/y"), -ENOENT);
	assert_int_equal(fs_rename("/tmp/d", "/tmp/y"), -ENOTDIR);
	assert_int_equal(fs_rename("/tmp/y", "/tmp/d/y"), 0);
	assert_int_equal(fs_rmdir("/tmp/d"), -ENOTEMPTY);
	assert_int_equal(fs_unlink("/tmp/d/y"), 0);
	assert_int_equal(fs_rmdir("/tmp/d"), 0);
}

/* Removing each entry as it is read skips none of the others. */
static void test_readdir_while_removing(void **state)
{
	char path[300];
	struct dirent ent;
	long pos = 0;
	int seen = 0, r;

	(void)state;
	assert_int_equal(fs_mkdir("/tmp/list", 0755), 0);
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/tmp/list/%d", i);
		assert_int_equal(make(path, "x"), 0);
	}
	while ((r = next("/tmp/list", &pos, &ent)) == 1) {
		snprintf(path, sizeof(path), "/tmp/list/%s", ent.d_name);
		assert_int_equal(fs_unlink(path), 0);
		seen++;
	}
	assert_int_equal(r, 0);
	assert_int_equal(seen, 10);
	assert_int_equal(fs_rmdir("/tmp/list"), 0);
	pos = 0;
	assert_int_equal(next("/tmp/list", &pos, &ent), -ENOENT);
	/* The root's listing shows the mount point. */
	pos = 0, seen = 0;
	while (next("/", &pos, &ent) == 1)
		seen += strcmp(ent.d_name, "tmp") == 0;
	assert_int_equal(seen, 1);
}

/* 1 MiB default limit (a quarter of the fake heap): a write that would
 * pass it writes what fits; truncating and unlinking give bytes back. */
static void test_limit(void **state)
{
	static char block[100000];
	long total = 0;
	ssize_t n = 0;
	int fd = fs_open("/tmp/big", O_WRONLY | O_CREAT, 0644);
	struct file *f = fd_get(fd);

	(void)state;
	memset(block, 'z', sizeof(block));
	while ((n = f->ops->write(f->priv, block, sizeof(block))) > 0)
		total += n;
	assert_int_equal(n, -ENOSPC);
	assert_int_equal(total, 1 << 20);
	assert_int_equal(make("/tmp/small", "x"), -ENOSPC);
	assert_int_equal(f->ops->truncate(f->priv, 1000), 0);
	assert_int_equal(make("/tmp/small", "x"), 0);
	assert_int_equal(f->ops->pwrite(f->priv, "y", 1, (off_t)2 << 20),
			 -ENOSPC);
	assert_int_equal(f->ops->pwrite(f->priv, "y", 1, -1), -EINVAL);
	assert_int_equal(fd_close(fd), 0);
	assert_int_equal(fs_unlink("/tmp/big"), 0);
	assert_int_equal(fs_unlink("/tmp/small"), 0);
	assert_int_equal(make("/tmp/again", "fits"), 0);
	assert_int_equal(fs_unlink("/tmp/again"), 0);
}

static void test_names(void **state)
{
	char name[300] = "/tmp/";

	(void)state;
	memset(name + 5, 'n', 256);
	name[261] = '\0';
	assert_int_equal(fs_open(name, O_WRONLY | O_CREAT, 0644),
			 -ENAMETOOLONG);
	assert_int_equal(fs_mkdir(name, 0755), -ENAMETOOLONG);
	name[260] = '\0'; /* 255: NAME_MAX */
	assert_int_equal(make(name, ""), 0);
	assert_int_equal(fs_unlink(name), 0);
	assert_int_equal(fs_mkdir("/tmp/", 0755), -EEXIST);
	assert_int_equal(fs_rmdir("/tmp"), -EBUSY);
	assert_int_equal(fs_open("/tmp/", O_WRONLY, 0), -EISDIR);
	assert_int_equal(fs_open("/tmp", O_RDONLY | O_CREAT, 0644), -EISDIR);
	assert_int_equal(fs_open("/tmp/new/", O_WRONLY | O_CREAT, 0644),
			 -EISDIR);
}

/* /dev: its mount, the devices, /dev/fd/N as a dup, and refusals. */
static void test_dev(void **state)
{
	char buf[8], name[32];
	struct stat st;
	struct dirent ent;
	long pos = 0;
	int fd, again, seen = 0, err;

	(void)state;
	assert_ptr_equal(fs_lookup("/dev/null", sub, &err)->ops, &fs_dev_ops);
	assert_string_equal(sub, "/null");
	assert_string_equal(where("/devx"), "root");
	fd = fs_open("/dev/null", O_RDWR, 0);
	assert_true(fd >= 0);
	assert_int_equal(fd_get(fd)->ops->write(fd_get(fd)->priv, "ab", 2), 2);
	assert_int_equal(fd_get(fd)->ops->read(fd_get(fd)->priv, buf, 8), 0);
	fd_close(fd);
	fd = fs_open("/dev/full", O_WRONLY, 0);
	assert_int_equal(fd_get(fd)->ops->write(fd_get(fd)->priv, "ab", 2),
			 -ENOSPC);
	fd_close(fd);
	fd = fs_open("/dev/urandom", O_RDONLY, 0);
	assert_int_equal(fd_get(fd)->ops->read(fd_get(fd)->priv, buf, 8), 8);
	assert_true(buf[1] == (char)(buf[0] + 1));
	fd_close(fd);
	assert_int_equal(fs_stat("/dev/zero", &st), 0);
	assert_true(S_ISCHR(st.st_mode) && st.st_rdev == (1 << 8 | 5));

	/* /dev/fd/N: a new fd for N's open file. */
	assert_int_equal(make("/tmp/devfd", "xyz"), 0);
	fd = fs_open("/tmp/devfd", O_RDONLY, 0);
	snprintf(name, sizeof(name), "/dev/fd/%d", fd);
	assert_int_equal(fs_stat(name, &st), 0);
	assert_true(S_ISREG(st.st_mode) && st.st_size == 3);
	again = fs_open(name, O_RDONLY, 0);
	assert_true(again >= 0 && again != fd);
	assert_ptr_equal(fd_get(again), fd_get(fd)); /* one open file */
	fd_close(again);
	while (next("/dev/fd", &pos, &ent) == 1)
		seen += atoi(ent.d_name) == fd;
	assert_int_equal(seen, 1);
	fd_close(fd);
	assert_int_equal(fs_stat(name, &st), -ENOENT);
	assert_int_equal(fs_open(name, O_RDONLY, 0), -ENOENT);
	assert_int_equal(fs_unlink("/tmp/devfd"), 0);

	assert_int_equal(fs_open("/dev/fd/1x", O_RDONLY, 0), -ENOENT);
	assert_int_equal(fs_open("/dev/fd/99999", O_RDONLY, 0), -ENOENT);
	assert_int_equal(fs_open("/dev/nul", O_RDONLY, 0), -ENOENT);
	assert_int_equal(fs_open("/dev/nullx", O_RDONLY, 0), -ENOENT);
	assert_int_equal(fs_open("/dev/null/x", O_RDONLY, 0), -ENOTDIR);
	assert_int_equal(fs_open("/dev/new", O_RDWR | O_CREAT, 0644), -EROFS);
	assert_int_equal(fs_open("/dev/null", O_RDWR | O_CREAT | O_EXCL, 0644),
			 -EEXIST);
	assert_int_equal(fs_open("/dev", O_RDWR, 0), -EISDIR);
	assert_int_equal(fs_open("/dev/zero", O_RDONLY | O_DIRECTORY, 0),
			 -ENOTDIR);
	assert_int_equal(fs_open("/dev/tty", O_RDWR, 0), -ENOSYS); /* faked */
	assert_int_equal(fs_mkdir("/dev/d", 0755), -EROFS);
	assert_int_equal(fs_unlink("/dev/null"), -EROFS);
	assert_int_equal(fs_rename("/dev/null", "/dev/nil"), -EROFS);
	assert_int_equal(fs_rename("/dev/null", "/tmp/nil"), -EXDEV);
	/* The root lists it; /dev lists fd and the devices. */
	pos = 0, seen = 0;
	while (next("/", &pos, &ent) == 1)
		seen += strcmp(ent.d_name, "dev") == 0;
	assert_int_equal(seen, 1);
	pos = 0, seen = 0;
	while (next("/dev", &pos, &ent) == 1)
		seen++;
	assert_int_equal(seen, 10);
	assert_int_equal(next("/dev/null", &pos, &ent), -ENOTDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_mounts),
		cmocka_unit_test(test_root_read_only),
		cmocka_unit_test(test_unlink_open),
		cmocka_unit_test(test_rename_replaces),
		cmocka_unit_test(test_readdir_while_removing),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_dev),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
