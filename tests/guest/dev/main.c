/* SPDX-License-Identifier: MIT */
/*
 * dev: /dev as a Linux program finds it — null, zero, full, random,
 * urandom, tty, stdin/stdout/stderr and fd/N — with getrandom and
 * getentropy, and every refusal.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"

static int is_chr(const char *path, unsigned major, unsigned minor)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISCHR(st.st_mode) &&
	       st.st_rdev == (dev_t)(major << 8 | minor);
}

static void test_null_zero_full(void)
{
	char buf[4096];
	int fd;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK(write(fd, "gone", 4) == 4);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(lseek(fd, 100, SEEK_SET) == 0);
	CHECK(close(fd) == 0);
	FILE *f = fopen("/dev/null", "w");
	CHECK(f && fprintf(f, "%0999d", 1) == 999 && fclose(f) == 0);

	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	CHECK(buf[0] == 0 && buf[sizeof(buf) - 1] == 0 &&
	      !memcmp(buf, buf + 1, sizeof(buf) - 1));
	close(fd);

	fd = open("/dev/full", O_RDWR);
	errno = 0;
	CHECK(fd >= 0 && write(fd, "x", 1) == -1 && errno == ENOSPC);
	CHECK(write(fd, "", 0) == 0);
	buf[0] = 'x';
	CHECK(read(fd, buf, 16) == 16 && buf[0] == 0);
	close(fd);
	f = fopen("/dev/full", "w");
	CHECK(f != NULL);
	fputs("lost", f);
	errno = 0;
	CHECK(fflush(f) == EOF && errno == ENOSPC);
	fclose(f);

	CHECK(is_chr("/dev/null", 1, 3) && is_chr("/dev/zero", 1, 5));
	CHECK(is_chr("/dev/full", 1, 7) && is_chr("/dev/random", 1, 8));
	CHECK(is_chr("/dev/urandom", 1, 9) && is_chr("/dev/tty", 5, 0));
}

static void test_random(void)
{
	static unsigned char a[65536], b[4096];
	unsigned counts[256] = { 0 };
	int fd = open("/dev/urandom", O_RDONLY), missing = 0;

	CHECK(fd >= 0 && read(fd, a, sizeof(a)) == sizeof(a));
	CHECK(read(fd, b, sizeof(b)) == sizeof(b) && memcmp(a, b, sizeof(b)));
	close(fd);
	for (size_t i = 0; i < sizeof(a); i++)
		counts[a[i]]++;
	for (int v = 0; v < 256; v++) /* 256 expected each */
		missing += counts[v] < 128 || counts[v] > 384;
	CHECK(missing == 0);
	fd = open("/dev/random", O_RDWR);
	CHECK(fd >= 0 && read(fd, b, 100) == 100);
	CHECK(write(fd, "seed", 4) == 4); /* accepted, as on Linux */
	close(fd);

	CHECK(getrandom(b, 100, 0) == 100);
	CHECK(getrandom(b, 100, GRND_NONBLOCK | GRND_RANDOM) == 100);
	CHECK(getrandom(b, 100, GRND_INSECURE) == 100);
	CHECK(getrandom(NULL, 0, 0) == 0);
	errno = 0;
	CHECK(getrandom(b, 10, 0x100) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(getrandom(b, 10, GRND_RANDOM | GRND_INSECURE) == -1 &&
	      errno == EINVAL);
	errno = 0;
	CHECK(getrandom(NULL, 10, 0) == -1 && errno == EFAULT);
	CHECK(getentropy(b, 256) == 0);
	errno = 0;
	CHECK(getentropy(b, 257) == -1 && errno == EIO);
}

/* /dev/stdout and kin, /dev/tty: the console; /dev/fd/N: N's file. */
static void test_fds(void)
{
	char buf[32];
	struct stat st;
	int fd, again;

	fd = open("/dev/stdout", O_WRONLY);
	CHECK(fd > 2 && write(fd, "dev: through /dev/stdout\n", 25) == 25);
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && isatty(fd));
	close(fd);
	fd = open("/dev/stderr", O_WRONLY);
	CHECK(fd > 2 && write(fd, "dev: through /dev/stderr\n", 25) == 25);
	close(fd);
	fd = open("/dev/stdin", O_RDONLY);
	CHECK(fd > 2 && isatty(fd));
	close(fd);
	fd = open("/dev/tty", O_RDWR);
	CHECK(fd > 2 && isatty(fd) &&
	      write(fd, "dev: through /dev/tty\n", 22) == 22);
	close(fd);

	fd = open("/tmp/shared", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "abcdef", 6) == 6);
	snprintf(buf, sizeof(buf), "/dev/fd/%d", fd);
	CHECK(stat(buf, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 6);
	again = open(buf, O_RDWR);
	CHECK(again >= 0 && again != fd);
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	CHECK(read(again, buf, 2) == 2 && !memcmp(buf, "cd", 2)); /* shared */
	close(again);
	close(fd);
	unlink("/tmp/shared");
	errno = 0;
	CHECK(open("/dev/fd/999", O_RDONLY) == -1 && errno == ENOENT);
	errno = 0;
	CHECK(open("/dev/fd/x", O_RDONLY) == -1 && errno == ENOENT);
	errno = 0;
	CHECK(stat("/dev/fd/1023", &st) == -1 && errno == ENOENT);
	/* Redirected to /dev/null and back, as test harnesses do. */
	int saved = dup(1), null = open("/dev/null", O_WRONLY);
	CHECK(dup2(null, 1) == 1);
	printf("dev: this line goes nowhere\n");
	fflush(stdout);
	CHECK(dup2(saved, 1) == 1);
	close(null);
	close(saved);
}

/* What readdir lists (name: seen). */
static int listed(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		found += !strcmp(e->d_name, name);
	if (d)
		closedir(d);
	return found;
}

static void test_listing_and_refusals(void)
{
	static const char *const names[] = { "null",   "zero",    "full",
					     "random", "urandom", "tty",
					     "stdin",  "stdout",  "stderr",
					     "fd" };
	struct stat st;
	int fd = open("/tmp/x", O_RDWR | O_CREAT, 0644);
	char name[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK(listed("/dev", names[i]) == 1);
	CHECK(listed("/", "dev") == 1);
	snprintf(name, sizeof(name), "%d", fd);
	CHECK(listed("/dev/fd", "0") == 1 && listed("/dev/fd", name) == 1);
	close(fd);
	unlink("/tmp/x");
	CHECK(listed("/dev/fd", name) == 0);
	CHECK(stat("/dev", &st) == 0 && S_ISDIR(st.st_mode));
	errno = 0; /* an archive's own dev/ is hidden by the mount */
	CHECK(stat("/dev/stale", &st) == -1 && errno == ENOENT);
	CHECK(stat("/dev/fd", &st) == 0 && S_ISDIR(st.st_mode));
	fd = open("/dev", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0 && openat(fd, "null", O_WRONLY) >= 0);

	errno = 0;
	CHECK(open("/dev/nope", O_RDONLY) == -1 && errno == ENOENT);
	errno = 0;
	CHECK(open("/dev/nope", O_WRONLY | O_CREAT, 0644) == -1 &&
	      errno == EROFS);
	errno = 0;
	CHECK(open("/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0644) == -1 &&
	      errno == EEXIST);
	CHECK(open("/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644) >= 0);
	errno = 0;
	CHECK(open("/dev/null/x", O_RDONLY) == -1 && errno == ENOTDIR);
	errno = 0;
	CHECK(open("/dev/null", O_RDONLY | O_DIRECTORY) == -1 &&
	      errno == ENOTDIR);
	errno = 0;
	CHECK(open("/dev", O_WRONLY) == -1 && errno == EISDIR);
	errno = 0;
	CHECK(mkdir("/dev/d", 0755) == -1 && errno == EROFS);
	errno = 0;
	CHECK(unlink("/dev/null") == -1 && errno == EROFS);
	errno = 0;
	CHECK(rename("/dev/null", "/dev/nil") == -1 && errno == EROFS);
	errno = 0;
	CHECK(rename("/dev/null", "/tmp/nil") == -1 && errno == EXDEV);
}

int main(void)
{
	test_null_zero_full();
	test_random();
	test_fds();
	test_listing_and_refusals();
	return check_verdict("dev");
}
