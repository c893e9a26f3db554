/* SPDX-License-Identifier: MIT */
/*
 * fs: the read-only root file system from the boot archive (built by
 * ./rootfs into the image's cpio). No argument: every call and errno case
 * on the full tree. "none": no archive (or one that is not an archive,
 * which the boot reports): an empty root. "full ARG...": the full tree
 * from an image ukos-run rebuilt for those arguments, echoed.
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

static void errors(void)
{
	struct stat st;
	char c;
	int fd;

	CHECK(open("/nope", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open("/etc/motd", O_WRONLY) == -1 && errno == EROFS);
	CHECK(open("/etc/motd", O_RDWR) == -1 && errno == EROFS);
	CHECK(open("/etc/motd", O_RDONLY | O_TRUNC) == -1 && errno == EROFS);
	CHECK(open("/etc/new", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == EROFS);
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
	CHECK(access("/etc/motd", W_OK) == -1 && errno == EROFS);
	CHECK(access("/etc/motd", X_OK) == -1 && errno == EACCES);
	CHECK(mkdir("/etc/d", 0755) == -1 && errno == EROFS);
	/* A missing parent is ENOENT before the read-only check (Linux). */
	CHECK(open("/nonexistent/x", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == ENOENT);
	CHECK(fopen("/nonexistent/x", "w") == NULL && errno == ENOENT);
	CHECK(open("/etc/motd/x", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == ENOTDIR);
	CHECK(mkdir("/nonexistent/d", 0755) == -1 && errno == ENOENT);
	CHECK(rename("/etc/motd", "/nonexistent/m") == -1 && errno == ENOENT);
	CHECK(unlink("/etc/motd") == -1 && errno == EROFS);
	CHECK(unlink("/nope") == -1 && errno == ENOENT);
	fd = open("/etc/motd", O_RDONLY);
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF);
	close(fd);
	CHECK(read(fd, &c, 1) == -1 && errno == EBADF); /* closed */
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "full";
	struct stat st;

	if (strcmp(mode, "none") == 0) {
		CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode));
		CHECK(open("/etc/motd", O_RDONLY) == -1 && errno == ENOENT);
		return check_verdict("fs none");
	}
	for (int i = 2; i < argc; i++)
		printf("fs: argv[%d] = <%s>\n", i, argv[i]);
	reading();
	directories();
	errors();
	return check_verdict("fs");
}
