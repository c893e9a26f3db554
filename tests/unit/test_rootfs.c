/* SPDX-License-Identifier: MIT */
/*
 * test_rootfs.c: the writable root (lib/fs/fs_mount.c, the default): the
 * boot archive's paths in a tmpfs whose files borrow the archive's bytes
 * until changed. The archive itself must never change; its bytes are
 * never freed (ASan says so if they are).
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
#include <unistd.h>

#include "../../lib/fd.h"
#include "../../lib/fs/fs.h"
#include "fs_fakes.h"
#include "newc.h"

#define BIG (2u << 20) /* more than the root's limit (1 MiB here) */

static uint8_t arc[BIG + 4096];
static size_t arc_len;
static uint8_t *copy; /* the archive as the boot loader gave it */

const void *initrd_get(size_t *len)
{
	char *big = malloc(BIG + 1);

	memset(big, 'b', BIG);
	big[BIG] = '\0';
	newc_add(arc, &arc_len, "etc/motd", 0100644, "hello\n");
	newc_add(arc, &arc_len, "etc/conf/app.ini", 0100600, "[app]\n");
	newc_add(arc, &arc_len, "big", 0100644, big);
	newc_add(arc, &arc_len, "file", 0100644, "a file\n");
	newc_add(arc, &arc_len, "file/under", 0100644, "cannot be\n");
	newc_add(arc, &arc_len, "TRAILER!!!", 0, NULL);
	free(big);
	copy = malloc(arc_len);
	memcpy(copy, arc, arc_len);
	*len = arc_len;
	return arc;
}

/* ---- helpers ---------------------------------------------------------- */

static struct file *file(int fd)
{
	return fd_get(fd);
}

static int make(const char *path, const char *s)
{
	int fd = fs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fd;
	ssize_t n = file(fd)->ops->write(file(fd)->priv, s, strlen(s));
	fd_close(fd);
	return n == (ssize_t)strlen(s) ? 0 : (int)n;
}

/* The first n bytes of path, NUL-ended, in a static buffer. */
static const char *slurp(const char *path)
{
	static char buf[64];
	int fd = fs_open(path, O_RDONLY, 0);
	ssize_t n;

	if (fd < 0)
		return "(no file)";
	n = file(fd)->ops->read(file(fd)->priv, buf, sizeof(buf) - 1);
	buf[n < 0 ? 0 : n] = '\0';
	fd_close(fd);
	return buf;
}

/* Does directory path list name? */
static bool lists(const char *path, const char *name)
{
	char in[PATH_MAX];
	struct dirent ent;
	long pos = 0;
	int err;
	const struct fs_mount *m = fs_lookup(path, in, &err);

	while (m && m->ops->readdir(m->fs, in, &pos, &ent) == 1)
		if (strcmp(ent.d_name, name) == 0)
			return true;
	return false;
}

static bool archive_unchanged(void)
{
	return memcmp(arc, copy, arc_len) == 0;
}

/* ---- tests ------------------------------------------------------------ */

static void test_root_from_archive(void **state)
{
	char sub[PATH_MAX];
	struct stat st;
	int err;

	(void)state;
	assert_ptr_equal(fs_lookup("/etc", sub, &err)->ops, &fs_tmpfs_ops);
	assert_string_equal(slurp("/etc/motd"), "hello\n");
	assert_string_equal(slurp("/etc/conf/app.ini"), "[app]\n");
	assert_int_equal(fs_stat("/etc/conf/app.ini", &st), 0);
	assert_int_equal(st.st_mode, 0100600);
	assert_int_equal(st.st_mtime, 1700000000);
	assert_int_equal(fs_stat("/big", &st), 0);
	assert_int_equal(st.st_size, BIG);
	assert_int_equal(fs_stat("/etc/conf", &st), 0); /* implied */
	assert_true(S_ISDIR(st.st_mode));
	assert_true(lists("/", "etc") && lists("/", "tmp") &&
		    lists("/", "dev"));
	/* A file's path cannot hold another: left out, and said. */
	assert_string_equal(slurp("/file"), "a file\n");
	assert_int_equal(fs_stat("/file/under", &st), -ENOTDIR);
	assert_non_null(strstr(fake_boot_log, "ukos: root: 1 archive entries "
					      "left out: a file holds"));
	assert_int_equal(fs_access("/etc/motd", W_OK), 0);
	assert_int_equal(fs_access("/", W_OK), 0);
}

/* A change copies the file; the archive's bytes stay as they were. */
static void test_copy_on_write(void **state)
{
	int fd;

	(void)state;
	fd = fs_open("/etc/motd", O_WRONLY, 0);
	assert_true(fd >= 0);
	assert_int_equal(file(fd)->ops->write(file(fd)->priv, "J", 1), 1);
	fd_close(fd);
	assert_string_equal(slurp("/etc/motd"), "Jello\n");
	assert_true(archive_unchanged());

	/* Cut shorter, a file still reads the archive; grown, it copies. */
	assert_int_equal(fs_truncate("/etc/conf/app.ini", 4), 0);
	assert_string_equal(slurp("/etc/conf/app.ini"), "[app");
	fd = fs_open("/etc/conf/app.ini", O_WRONLY | O_APPEND, 0);
	assert_int_equal(file(fd)->ops->write(file(fd)->priv, "le]\n", 4), 4);
	fd_close(fd);
	assert_string_equal(slurp("/etc/conf/app.ini"), "[apple]\n");
	assert_int_equal(make("/etc/motd", "replaced\n"), 0); /* O_TRUNC */
	assert_string_equal(slurp("/etc/motd"), "replaced\n");
	assert_true(archive_unchanged());
}

/* Copying a file takes room: more than the limit says ENOSPC and keeps
 * the file as it was; cut down first, it fits. Reading never counts. */
static void test_copy_needs_room(void **state)
{
	struct stat st;
	int fd = fs_open("/big", O_RDWR, 0);
	char c = 0;

	(void)state;
	assert_int_equal(file(fd)->ops->pread(file(fd)->priv, &c, 1, BIG - 1),
			 1);
	assert_int_equal(c, 'b');
	assert_int_equal(file(fd)->ops->pwrite(file(fd)->priv, "x", 1, 0),
			 -ENOSPC);
	assert_int_equal(file(fd)->ops->truncate(file(fd)->priv, BIG + 1),
			 -ENOSPC);
	assert_int_equal(fs_stat("/big", &st), 0);
	assert_int_equal(st.st_size, BIG);
	assert_int_equal(file(fd)->ops->truncate(file(fd)->priv, 10), 0);
	assert_int_equal(file(fd)->ops->pwrite(file(fd)->priv, "x", 1, 0), 1);
	assert_int_equal(file(fd)->ops->pread(file(fd)->priv, &c, 1, 1), 1);
	assert_int_equal(c, 'b');
	fd_close(fd);
	assert_int_equal(fs_stat("/big", &st), 0);
	assert_int_equal(st.st_size, 10);
	assert_true(archive_unchanged());
}

/* The calls a program makes on its own root. */
static void test_changes(void **state)
{
	char at[PATH_MAX];
	int fd;

	(void)state;
	assert_int_equal(make("/new.txt", "new\n"), 0);
	assert_string_equal(slurp("/new.txt"), "new\n");
	assert_true(lists("/", "new.txt"));
	assert_int_equal(fs_mkdir("/var", 0755), 0);
	assert_int_equal(fs_mkdir("/var/lib", 0755), 0);
	assert_int_equal(fs_rename("/new.txt", "/var/lib/kept"), 0);
	assert_string_equal(slurp("/var/lib/kept"), "new\n");
	assert_int_equal(fs_rename("/etc/conf", "/var/conf"), 0);
	assert_string_equal(slurp("/var/conf/app.ini"), "[apple]\n");
	assert_false(lists("/etc", "conf"));
	/* An archive file removed while open reads on, then goes. */
	fd = fs_open("/file", O_RDONLY, 0);
	assert_int_equal(fs_unlink("/file"), 0);
	assert_false(lists("/", "file"));
	assert_string_equal(slurp("/file"), "(no file)");
	char buf[8] = { 0 };
	assert_int_equal(file(fd)->ops->read(file(fd)->priv, buf, 6), 6);
	assert_string_equal(buf, "a file");
	fd_close(fd);
	assert_int_equal(fs_unlink("/etc/motd"), 0);
	assert_int_equal(fs_rmdir("/etc"), 0);
	assert_int_equal(fs_stat("/etc", &(struct stat){ 0 }), -ENOENT);
	/* An open directory names itself from the root ("/var", not
	 * "//var"). */
	fd = fs_open("/var", O_RDONLY | O_DIRECTORY, 0);
	assert_int_equal(fs_at(fd, "lib/kept", at), 0);
	assert_string_equal(at, "/var/lib/kept");
	fd_close(fd);
	fd = fs_open("/", O_RDONLY | O_DIRECTORY, 0);
	assert_int_equal(fs_at(fd, "var", at), 0);
	assert_string_equal(at, "/var");
	fd_close(fd);
	assert_true(archive_unchanged());
}

/* The mounts stay the mounts: the root cannot remove or replace them,
 * and files do not move between file systems. */
static void test_mount_points(void **state)
{
	(void)state;
	assert_int_equal(fs_rmdir("/tmp"), -EBUSY);
	assert_int_equal(fs_rmdir("/dev"), -EBUSY);
	assert_int_equal(fs_rename("/tmp", "/tmp2"), -EXDEV);
	assert_int_equal(make("/tmp/t", "t"), 0);
	assert_int_equal(fs_rename("/tmp/t", "/t"), -EXDEV);
	assert_int_equal(fs_rename("/var/lib/kept", "/tmp/kept"), -EXDEV);
	assert_int_equal(fs_unlink("/tmp/t"), 0);
	assert_int_equal(fs_mkdir("/tmp", 0755), -EEXIST);
	assert_int_equal(fs_mkdir("/", 0755), -EEXIST);
	assert_int_equal(fs_rmdir("/"), -EBUSY);
	assert_int_equal(fs_open("/", O_WRONLY, 0), -EISDIR);
}

/* Written bytes count against the root's limit (1 MiB here), apart from
 * /tmp's. */
static void test_limit(void **state)
{
	static char block[65536];
	long total = 0;
	ssize_t n;
	int fd = fs_open("/fill", O_WRONLY | O_CREAT, 0644);

	(void)state;
	memset(block, 'f', sizeof(block));
	while ((n = file(fd)->ops->write(file(fd)->priv, block,
					 sizeof(block))) > 0)
		total += n;
	assert_int_equal(n, -ENOSPC);
	assert_true(total > (1 << 20) - 4096 && total <= 1 << 20);
	assert_int_equal(make("/tmp/still", "room"), 0);
	fd_close(fd);
	assert_int_equal(fs_unlink("/fill"), 0);
	assert_int_equal(make("/again", "fits"), 0);
}

/* A directory of thousands: the name table grows, removing from the
 * middle and renaming keep every list and lookup right. */
static void test_many(void **state)
{
	char a[64], b[64];
	struct stat st;
	struct dirent ent;
	char in[PATH_MAX];
	long pos = 0;
	int err, seen = 0;
	ino_t last = 0;

	(void)state;
	assert_int_equal(fs_mkdir("/tmp/many", 0755), 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(a, sizeof(a), "/tmp/many/f%d", i);
		assert_int_equal(make(a, ""), 0);
	}
	for (int i = 0; i < 3000; i += 3) {
		snprintf(a, sizeof(a), "/tmp/many/f%d", i);
		assert_int_equal(fs_unlink(a), 0);
		assert_int_equal(fs_stat(a, &st), -ENOENT);
	}
	for (int i = 1; i < 3000; i += 3) { /* back among the others */
		snprintf(a, sizeof(a), "/tmp/many/f%d", i);
		snprintf(b, sizeof(b), "/tmp/many/g%d", i);
		assert_int_equal(fs_rename(a, b), 0);
		assert_int_equal(fs_stat(a, &st), -ENOENT);
		assert_int_equal(fs_stat(b, &st), 0);
	}
	const struct fs_mount *m = fs_lookup("/tmp/many", in, &err);
	while (m->ops->readdir(m->fs, in, &pos, &ent) == 1) {
		assert_true(ent.d_ino > last); /* in inode order, once each */
		last = ent.d_ino;
		seen++;
	}
	assert_int_equal(seen, 2000);
	for (int i = 0; i < 3000; i++) {
		snprintf(a, sizeof(a), "/tmp/many/%c%d", i % 3 == 1 ? 'g' : 'f',
			 i);
		assert_int_equal(fs_unlink(a), i % 3 == 0 ? -ENOENT : 0);
	}
	assert_int_equal(fs_rmdir("/tmp/many"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_from_archive),
		cmocka_unit_test(test_copy_on_write),
		cmocka_unit_test(test_copy_needs_room),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_mount_points),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_many),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);

	free(copy);
	return r;
}
