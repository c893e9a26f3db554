/* SPDX-License-Identifier: MIT */
/*
 * fs: the root file system from the boot archive (built by ./rootfs into
 * the image's cpio). No argument: every call and errno case on the full
 * tree, writable (the default root). "ro": the same tree kept read-only
 * (ukos.root=ro): every change says EROFS. "small": the writable root
 * given less room than big.bin (ukos.rootfs=64K): changing it says
 * ENOSPC and leaves it whole. "none": no archive (or one
 * that is not an archive, which the boot reports): an empty root, still
 * writable. "full ARG...": the full tree from an image ukos-run rebuilt
 * for those arguments, echoed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"

#define BIG_SIZE (1u << 20) /* /data/big.bin: byte i is (i * 7) % 251 */

static const char motd[] = "hello from the initrd\n";

static void reading(void)
{
	char buf[64];
	struct stat st;
	int fd;

	CHECK(stat("/etc/motd", &st) == 0);
	CHECK(S_ISREG(st.st_mode) && st.st_size == (off_t)strlen(motd));
	CHECK((st.st_mode & 0777) == 0644);
	fd = open("/etc/motd", O_RDONLY);
	CHECK(fd > 2);
	CHECK(read(fd, buf, sizeof(buf)) == (ssize_t)strlen(motd));
	CHECK(memcmp(buf, motd, strlen(motd)) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 0); /* end of file */
	CHECK(lseek(fd, 6, SEEK_SET) == 6);
	CHECK(read(fd, buf, 4) == 4 && memcmp(buf, "from", 4) == 0);
	CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 10); /* pread left it alone */
	CHECK(lseek(fd, -1, SEEK_END) == (off_t)strlen(motd) - 1);
	CHECK(lseek(fd, 100, SEEK_END) > 0 && read(fd, buf, 4) == 0);
	CHECK(lseek(fd, -100, SEEK_SET) == -1 && errno == EINVAL);
	CHECK(fstat(fd, &st) == 0 && st.st_size == (off_t)strlen(motd));
	CHECK(close(fd) == 0);

	/* Through newlib's stdio. */
	FILE *f = fopen("/etc/motd", "r");
	CHECK(f != NULL);
	CHECK(f && fgets(buf, sizeof(buf), f) && strcmp(buf, motd) == 0);
	if (f)
		fclose(f);

	/* 1 MiB, read in odd-sized pieces and checked byte for byte. */
	static unsigned char big[BIG_SIZE];
	size_t got = 0;
	ssize_t n;
	fd = open("/data/big.bin", O_RDONLY);
	CHECK(fd >= 0);
	while ((n = read(fd, big + got,
			 got + 4099 < BIG_SIZE ? 4099 : BIG_SIZE - got)) > 0)
		got += (size_t)n;
	CHECK(got == BIG_SIZE);
	size_t bad = 0;
	uint32_t sum = 0;
	for (size_t i = 0; i < BIG_SIZE; i++) {
		bad += big[i] != (unsigned char)((i * 7) % 251);
		sum = sum * 31 + big[i];
	}
	CHECK(bad == 0);
	printf("fs: /data/big.bin: %zu bytes, checksum %08x\n", got,
	       (unsigned)sum);
	close(fd);
}

static void directories(void)
{
	char buf[64];
	DIR *d = opendir("/");
	struct dirent *e;
	int seen = 0;

	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		seen |= !strcmp(e->d_name, ".") << 0;
		seen |= !strcmp(e->d_name, "..") << 1;
		seen |= (!strcmp(e->d_name, "etc") && e->d_type == DT_DIR) << 2;
		seen |= (!strcmp(e->d_name, "data") && e->d_type == DT_DIR)
			<< 3;
		seen |= !strcmp(e->d_name, "motd") << 4; /* not at the top */
	}
	CHECK(seen == 0xf);
	if (d)
		closedir(d);
	d = opendir("/etc");
	seen = 0;
	while (d && (e = readdir(d)))
		seen += !strcmp(e->d_name, "motd") && e->d_type == DT_REG;
	CHECK(seen == 1);
	if (d)
		closedir(d);
	/* A directory only implied by a file's path (deep/er/file.txt). */
	struct stat st;
	CHECK(stat("/deep/er", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(opendir("/etc/motd") == NULL && errno == ENOTDIR);
	CHECK(opendir("/nope") == NULL && errno == ENOENT);

	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
	CHECK(chdir("etc") == 0);
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/etc") == 0);
	CHECK(access("motd", R_OK) == 0); /* relative to /etc */
	CHECK(access("../data/./big.bin", F_OK) == 0);
	CHECK(chdir("/etc/motd") == -1 && errno == ENOTDIR);
	CHECK(chdir("../..") == 0); /* ".." stops at the root */
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
	CHECK(getcwd(buf, 1) == NULL && errno == ERANGE);
}

/* What fails the same way on either root. */
static void errors(void)
{
	struct stat st;
	char c;
	int fd;

	CHECK(open("/nope", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open("/etc/motd/x", O_RDONLY) == -1 && errno == ENOTDIR);
	CHECK(open("/etc/motd/", O_RDONLY) == -1 && errno == ENOTDIR);
	CHECK(open("/etc/motd", O_RDONLY | O_DIRECTORY) == -1 &&
	      errno == ENOTDIR);
	CHECK(open("", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open("/etc", O_WRONLY) == -1 && errno == EISDIR);
	fd = open("/etc", O_RDONLY);
	CHECK(fd >= 0 && read(fd, &c, 1) == -1 && errno == EISDIR);
	CHECK(fstat(fd, &st) == 0 && S_ISDIR(st.st_mode));
	close(fd);
	CHECK(stat("/nope", &st) == -1 && errno == ENOENT);
	CHECK(access("/etc/motd", X_OK) == -1 && errno == EACCES);
	/* A missing parent is ENOENT, a file on the way ENOTDIR (and on the
	 * read-only root, before its EROFS, as on Linux). */
	CHECK(open("/nonexistent/x", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == ENOENT);
	CHECK(fopen("/nonexistent/x", "w") == NULL && errno == ENOENT);
	CHECK(open("/etc/motd/x", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == ENOTDIR);
	CHECK(mkdir("/nonexistent/d", 0755) == -1 && errno == ENOENT);
	CHECK(rename("/etc/motd", "/nonexistent/m") == -1 && errno == ENOENT);
	CHECK(unlink("/nope") == -1 && errno == ENOENT);
	CHECK(rmdir("/") == -1 && errno == EBUSY);
	CHECK(rmdir("/tmp") == -1 && errno == EBUSY);
	CHECK(rename("/etc/motd", "/tmp/motd") == -1 && errno == EXDEV);
	fd = open("/etc/motd", O_RDONLY);
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF);
	close(fd);
	CHECK(read(fd, &c, 1) == -1 && errno == EBADF); /* closed */
}

static void read_only(void)
{
	CHECK(open("/etc/motd", O_WRONLY) == -1 && errno == EROFS);
	CHECK(open("/etc/motd", O_RDWR) == -1 && errno == EROFS);
	CHECK(open("/etc/motd", O_RDONLY | O_TRUNC) == -1 && errno == EROFS);
	CHECK(open("/etc/new", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == EROFS);
	CHECK(access("/etc/motd", W_OK) == -1 && errno == EROFS);
	CHECK(access("/", W_OK) == -1 && errno == EROFS);
	CHECK(mkdir("/etc/d", 0755) == -1 && errno == EROFS);
	CHECK(unlink("/etc/motd") == -1 && errno == EROFS);
	CHECK(rename("/etc/motd", "/etc/motd2") == -1 && errno == EROFS);
	CHECK(truncate("/etc/motd", 0) == -1 && errno == EROFS);
	CHECK(chmod("/etc/motd", 0600) == -1 && errno == EROFS);
	CHECK(rmdir("/deep/er") == -1 && errno == EROFS);
}

/* Change the archive's file: a write in place, and read it all back. */
static void rewrite_big(void)
{
	static unsigned char big[BIG_SIZE];
	int fd = open("/data/big.bin", O_RDWR);
	size_t bad = 0;

	CHECK(fd >= 0 && pwrite(fd, "UKOS", 4, 1000) == 4);
	CHECK(lseek(fd, 0, SEEK_END) == BIG_SIZE);
	CHECK(write(fd, "end", 3) == 3);
	CHECK(pread(fd, big, BIG_SIZE, 0) == BIG_SIZE);
	for (size_t i = 0; i < BIG_SIZE; i++)
		bad += i - 1000 < 4 ? big[i] != (unsigned char)"UKOS"[i - 1000]
				    : big[i] != (unsigned char)((i * 7) % 251);
	CHECK(bad == 0);
	CHECK(pread(fd, big, 8, BIG_SIZE) == 3 && !memcmp(big, "end", 3));
	CHECK(ftruncate(fd, 10) == 0 && lseek(fd, 0, SEEK_END) == 10);
	close(fd);
}

/* The default root: the archive's tree, and every change to it. */
static void writable(void)
{
	char buf[64];
	struct stat st;
	FILE *f;
	int fd;

	CHECK(access("/", W_OK) == 0 && access("/etc/motd", W_OK) == 0);
	fd = open("/etc/motd", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "and more\n", 9) == 9 && close(fd) == 0);
	f = fopen("/etc/motd", "r");
	CHECK(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, motd) &&
	      fgets(buf, sizeof(buf), f) && !strcmp(buf, "and more\n"));
	if (f)
		fclose(f);
	rewrite_big();

	/* Files and directories of the program's own, anywhere. */
	f = fopen("/etc/app.conf", "w");
	CHECK(f && fprintf(f, "port=8080\n") == 10 && fclose(f) == 0);
	CHECK(stat("/etc/app.conf", &st) == 0 && st.st_size == 10);
	CHECK(mkdir("/var", 0755) == 0 && mkdir("/var/log", 0755) == 0);
	CHECK(mkdir("/var", 0755) == -1 && errno == EEXIST);
	CHECK(rename("/etc/app.conf", "/var/log/app.conf") == 0);
	CHECK(stat("/etc/app.conf", &st) == -1 && errno == ENOENT);
	CHECK(rename("/deep", "/var/deep") == 0); /* a tree of the archive */
	CHECK(stat("/var/deep/er/file.txt", &st) == 0 && st.st_size == 16);
	CHECK(rmdir("/var") == -1 && errno == ENOTEMPTY);
	CHECK(unlink("/zz-last") == 0);
	CHECK(open("/zz-last", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(chmod("/etc/motd", 0600) == 0 && stat("/etc/motd", &st) == 0 &&
	      (st.st_mode & 0777) == 0600);
	CHECK(truncate("/etc/motd", 5) == 0);
	fd = open("/etc/motd", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "hello", 5));
	close(fd);
	DIR *d = opendir("/");
	struct dirent *e;
	int seen = 0;
	while (d && (e = readdir(d)))
		seen += !strcmp(e->d_name, "var") - !strcmp(e->d_name, "deep") -
			!strcmp(e->d_name, "zz-last");
	CHECK(seen == 1);
	if (d)
		closedir(d);
	/* An open directory of the root names it from "/". */
	fd = open("/var", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0 && faccessat(fd, "log/app.conf", R_OK, 0) == 0);
	close(fd);
}

/* A change to the archive's file copies it: past the root's limit,
 * ENOSPC, and the file as it was. */
static void too_small(void)
{
	unsigned char c;
	int fd = open("/data/big.bin", O_RDWR);

	CHECK(fd >= 0 && pwrite(fd, "x", 1, 0) == -1 && errno == ENOSPC);
	CHECK(pread(fd, &c, 1, 0) == 1 && c == 0);
	CHECK(pread(fd, &c, 1, 1) == 1 && c == 7);
	CHECK(lseek(fd, 0, SEEK_END) == BIG_SIZE);
	CHECK(ftruncate(fd, 1000) == 0 && pwrite(fd, "x", 1, 0) == 1);
	close(fd);
	fd = open("/etc/motd", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "ok\n", 3) == 3 && close(fd) == 0);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "full";
	struct stat st;
	int fd;

	if (strcmp(mode, "none") == 0) {
		CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode));
		CHECK(open("/etc/motd", O_RDONLY) == -1 && errno == ENOENT);
		fd = open("/new", O_WRONLY | O_CREAT | O_EXCL, 0644);
		CHECK(fd >= 0 && write(fd, "x", 1) == 1 && close(fd) == 0);
		CHECK(mkdir("/etc", 0755) == 0 && rmdir("/etc") == 0);
		return check_verdict("fs none");
	}
	for (int i = 2; i < argc; i++)
		printf("fs: argv[%d] = <%s>\n", i, argv[i]);
	reading();
	directories();
	errors();
	if (strcmp(mode, "ro") == 0) {
		read_only();
		return check_verdict("fs ro");
	}
	if (strcmp(mode, "small") == 0) {
		too_small();
		return check_verdict("fs small");
	}
	writable();
	return check_verdict("fs");
}
