/* SPDX-License-Identifier: MIT */
/*
 * diskfs: the ext2 file system on a disk, mounted at /data by
 * ukos.mount=/data:vda, through the POSIX calls. argv[1] says what:
 *   calls    every path and file call there, and their errors, a
 *            directory of 2000 entries, files the host then reads back
 *   big      a 64 MiB file written and fsync'ed; then "FSYNCED" and
 *            waiting for the host to kill the VM (a power cut)
 *   boot1    a journal of records, each fsync'ed, and a file replaced by
 *            rename; boot2 (the next boot) checks both and adds one more
 *   full     writing until ENOSPC: the count written stays readable
 *   absent   the disk is missing or unusable: /data answers ENODEV
 *   ro       mounted read-only: reads work, changes say EROFS
 *   raw      a second disk as the block device /dev/vdb
 * The host's side (./prepare, ./check) makes the image and checks it with
 * e2fsck and debugfs afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "../check.h"

#define BIG (64u << 20)

static void pattern(uint8_t *p, size_t n, uint64_t at)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((at + i) * 7 + ((at + i) >> 12));
}

/* The big file's bytes: 16-byte lines, line k reading "%015llx\n" (what
 * ./check makes with awk to compare). */
static void lines(uint8_t *p, size_t n, uint64_t at)
{
	static const char hex[] = "0123456789abcdef";

	for (uint64_t k = at / 16; n >= 16; k++, n -= 16, p += 16) {
		for (int d = 0; d < 15; d++)
			p[14 - d] = (uint8_t)hex[(k >> (4 * d)) & 15];
		p[15] = '\n';
	}
}

static int put(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	ssize_t w = fd >= 0 ? write(fd, data, n) : -1;

	if (fd >= 0)
		close(fd);
	return w == (ssize_t)n ? 0 : -1;
}

static void errors(void)
{
	char name[300];
	struct stat st;

	CHECK(open("/data/none", O_RDONLY) < 0 && errno == ENOENT);
	CHECK(mkdir("/data/e", 0755) == 0);
	CHECK(mkdir("/data/e", 0755) < 0 && errno == EEXIST);
	CHECK(open("/data/e", O_WRONLY) < 0 && errno == EISDIR);
	CHECK(put("/data/e/f", "x", 1) == 0);
	CHECK(rmdir("/data/e") < 0 && errno == ENOTEMPTY);
	CHECK(unlink("/data/e") < 0 && errno == EISDIR);
	CHECK(rmdir("/data/e/f") < 0 && errno == ENOTDIR);
	CHECK(mkdir("/data/e/f/g", 0755) < 0 && errno == ENOTDIR);
	CHECK(open("/data/e/f", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 &&
	      errno == EEXIST);
	CHECK(rename("/data/e", "/data/e/sub") < 0 && errno == EINVAL);
	CHECK(mkdir("/data/e2", 0755) == 0);
	CHECK(rename("/data/e2", "/data/e/f") < 0 && errno == ENOTDIR);
	CHECK(rename("/data/e/f", "/data/e2") < 0 && errno == EISDIR);
	CHECK(rename("/data/e/f", "/tmp/f") < 0 && errno == EXDEV);
	memset(name, 'n', sizeof(name));
	memcpy(name, "/data/", 6);
	name[6 + 256] = '\0';
	CHECK(open(name, O_CREAT | O_WRONLY, 0644) < 0 &&
	      errno == ENAMETOOLONG);
	name[6 + 255] = '\0';
	CHECK(put(name, "long", 4) == 0 && stat(name, &st) == 0);
	CHECK(unlink(name) == 0);
	CHECK(unlink("/data/e/f") == 0 && rmdir("/data/e") == 0);
	CHECK(rmdir("/data/e2") == 0);
	CHECK(stat("/data/e", &st) < 0 && errno == ENOENT);
}

static void file_calls(void)
{
	static uint8_t buf[1 << 20], back[1 << 20];
	struct stat st;
	struct timeval tv[2] = { { 1000000000, 0 }, { 1234567890, 0 } };
	int fd;

	pattern(buf, sizeof(buf), 0);
	fd = open("/data/dir/big", O_CREAT | O_RDWR, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, buf, 1000) == 1000);
	CHECK(write(fd, buf + 1000, sizeof(buf) - 1000) ==
	      (ssize_t)(sizeof(buf) - 1000));
	CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)sizeof(buf));
	CHECK(lseek(fd, 4096, SEEK_SET) == 4096);
	CHECK(read(fd, back, 100) == 100 && !memcmp(back, buf + 4096, 100));
	CHECK(pread(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back));
	CHECK(memcmp(back, buf, sizeof(buf)) == 0);
	CHECK(pwrite(fd, "ZZ", 2, 10) == 2);
	CHECK(pwrite(fd, buf + 10, 2, 10) == 2);
	CHECK(fstat(fd, &st) == 0 && st.st_size == (off_t)sizeof(buf) &&
	      S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600);
	CHECK(st.st_blocks >= (blkcnt_t)(sizeof(buf) / 512));
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	CHECK(ftruncate(fd, 3000) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 3000);
	CHECK(ftruncate(fd, (off_t)sizeof(buf)) == 0);
	CHECK(pread(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back));
	CHECK(memcmp(back, buf, 3000) == 0 && back[3000] == 0 &&
	      back[sizeof(back) - 1] == 0);
	CHECK(pwrite(fd, buf + 3000, sizeof(buf) - 3000, 3000) ==
	      (ssize_t)(sizeof(buf) - 3000));
	CHECK(fchmod(fd, 0640) == 0);
	CHECK(close(fd) == 0);
	CHECK(truncate("/data/dir/big", (off_t)sizeof(buf)) == 0);
	CHECK(chmod("/data/dir/big", 0644) == 0);
	CHECK(utimes("/data/dir/big", tv) == 0);
	CHECK(stat("/data/dir/big", &st) == 0 && st.st_mtime == 1234567890 &&
	      st.st_atime == 1000000000 && (st.st_mode & 0777) == 0644);
	/* O_APPEND, and a file unlinked while open */
	fd = open("/data/log", O_CREAT | O_WRONLY | O_APPEND, 0644);
	CHECK(write(fd, "one\n", 4) == 4 && lseek(fd, 0, SEEK_SET) == 0 &&
	      write(fd, "two\n", 4) == 4);
	close(fd);
	fd = open("/data/log", O_RDONLY);
	CHECK(unlink("/data/log") == 0);
	CHECK(read(fd, back, 100) == 8 && !memcmp(back, "one\ntwo\n", 8));
	CHECK(close(fd) == 0);
}

static void many(void)
{
	char path[64];
	DIR *d;
	struct dirent *e;
	int n = 0;

	CHECK(mkdir("/data/many", 0755) == 0);
	for (int i = 0; i < 2000; i++) {
		snprintf(path, sizeof(path), "/data/many/entry-%04d", i);
		CHECK(put(path, path, strlen(path)) == 0);
	}
	for (int i = 0; i < 2000; i += 3) {
		snprintf(path, sizeof(path), "/data/many/entry-%04d", i);
		CHECK(unlink(path) == 0);
	}
	d = opendir("/data/many");
	CHECK(d != NULL);
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	CHECK(n == 2000 - 667);
	printf("diskfs: /data/many holds %d entries\n", n);
}

static int calls(void)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int seen = 0;

	CHECK(stat("/data", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(put("/data/hello.txt", "hello from ukos\n", 16) == 0);
	CHECK(mkdir("/data/dir", 0755) == 0);
	errors();
	file_calls();
	many();
	CHECK(rename("/data/hello.txt", "/data/dir/hello.txt") == 0);
	/* over an existing file: it is replaced */
	CHECK(put("/data/old", "old\n", 4) == 0);
	CHECK(rename("/data/old", "/data/dir/hello.txt") == 0);
	CHECK(stat("/data/old", &st) < 0 && errno == ENOENT);
	CHECK(stat("/data/dir/hello.txt", &st) == 0 && st.st_size == 4);
	CHECK(put("/data/hello.txt", "hello from ukos\n", 16) == 0);
	d = opendir("/data");
	while (d && (e = readdir(d)))
		seen += !strcmp(e->d_name, "dir") ||
			!strcmp(e->d_name, "hello.txt") ||
			!strcmp(e->d_name, "many");
	if (d)
		closedir(d);
	CHECK(seen == 3);
	return check_verdict("diskfs calls");
}

static int big(void)
{
	static uint8_t buf[1 << 20];
	int fd = open("/data/big", O_CREAT | O_TRUNC | O_WRONLY, 0644);

	CHECK(fd >= 0);
	for (uint64_t at = 0; at < BIG; at += sizeof(buf)) {
		lines(buf, sizeof(buf), at);
		CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	}
	CHECK(fsync(fd) == 0);
	if (failures)
		return check_verdict("diskfs big");
	printf("FSYNCED\n");
	fflush(stdout);
	/* Past fsync nothing more is written: the host cuts the power. */
	for (;;)
		sleep(1);
}

static int journal(bool second)
{
	char rec[32], want[4096] = "", got[4096] = "";
	int fd, records = second ? 4 : 3;

	fd = open("/data/journal", O_CREAT | O_WRONLY | O_APPEND, 0644);
	CHECK(fd >= 0);
	for (int i = second ? 3 : 0; i < records; i++) {
		snprintf(rec, sizeof(rec), "record %d\n", i);
		CHECK(write(fd, rec, strlen(rec)) == (ssize_t)strlen(rec));
		CHECK(fsync(fd) == 0);
	}
	close(fd);
	for (int i = 0; i < records; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
			 "record %d\n", i);
	fd = open("/data/journal", O_RDONLY);
	CHECK(fd >= 0 && read(fd, got, sizeof(got)) == (ssize_t)strlen(want));
	CHECK(strcmp(got, want) == 0);
	close(fd);
	/* replace a file atomically: write aside, fsync, rename over */
	if (second) {
		fd = open("/data/state", O_RDONLY);
		memset(got, 0, sizeof(got));
		CHECK(fd >= 0 && read(fd, got, 100) == 7 &&
		      !strcmp(got, "boot 1\n"));
		close(fd);
	}
	fd = open("/data/state.new", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	CHECK(write(fd, second ? "boot 2\n" : "boot 1\n", 7) == 7);
	CHECK(fsync(fd) == 0 && close(fd) == 0);
	CHECK(rename("/data/state.new", "/data/state") == 0);
	return check_verdict(second ? "diskfs boot2" : "diskfs boot1");
}

static int full(void)
{
	static uint8_t buf[65536];
	size_t total = 0;
	ssize_t w;
	int fd = open("/data/fill", O_CREAT | O_WRONLY, 0644);

	pattern(buf, sizeof(buf), 0);
	while ((w = write(fd, buf, sizeof(buf))) > 0)
		total += (size_t)w;
	CHECK(w < 0 && errno == ENOSPC);
	CHECK(fsync(fd) == 0 && close(fd) == 0);
	CHECK(mkdir("/data/more", 0755) < 0 && errno == ENOSPC);
	printf("diskfs: %zu bytes before ENOSPC\n", total);
	return check_verdict("diskfs full");
}

static int read_only(void)
{
	struct stat st;
	DIR *d = opendir("/data");

	CHECK(d != NULL && stat("/data/lost+found", &st) == 0);
	if (d)
		closedir(d);
	CHECK(open("/data/x", O_CREAT | O_WRONLY, 0644) < 0 && errno == EROFS);
	CHECK(mkdir("/data/d", 0755) < 0 && errno == EROFS);
	CHECK(rmdir("/data/lost+found") < 0 && errno == EROFS);
	return check_verdict("diskfs ro");
}

/* The second disk, raw, as /dev/vdb: what a program that takes a block
 * device (a database on a raw disk, mkfs) does with it. */
static int raw(void)
{
	static uint8_t big[1 << 20], back[1 << 20];
	const char msg[] = "raw bytes at 1000";
	struct stat st;
	uint64_t size = 0;
	char got[sizeof(msg)];
	DIR *d;
	struct dirent *e;
	int seen = 0, fd = open("/dev/vdb", O_RDWR);

	CHECK(fd >= 0);
	CHECK(fstat(fd, &st) == 0 && S_ISBLK(st.st_mode));
	CHECK(lseek(fd, 0, SEEK_END) == 4 << 20);
	CHECK(ioctl(fd, 0x80081272 /* BLKGETSIZE64 */, &size) == 0 &&
	      size == 4 << 20);
	CHECK(pwrite(fd, msg, sizeof(msg), 1000) == (ssize_t)sizeof(msg));
	CHECK(pread(fd, got, sizeof(got), 1000) == (ssize_t)sizeof(got) &&
	      !memcmp(got, msg, sizeof(msg)));
	pattern(big, sizeof(big), 7);
	CHECK(pwrite(fd, big, sizeof(big), 1 << 20) == (ssize_t)sizeof(big));
	CHECK(fsync(fd) == 0);
	CHECK(pread(fd, back, sizeof(back), 1 << 20) == (ssize_t)sizeof(back));
	CHECK(memcmp(back, big, sizeof(big)) == 0);
	CHECK(pread(fd, back, 10, 4 << 20) == 0); /* the end */
	CHECK(pwrite(fd, big, 10, 4 << 20) < 0 && errno == ENOSPC);
	CHECK(lseek(fd, (4 << 20) - 4, SEEK_SET) == (4 << 20) - 4 &&
	      write(fd, big, 10) == 4); /* up to the end */
	CHECK(close(fd) == 0);
	CHECK(stat("/dev/vda", &st) == 0 && S_ISBLK(st.st_mode));
	CHECK(open("/dev/vdc", O_RDONLY) < 0 && errno == ENOENT);
	d = opendir("/dev");
	while (d && (e = readdir(d)))
		seen += (!strcmp(e->d_name, "vda") ||
			 !strcmp(e->d_name, "vdb")) &&
			e->d_type == DT_BLK;
	if (d)
		closedir(d);
	CHECK(seen == 2);
	return check_verdict("diskfs raw");
}

static int absent(void)
{
	CHECK(open("/data/x", O_CREAT | O_WRONLY, 0644) < 0 && errno == ENODEV);
	CHECK(mkdir("/data/d", 0755) < 0 && errno == ENODEV);
	return check_verdict("diskfs absent");
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "calls"))
		return calls();
	if (!strcmp(what, "big"))
		return big();
	if (!strcmp(what, "boot1") || !strcmp(what, "boot2"))
		return journal(what[4] == '2');
	if (!strcmp(what, "full"))
		return full();
	if (!strcmp(what, "absent"))
		return absent();
	if (!strcmp(what, "ro"))
		return read_only();
	if (!strcmp(what, "raw"))
		return raw();
	printf("usage: diskfs calls|big|boot1|boot2|full|absent\n");
	return 2;
}
