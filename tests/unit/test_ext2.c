/* SPDX-License-Identifier: MIT */
/*
 * test_ext2.c: the ext2 code (lib/fs/ext2/) on image files that Debian's
 * mke2fs makes, through the path and file operations the guest uses;
 * after each test e2fsck -fn must find the image clean and debugfs must
 * read back what was written. Then damaged images: a random superblock,
 * block pointers out of range, a broken directory, bytes flipped all over
 * the metadata — an error, never a crash or a hang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/fd.h"
#include "../../lib/fs/ext2/ext2.h"
#include "../../lib/fs/fs.h"

static char img[64];
static int img_fd = -1;
static struct ext2fs *fs;
static unsigned messages;

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long f)
{
	(void)f;
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	messages++;
}

static int file_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	return pread(*(int *)ctx, buf, len, (off_t)off) == (ssize_t)len ? 0
									: -EIO;
}

static int file_write(void *ctx, uint64_t off, size_t len, const void *buf)
{
	assert_int_equal(off % 512, 0);
	assert_int_equal(len % 512, 0);
	return pwrite(*(int *)ctx, buf, len, (off_t)off) == (ssize_t)len ? 0
									 : -EIO;
}

static int file_flush(void *ctx)
{
	return fsync(*(int *)ctx) ? -EIO : 0;
}

static int sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int r = system(cmd);
	return WIFEXITED(r) ? WEXITSTATUS(r) : -1;
}

/* A fresh image: mke2fs with these options and size. */
static void make(const char *opts, const char *size)
{
	snprintf(img, sizeof(img), "/tmp/test_ext2.XXXXXX");
	int fd = mkstemp(img);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sh("mke2fs -q -F -t ext2 %s %s %s >/dev/null 2>&1",
			    opts, img, size),
			 0);
}

static int mount_img(bool ro)
{
	struct stat st;
	struct ext2_dev dev = { .read = file_read,
				.write = file_write,
				.flush = file_flush,
				.align = 4 };

	img_fd = open(img, O_RDWR);
	assert_true(img_fd >= 0);
	fstat(img_fd, &st);
	dev.ctx = &img_fd;
	dev.size = (uint64_t)st.st_size;
	messages = 0;
	return ext2_mount(&dev, ro, "test", &fs);
}

static void unmount_img(void)
{
	assert_int_equal(ext2_unmount(fs), 0);
	fs = NULL;
	close(img_fd);
}

static void fsck_clean(void)
{
	assert_int_equal(sh("e2fsck -fn %s >/tmp/test_ext2.fsck 2>&1 || "
			    "{ cat /tmp/test_ext2.fsck; exit 1; }",
			    img),
			 0);
}

static void done_img(void)
{
	unlink(img);
}

/* The file operations, as the path layer calls them. */
static int op_open(const char *path, int flags, mode_t mode)
{
	return fs_ext2_ops.open(fs, path, flags, mode);
}

static ssize_t op_write(int fd, const void *buf, size_t n)
{
	struct file *f = fd_get(fd);
	return f->ops->write(f->priv, buf, n);
}

static ssize_t op_pread(int fd, void *buf, size_t n, off_t at)
{
	struct file *f = fd_get(fd);
	return f->ops->pread(f->priv, buf, n, at);
}

static ssize_t op_pwrite(int fd, const void *buf, size_t n, off_t at)
{
	struct file *f = fd_get(fd);
	return f->ops->pwrite(f->priv, buf, n, at);
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 31 + seed + (i >> 9));
}

/* debugfs's view of path begins with n bytes of the pattern seed. */
static void debugfs_has(const char *path, size_t n, unsigned seed)
{
	uint8_t *want = malloc(n), *got = malloc(n + 1);
	FILE *f;

	fill(want, n, seed);
	assert_int_equal(sh("debugfs -R 'dump %s /tmp/test_ext2.out' %s "
			    ">/dev/null 2>&1",
			    path, img),
			 0);
	f = fopen("/tmp/test_ext2.out", "rb");
	assert_non_null(f);
	assert_int_equal(fread(got, 1, n, f), n);
	fclose(f);
	assert_memory_equal(got, want, n);
	free(want), free(got);
}

static void basics(const char *opts)
{
	size_t n = 300000;
	uint8_t *buf = malloc(n), *back = malloc(n);
	struct stat st;
	struct dirent ent;
	long pos = 0;
	int fd;

	make(opts, "8M");
	assert_int_equal(mount_img(false), 0);
	fill(buf, n, 7);
	fd = op_open("/f", O_CREAT | O_RDWR | O_EXCL, 0644);
	assert_true(fd >= 0);
	/* Odd pieces: partial blocks at both ends, an unaligned buffer. */
	assert_int_equal(op_write(fd, buf, 1000), 1000);
	assert_int_equal(op_write(fd, buf + 1000, 77777), 77777);
	assert_int_equal(op_write(fd, buf + 78777, n - 78777), n - 78777);
	assert_int_equal(op_pread(fd, back, n, 0), n);
	assert_memory_equal(back, buf, n);
	assert_int_equal(op_pread(fd, back, 10, (off_t)n), 0);
	assert_int_equal(op_open("/f", O_CREAT | O_EXCL | O_RDWR, 0644),
			 -EEXIST);
	assert_int_equal(fd_close(fd), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/f", &st), 0);
	assert_int_equal(st.st_size, n);
	assert_true(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644);
	assert_int_equal(st.st_nlink, 1);

	assert_int_equal(fs_ext2_ops.mkdir(fs, "/d", 0755), 0);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/d", 0755), -EEXIST);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/d/e", 0700), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/d", &st), 0);
	assert_int_equal(st.st_nlink, 3);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/nope/x", 0755), -ENOENT);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/f/x", 0755), -ENOTDIR);
	assert_int_equal(fs_ext2_ops.rmdir(fs, "/d"), -ENOTEMPTY);
	assert_int_equal(fs_ext2_ops.rmdir(fs, "/f"), -ENOTDIR);
	assert_int_equal(fs_ext2_ops.unlink(fs, "/d"), -EISDIR);
	assert_int_equal(fs_ext2_ops.unlink(fs, "/gone"), -ENOENT);
	assert_int_equal(op_open("/d", O_RDWR, 0), -EISDIR);
	assert_int_equal(op_open("/f", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);

	/* rename: into a directory, over a file, a directory into itself */
	assert_int_equal(fs_ext2_ops.rename(fs, "/f", "/d/g"), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/f", &st), -ENOENT);
	fd = op_open("/h", O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(op_write(fd, "hello", 5), 5);
	fd_close(fd);
	assert_int_equal(fs_ext2_ops.rename(fs, "/h", "/d/g"), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/d/g", &st), 0);
	assert_int_equal(st.st_size, 5);
	assert_int_equal(fs_ext2_ops.rename(fs, "/d", "/d/e/x"), -EINVAL);
	assert_int_equal(fs_ext2_ops.rename(fs, "/d/e", "/e"), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/d", &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(fs_ext2_ops.rename(fs, "/e", "/d/g"), -ENOTDIR);
	fd = op_open("/big", O_CREAT | O_WRONLY, 0600);
	assert_int_equal(op_write(fd, buf, n), n);
	fd_close(fd);

	/* readdir: the root's entries, "." and ".." left out */
	unsigned seen = 0;
	while (fs_ext2_ops.readdir(fs, "/", &pos, &ent) == 1) {
		assert_true(strcmp(ent.d_name, ".") &&
			    strcmp(ent.d_name, ".."));
		seen += !strcmp(ent.d_name, "d") || !strcmp(ent.d_name, "e") ||
			!strcmp(ent.d_name, "big");
	}
	assert_int_equal(seen, 3);
	assert_int_equal(fs_ext2_ops.truncate(fs, "/big", 5000), 0);
	assert_int_equal(fs_ext2_ops.truncate(fs, "/big", 100000), 0);
	fd = op_open("/big", O_RDONLY, 0);
	assert_int_equal(op_pread(fd, back, 100000, 0), 100000);
	assert_memory_equal(back, buf, 5000);
	for (int i = 5000; i < 100000; i++)
		assert_int_equal(back[i], 0);
	fd_close(fd);
	assert_int_equal(fs_ext2_ops.chmod(fs, "/big", 0640), 0);
	unmount_img();
	fsck_clean();
	debugfs_has("/big", 5000, 7);
	assert_int_equal(sh("debugfs -R 'cat /d/g' %s 2>/dev/null | "
			    "grep -qx hello",
			    img),
			 0);
	done_img();
	free(buf), free(back);
}

static void test_basics_1k(void **state)
{
	(void)state;
	basics("-b 1024");
}

static void test_basics_4k(void **state)
{
	(void)state;
	basics("-b 4096 -I 256");
}

/* Files through triple indirection and past 4 GiB, sparse. */
static void test_large_sparse(void **state)
{
	static uint8_t buf[8192], back[8192];
	struct stat st;
	const off_t far = (off_t)5 << 30;

	(void)state;
	make("-b 1024", "64M");
	assert_int_equal(mount_img(false), 0);
	fill(buf, sizeof(buf), 3);
	int fd = op_open("/sparse", O_CREAT | O_RDWR, 0644);
	assert_int_equal(op_pwrite(fd, buf, sizeof(buf), 80 << 20),
			 sizeof(buf));
	assert_int_equal(op_pwrite(fd, buf, sizeof(buf), far), sizeof(buf));
	assert_int_equal(op_pread(fd, back, sizeof(back), far), sizeof(back));
	assert_memory_equal(back, buf, sizeof(buf));
	assert_int_equal(op_pread(fd, back, sizeof(back), 1 << 20),
			 sizeof(back));
	for (size_t i = 0; i < sizeof(back); i++)
		assert_int_equal(back[i], 0);
	fd_close(fd);
	assert_int_equal(fs_ext2_ops.stat(fs, "/sparse", &st), 0);
	assert_int_equal(st.st_size, far + (off_t)sizeof(buf));
	assert_true(st.st_blocks < 100);
	unmount_img();
	fsck_clean();
	/* and away again */
	assert_int_equal(mount_img(false), 0);
	assert_int_equal(fs_ext2_ops.truncate(fs, "/sparse", 1 << 20), 0);
	assert_int_equal(fs_ext2_ops.unlink(fs, "/sparse"), 0);
	unmount_img();
	fsck_clean();
	done_img();
}

/* A directory of thousands of entries, half removed again. */
static void test_many_entries(void **state)
{
	char path[64];
	struct dirent ent;
	long pos = 0;
	unsigned n = 0;

	(void)state;
	make("-b 1024 -N 4096", "16M");
	assert_int_equal(mount_img(false), 0);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/many", 0755), 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(path, sizeof(path), "/many/file-with-a-long-name-%d",
			 i);
		int fd = op_open(path, O_CREAT | O_WRONLY, 0644);
		assert_true(fd >= 0);
		fd_close(fd);
	}
	for (int i = 0; i < 3000; i += 2) {
		snprintf(path, sizeof(path), "/many/file-with-a-long-name-%d",
			 i);
		assert_int_equal(fs_ext2_ops.unlink(fs, path), 0);
	}
	while (fs_ext2_ops.readdir(fs, "/many", &pos, &ent) == 1)
		n++;
	assert_int_equal(n, 1500);
	unmount_img();
	fsck_clean();
	done_img();
}

/* A full disk: ENOSPC, or a short write, and what was written stays. */
static void test_full(void **state)
{
	static uint8_t buf[65536];
	ssize_t r;
	size_t total = 0;

	(void)state;
	make("-b 1024", "2M");
	assert_int_equal(mount_img(false), 0);
	fill(buf, sizeof(buf), 9);
	int fd = op_open("/fill", O_CREAT | O_WRONLY, 0644);
	while ((r = op_write(fd, buf, sizeof(buf))) == (ssize_t)sizeof(buf))
		total += (size_t)r;
	if (r > 0)
		total += (size_t)r, r = op_write(fd, buf, sizeof(buf));
	assert_int_equal(r, -ENOSPC);
	assert_true(total > 1000000);
	fd_close(fd);
	assert_int_equal(fs_ext2_ops.mkdir(fs, "/nodir", 0755), -ENOSPC);
	unmount_img();
	fsck_clean();
	debugfs_has("/fill", 65536, 9);
	done_img();
}

/* An unlinked file stays readable while open, and goes at its close. */
static void test_unlinked_open(void **state)
{
	char back[4];

	(void)state;
	make("-b 4096", "8M");
	assert_int_equal(mount_img(false), 0);
	int fd = op_open("/tmpfile", O_CREAT | O_RDWR, 0644);
	assert_int_equal(op_write(fd, "abcd", 4), 4);
	assert_int_equal(fs_ext2_ops.unlink(fs, "/tmpfile"), 0);
	assert_int_equal(op_pread(fd, back, 4, 0), 4);
	assert_memory_equal(back, "abcd", 4);
	fd_close(fd);
	unmount_img();
	fsck_clean();
	done_img();
}

static void test_bad_superblock(void **state)
{
	uint8_t junk[1024];

	(void)state;
	make("-b 1024", "2M");
	srand(5);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)rand();
	int fd = open(img, O_WRONLY);
	assert_int_equal(pwrite(fd, junk, sizeof(junk), 1024), 1024);
	close(fd);
	assert_int_equal(mount_img(false), -EINVAL);
	assert_true(messages > 0);
	close(img_fd);
	/* the magic right, the geometry not */
	junk[56] = 0x53, junk[57] = 0xef;
	fd = open(img, O_WRONLY);
	pwrite(fd, junk, sizeof(junk), 1024);
	close(fd);
	assert_int_equal(mount_img(false), -EINVAL);
	close(img_fd);
	done_img();
}

/* A block pointer out of range, a directory entry of length 0. */
static void test_damaged_pointers(void **state)
{
	static char buf[4096];
	struct dirent ent;
	long pos = 0;

	(void)state;
	make("-b 1024", "4M");
	assert_int_equal(mount_img(false), 0);
	int fd = op_open("/f", O_CREAT | O_WRONLY, 0644);
	op_write(fd, buf, sizeof(buf));
	fd_close(fd);
	fs_ext2_ops.mkdir(fs, "/d", 0755);
	unmount_img();
	assert_int_equal(sh("debugfs -w -R 'sif /f block[1] 99999999' %s "
			    ">/dev/null 2>&1",
			    img),
			 0);
	assert_int_equal(mount_img(false), 0);
	fd = op_open("/f", O_RDONLY, 0);
	assert_int_equal(op_pread(fd, buf, sizeof(buf), 0), 1024);
	assert_int_equal(op_pread(fd, buf, 1024, 1024), -EIO);
	fd_close(fd);
	assert_int_equal(fs_ext2_ops.unlink(fs, "/f"), -EIO);
	unmount_img();
	/* the directory's first block: "." with rec_len 0 */
	assert_int_equal(sh("blk=$(debugfs -R 'bmap /d 0' %s 2>/dev/null) && "
			    "printf '\\0\\0' | dd of=%s bs=1 seek=$((blk * "
			    "1024 + 4)) conv=notrunc status=none",
			    img, img),
			 0);
	assert_int_equal(mount_img(false), 0);
	assert_int_equal(fs_ext2_ops.readdir(fs, "/d", &pos, &ent), -EIO);
	assert_int_equal(fs_ext2_ops.rmdir(fs, "/d"), -EIO);
	assert_int_equal(op_open("/d/x", O_CREAT | O_WRONLY, 0644), -EIO);
	unmount_img();
	done_img();
}

/* Directories in a loop: a directory linked under itself, and one whose
 * ".." is itself. Renames that would need to walk up say so. */
static void test_dir_loops(void **state)
{
	struct stat st;

	(void)state;
	make("-b 1024", "4M");
	assert_int_equal(
		sh("debugfs -w -R 'mkdir /a' %s >/dev/null 2>&1 && "
		   "debugfs -w -R 'mkdir /a/b' %s >/dev/null 2>&1 && "
		   "debugfs -w -R 'mkdir /x' %s >/dev/null 2>&1 && "
		   "debugfs -w -R 'link /a /a/b/up' %s >/dev/null 2>&1 && "
		   "debugfs -w -R 'unlink /a/b/..' %s >/dev/null 2>&1 && "
		   "debugfs -w -R 'link /a/b /a/b/..' %s >/dev/null 2>&1",
		   img, img, img, img, img, img),
		0);
	assert_int_equal(mount_img(false), 0);
	assert_int_equal(fs_ext2_ops.stat(fs, "/a/b/up/b/up/b", &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* into its own subtree, through the extra link */
	assert_int_equal(fs_ext2_ops.rename(fs, "/a", "/a/b/up/new"), -EINVAL);
	/* walking up from b: ".." is b again, for ever */
	assert_int_equal(fs_ext2_ops.rename(fs, "/x", "/a/b/x"), -EIO);
	assert_int_equal(fs_ext2_ops.stat(fs, "/x", &st), 0);
	ext2_unmount(fs);
	close(img_fd);
	done_img();
}

/* Walk everything: every directory listed, every file read. */
static void walk(const char *path, int depth)
{
	static char buf[8192];
	struct dirent ent;
	struct stat st;
	long pos = 0;
	char sub[512];

	if (depth > 8)
		return;
	while (fs_ext2_ops.readdir(fs, path, &pos, &ent) == 1) {
		snprintf(sub, sizeof(sub), "%s/%s",
			 strcmp(path, "/") ? path : "", ent.d_name);
		if (fs_ext2_ops.stat(fs, sub, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(sub, depth + 1);
			continue;
		}
		int fd = op_open(sub, O_RDWR, 0);
		if (fd < 0)
			continue;
		for (off_t at = 0; op_pread(fd, buf, sizeof(buf), at) > 0;
		     at += sizeof(buf))
			;
		op_pwrite(fd, buf, 100, 3000);
		fd_close(fd);
		fs_ext2_ops.unlink(fs, sub);
	}
	fs_ext2_ops.mkdir(fs, "/new", 0755);
}

/* Bytes flipped all over the metadata of a populated image. */
static void test_fuzzed(void **state)
{
	(void)state;
	make("-b 1024 -N 64", "1M");
	assert_int_equal(
		sh("debugfs -w -R 'mkdir /a' %s >/dev/null 2>&1 && "
		   "for f in x y z; do echo $f$f$f > /tmp/test_ext2.in "
		   "&& debugfs -w -R \"write /tmp/test_ext2.in /a/$f\" "
		   "%s >/dev/null 2>&1; done && cp %s %s.orig",
		   img, img, img, img),
		0);
	srand(11);
	for (int round = 0; round < 200; round++) {
		assert_int_equal(sh("cp %s.orig %s", img, img), 0);
		int fd = open(img, O_WRONLY);
		for (int k = 0; k < 16; k++) {
			/* the superblock, descriptors, bitmaps and tables:
			 * the first 40 KiB */
			uint8_t v = (uint8_t)rand();
			pwrite(fd, &v, 1, 1024 + rand() % (40 << 10));
		}
		close(fd);
		if (mount_img(false) != 0) {
			close(img_fd);
			continue;
		}
		walk("/", 0);
		ext2_unmount(fs);
		close(img_fd);
	}
	sh("rm -f %s.orig", img);
	done_img();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basics_1k),
		cmocka_unit_test(test_basics_4k),
		cmocka_unit_test(test_large_sparse),
		cmocka_unit_test(test_many_entries),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_unlinked_open),
		cmocka_unit_test(test_bad_superblock),
		cmocka_unit_test(test_damaged_pointers),
		cmocka_unit_test(test_dir_loops),
		cmocka_unit_test(test_fuzzed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
