/* SPDX-License-Identifier: MIT */
/*
 * tmpfs: the writable file system at /tmp, every call and errno case, and
 * mmap. No argument: the full run (booted with ukos.tmpfs=1M, so the
 * limit is reached on purpose). "threads": four threads write and check
 * their own files at once.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

#include "../check.h"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return (int)n;
}

static void files(void)
{
	char buf[64];
	struct stat st;
	int fd;

	CHECK(stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK((st.st_mode & 07777) == 01777);
	CHECK(access("/tmp", W_OK) == 0);
	fd = open("/tmp/a.txt", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd > 2);
	CHECK(write(fd, "hello, ", 7) == 7 && write(fd, "tmp\n", 4) == 4);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 11);
	CHECK((st.st_mode & 0777) == 0600 && st.st_nlink == 1);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 11 &&
	      !memcmp(buf, "hello, tmp\n", 11));
	CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
	CHECK(pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "HELLO", 5));
	CHECK(lseek(fd, 0, SEEK_CUR) == 11); /* pread/pwrite left it */
	/* Past the end: a hole that reads as zeros. */
	CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 101);
	CHECK(pread(fd, buf, 4, 50) == 4 && !memcmp(buf, "\0\0\0\0", 4));
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
	CHECK(pread(fd, buf, sizeof(buf), 0) == 5);
	CHECK(ftruncate(fd, 8) == 0 && pread(fd, buf, 8, 0) == 8 &&
	      !memcmp(buf, "HELLO\0\0\0", 8));
	CHECK(close(fd) == 0);
	CHECK(open("/tmp/a.txt", O_RDWR | O_CREAT | O_EXCL, 0600) == -1 &&
	      errno == EEXIST);

	/* O_APPEND, O_TRUNC, and a second open sharing the bytes. */
	CHECK(write_file("/tmp/log", "one\n") == 0);
	fd = open("/tmp/log", O_WRONLY | O_APPEND);
	int fd2 = open("/tmp/log", O_RDONLY);
	CHECK(fd >= 0 && fd2 >= 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "two\n", 4) == 4);
	CHECK(read(fd2, buf, sizeof(buf)) == 8 &&
	      !memcmp(buf, "one\ntwo\n", 8));
	CHECK(read(fd2, buf, 1) == 0); /* end of file */
	CHECK(write(fd2, "x", 1) == -1 && errno == EBADF);
	CHECK(read(fd, buf, 1) == -1 && errno == EBADF);
	close(fd);
	close(fd2);
	CHECK(write_file("/tmp/log", "new\n") == 0);
	CHECK(read_file("/tmp/log", buf, sizeof(buf)) == 4 &&
	      !strcmp(buf, "new\n"));
	CHECK(truncate("/tmp/log", 2) == 0 && stat("/tmp/log", &st) == 0 &&
	      st.st_size == 2);

	/* stdio, relative paths from a working directory in /tmp. */
	CHECK(chdir("/tmp") == 0);
	FILE *f = fopen("stdio.txt", "w");
	CHECK(f != NULL);
	for (int i = 0; f && i < 1000; i++)
		fprintf(f, "line %d\n", i);
	CHECK(f && fclose(f) == 0);
	f = fopen("/tmp/stdio.txt", "r");
	int lines = 0;
	while (f && fgets(buf, sizeof(buf), f))
		lines += strncmp(buf, "line ", 5) == 0;
	CHECK(lines == 1000);
	if (f)
		fclose(f);
	CHECK(remove("stdio.txt") == 0 && access("stdio.txt", F_OK) == -1 &&
	      errno == ENOENT);
	CHECK(mkdir("gone", 0755) == 0 && remove("gone") == 0);
	CHECK(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/tmp"));
	CHECK(chdir("..") == 0);

	/* tmpfile() makes its file in /tmp and removes it at once. */
	f = tmpfile();
	CHECK(f != NULL);
	CHECK(f && fputs("scratch", f) >= 0 && fseek(f, 0, SEEK_SET) == 0);
	CHECK(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, "scratch"));
	if (f)
		CHECK(fclose(f) == 0);
}

static int not_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static void directories(void)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	int seen = 0;

	CHECK(mkdir("/tmp/d", 0755) == 0);
	CHECK(mkdir("/tmp/d", 0755) == -1 && errno == EEXIST);
	CHECK(mkdir("/tmp", 0755) == -1 && errno == EEXIST);
	CHECK(mkdir("/tmp/nope/d", 0755) == -1 && errno == ENOENT);
	CHECK(mkdir("/tmp/a.txt/d", 0755) == -1 && errno == ENOTDIR);
	CHECK(mkdir("/tmp/d/e", 0700) == 0);
	CHECK(write_file("/tmp/d/e/f", "deep\n") == 0);
	CHECK(stat("/tmp/d", &st) == 0 && S_ISDIR(st.st_mode) &&
	      st.st_nlink == 3);
	CHECK(stat("/tmp/d/e/f/", &st) == -1 && errno == ENOTDIR);
	CHECK(open("/tmp/d/e/f/g", O_RDONLY) == -1 && errno == ENOTDIR);
	CHECK(open("/tmp/d", O_WRONLY) == -1 && errno == EISDIR);
	CHECK(open("/tmp/d/", O_RDWR | O_CREAT, 0644) == -1 && errno == EISDIR);
	CHECK(open("/tmp/d/e/f", O_RDONLY | O_DIRECTORY) == -1 &&
	      errno == ENOTDIR);
	CHECK(open("/tmp/missing", O_RDONLY) == -1 && errno == ENOENT);

	/* The root lists the mount point; /tmp lists what was made. */
	d = opendir("/");
	while (d && (e = readdir(d)))
		seen |= !strcmp(e->d_name, "tmp") && e->d_type == DT_DIR;
	CHECK(seen == 1);
	if (d)
		closedir(d);
	d = opendir("/tmp");
	seen = 0;
	while (d && (e = readdir(d))) {
		seen |= !strcmp(e->d_name, ".") << 0;
		seen |= !strcmp(e->d_name, "..") << 1;
		seen |= (!strcmp(e->d_name, "a.txt") && e->d_type == DT_REG)
			<< 2;
		seen |= (!strcmp(e->d_name, "d") && e->d_type == DT_DIR) << 3;
	}
	CHECK(seen == 0xf);
	if (d)
		closedir(d);

	/* scandir: sorted, filtered. */
	struct dirent **list;
	int n = scandir("/tmp", &list, not_dot, alphasort);
	CHECK(n == 3 && !strcmp(list[0]->d_name, "a.txt") &&
	      !strcmp(list[1]->d_name, "d") && !strcmp(list[2]->d_name, "log"));
	for (int i = 0; i < n; i++)
		free(list[i]);
	if (n >= 0)
		free(list);
	CHECK(scandir("/tmp/nope", &list, NULL, NULL) == -1 && errno == ENOENT);

	/* Emptying a directory while reading it skips nothing. */
	char name[300];
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/tmp/d/%02d", i);
		CHECK(write_file(name, "x") == 0);
	}
	d = opendir("/tmp/d");
	int removed = 0;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "e"))
			continue;
		snprintf(name, sizeof(name), "/tmp/d/%s", e->d_name);
		removed += unlink(name) == 0;
	}
	CHECK(removed == 20);
	if (d)
		closedir(d);

	CHECK(rmdir("/tmp/d") == -1 && errno == ENOTEMPTY);
	CHECK(rmdir("/tmp/d/e/f") == -1 && errno == ENOTDIR);
	CHECK(unlink("/tmp/d/e") == -1 && errno == EISDIR);
	CHECK(rmdir("/tmp") == -1 && errno == EBUSY);
	CHECK(unlink("/tmp/d/e/f") == 0);
	CHECK(unlink("/tmp/d/e/f") == -1 && errno == ENOENT);
	CHECK(rmdir("/tmp/d/e") == 0 && rmdir("/tmp/d") == 0);
	CHECK(stat("/tmp/d", &st) == -1 && errno == ENOENT);
	CHECK(opendir("/tmp/d") == NULL && errno == ENOENT);
}

static void renames(void)
{
	char buf[64];
	struct stat st;

	CHECK(write_file("/tmp/r1", "first\n") == 0);
	CHECK(write_file("/tmp/r2", "second\n") == 0);
	CHECK(rename("/tmp/r1", "/tmp/r2") == 0); /* replaces */
	CHECK(read_file("/tmp/r2", buf, sizeof(buf)) == 6 &&
	      !strcmp(buf, "first\n"));
	CHECK(stat("/tmp/r1", &st) == -1 && errno == ENOENT);
	CHECK(mkdir("/tmp/rd", 0755) == 0 && mkdir("/tmp/rd/sub", 0755) == 0);
	CHECK(rename("/tmp/r2", "/tmp/rd/sub/moved") == 0);
	CHECK(rename("/tmp/rd", "/tmp/rd2") == 0);
	CHECK(read_file("/tmp/rd2/sub/moved", buf, sizeof(buf)) == 6);
	CHECK(rename("/tmp/rd2", "/tmp/rd2/sub/inside") == -1 &&
	      errno == EINVAL);
	CHECK(rename("/tmp/rd2/sub/moved", "/tmp/rd2") == -1 &&
	      errno == EISDIR);
	CHECK(mkdir("/tmp/empty", 0755) == 0);
	CHECK(rename("/tmp/rd2", "/tmp/rd2/sub/moved") == -1 &&
	      errno == EINVAL);
	CHECK(rename("/tmp/empty", "/tmp/rd2/sub/moved") == -1 &&
	      errno == ENOTDIR);
	CHECK(rename("/tmp/empty", "/tmp/rd2") == -1 && errno == ENOTEMPTY);
	CHECK(rename("/tmp/rd2/sub/moved", "/tmp/rd2/sub/moved") == 0);
	CHECK(rename("/tmp/nope", "/tmp/x") == -1 && errno == ENOENT);
	CHECK(rename("/tmp", "/tmp/x") == -1 && errno == EBUSY);
	/* Across file systems, and on the root kept read-only (the cases' ukos.root=ro). */
	CHECK(rename("/tmp/rd2/sub/moved", "/moved") == -1 && errno == EXDEV);
	CHECK(rename("/etc/motd", "/tmp/motd") == -1 && errno == EXDEV);
	CHECK(rename("/etc/motd", "/etc/motd2") == -1 && errno == EROFS);
	CHECK(link("/tmp/rd2/sub/moved", "/tmp/hard") == -1 && errno == EPERM);
}

/* dup/dup2/F_DUPFD share one open file: offset and flags go together;
 * stdout sent into a file and back. */
static void dups(void)
{
	char buf[64];
	int fd = open("/tmp/dup", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int d = dup(fd), saved;

	CHECK(fd >= 0 && d > fd);
	CHECK(write(fd, "abc", 3) == 3 && lseek(d, 0, SEEK_CUR) == 3);
	CHECK(fcntl(fd, F_DUPFD, 40) == 40 && lseek(40, 0, SEEK_SET) == 0);
	CHECK(read(d, buf, 3) == 3 && !memcmp(buf, "abc", 3));
	CHECK(close(fd) == 0 && close(40) == 0);
	CHECK(write(d, "d", 1) == 1 && close(d) == 0);
	CHECK(read_file("/tmp/dup", buf, sizeof(buf)) == 4);
	CHECK(dup(99) == -1 && errno == EBADF);

	/* Record locks: one process holds them all, so each is granted. */
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	fd = open("/tmp/dup", O_RDWR);
	CHECK(fcntl(fd, F_SETLK, &l) == 0 && fcntl(fd, F_SETLKW, &l) == 0);
	CHECK(fcntl(fd, F_GETLK, &l) == 0 && l.l_type == F_UNLCK);
	l.l_type = 42;
	CHECK(fcntl(fd, F_SETLK, &l) == -1 && errno == EINVAL);
	close(fd);
	fd = open("/tmp/dup", O_RDONLY);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	CHECK(fcntl(fd, F_SETLK, &l) == -1 && errno == EBADF);
	l.l_type = F_RDLCK;
	CHECK(fcntl(fd, F_SETLK, &l) == 0);
	close(fd);
	CHECK(dup2(1, -1) == -1 && errno == EBADF);

	fflush(stdout);
	saved = dup(1);
	fd = open("/tmp/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(saved > 2 && dup2(fd, 1) == 1 && close(fd) == 0);
	printf("into the file\n");
	fflush(stdout);
	CHECK(dup2(saved, 1) == 1 && close(saved) == 0);
	CHECK(read_file("/tmp/stdout", buf, sizeof(buf)) == 14 &&
	      !strcmp(buf, "into the file\n"));
}

/* openat and its kin relative to directory fds, on both file systems;
 * realpath, readlink, mkstemp, mkdtemp. */
static void at_calls(void)
{
	char buf[64], path[PATH_MAX];
	struct stat st;
	int d, e, fd;

	CHECK(mkdir("/tmp/at", 0755) == 0);
	d = open("/tmp/at", O_RDONLY | O_DIRECTORY);
	CHECK(d >= 0);
	fd = openat(d, "f", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && write(fd, "at", 2) == 2 && close(fd) == 0);
	CHECK(fstatat(d, "f", &st, 0) == 0 && st.st_size == 2);
	CHECK(faccessat(d, "f", W_OK, 0) == 0);
	CHECK(mkdirat(d, "sub", 0755) == 0);
	CHECK(renameat(d, "f", d, "sub/g") == 0);
	CHECK(unlinkat(d, "sub", AT_REMOVEDIR) == -1 && errno == ENOTEMPTY);
	CHECK(unlinkat(d, "sub/g", 0) == 0);
	CHECK(unlinkat(d, "sub", AT_REMOVEDIR) == 0);
	CHECK(unlinkat(d, "x", 0x1000) == -1 && errno == EINVAL);
	CHECK(fstatat(d, "f", &st, 0x1000) == -1 && errno == EINVAL);
	CHECK(openat(99, "f", O_RDONLY) == -1 && errno == EBADF);
	CHECK(openat(1, "f", O_RDONLY) == -1 && errno == ENOTDIR);
	CHECK(openat(d, "", O_RDONLY) == -1 && errno == ENOENT);
	/* Absolute paths ignore the fd; AT_FDCWD is the working directory. */
	CHECK(fstatat(99, "/tmp/at", &st, 0) == 0 && S_ISDIR(st.st_mode));
	CHECK(fstatat(AT_FDCWD, "tmp/at", &st, 0) == 0);
	/* The fd follows its directory through a rename, not its old name. */
	CHECK(rename("/tmp/at", "/tmp/at2") == 0);
	fd = openat(d, "h", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && close(fd) == 0 && access("/tmp/at2/h", F_OK) == 0);
	CHECK(unlink("/tmp/at2/h") == 0 && rmdir("/tmp/at2") == 0);
	CHECK(openat(d, "h", O_RDONLY) == -1 && errno == ENOENT);
	close(d);

	/* A directory of the boot archive, and DIRs with fds. */
	e = open("/etc", O_RDONLY);
	fd = openat(e, "motd", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 9) == 9 && !memcmp(buf, "read-only", 9));
	close(fd);
	CHECK(mkdirat(e, "new", 0755) == -1 && errno == EROFS);
	DIR *dir = fdopendir(e);
	int seen = 0;
	struct dirent *ent;
	while (dir && (ent = readdir(dir)))
		seen += !strcmp(ent->d_name, "motd");
	CHECK(seen == 1 && dirfd(dir) == e);
	CHECK(dir && closedir(dir) == 0);
	CHECK(close(e) == -1 && errno == EBADF); /* closedir closed it */
	CHECK(fdopendir(1) == NULL && errno == ENOTDIR);
	dir = opendir("/tmp");
	d = dir ? dirfd(dir) : -1;
	CHECK(d >= 0 && fstatat(d, "log", &st, 0) == 0);
	if (dir)
		closedir(dir);

	CHECK(realpath("/tmp/../etc/./motd", path) &&
	      !strcmp(path, "/etc/motd"));
	char *r = realpath("/tmp//log", NULL);
	CHECK(r && !strcmp(r, "/tmp/log"));
	free(r);
	CHECK(realpath("/tmp/nope", path) == NULL && errno == ENOENT);
	CHECK(readlink("/etc/motd", buf, sizeof(buf)) == -1 && errno == EINVAL);
	CHECK(readlink("/etc/nope", buf, sizeof(buf)) == -1 && errno == ENOENT);

	char tmpl[] = "/tmp/fileXXXXXX", dtmpl[] = "/tmp/dirXXXXXX";
	fd = mkstemp(tmpl);
	CHECK(fd >= 0 && strncmp(tmpl, "/tmp/file", 9) == 0 &&
	      stat(tmpl, &st) == 0 && S_ISREG(st.st_mode));
	close(fd);
	CHECK(unlink(tmpl) == 0);
	CHECK(mkdtemp(dtmpl) && stat(dtmpl, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(rmdir(dtmpl) == 0);
}

/* Modes: the creation mask, chmod/fchmod/fchmodat; and who we are. */
static void modes(void)
{
	char host[16];
	struct stat st;
	int fd;

	CHECK(umask(077) == 022);
	fd = open("/tmp/masked", O_WRONLY | O_CREAT, 0666);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(mkdir("/tmp/maskdir", 0777) == 0 &&
	      stat("/tmp/maskdir", &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(umask(022) == 077);
	CHECK(fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 &&
	      st.st_mode == (S_IFREG | 0640));
	close(fd);
	CHECK(chmod("/tmp/masked", 04755) == 0 &&
	      stat("/tmp/masked", &st) == 0 && st.st_mode == (S_IFREG | 04755));
	CHECK(fchmodat(AT_FDCWD, "/tmp/maskdir", 0555, 0) == 0 &&
	      stat("/tmp/maskdir", &st) == 0 && st.st_mode == (S_IFDIR | 0555));
	CHECK(chmod("/etc/motd", 0600) == -1 && errno == EROFS);
	CHECK(chmod("/tmp/nope", 0600) == -1 && errno == ENOENT);
	fd = open("/etc/motd", O_RDONLY);
	CHECK(fchmod(fd, 0600) == -1 && errno == EROFS);
	close(fd);
	CHECK(fchmod(1, 0600) == -1 && errno == EINVAL);
	CHECK(fchmod(99, 0600) == -1 && errno == EBADF);

	/* Times: set, left, now; through each of the four calls. */
	struct timespec ts[2] = { { 1000, 0 }, { 2000, 0 } };
	CHECK(utimensat(AT_FDCWD, "/tmp/masked", ts, 0) == 0 &&
	      stat("/tmp/masked", &st) == 0 && st.st_atime == 1000 &&
	      st.st_mtime == 2000);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){ 3000, 0 };
	CHECK(utimensat(AT_FDCWD, "/tmp/masked", ts, 0) == 0 &&
	      stat("/tmp/masked", &st) == 0 && st.st_atime == 1000 &&
	      st.st_mtime == 3000);
	struct timeval tv[2] = { { 4000, 5 }, { 5000, 999999 } };
	CHECK(utimes("/tmp/masked", tv) == 0 && stat("/tmp/masked", &st) == 0 &&
	      st.st_atime == 4000 && st.st_mtime == 5000);
	struct utimbuf ub = { 6000, 7000 };
	CHECK(utime("/tmp/masked", &ub) == 0 && stat("/tmp/masked", &st) == 0 &&
	      st.st_atime == 6000 && st.st_mtime == 7000);
	fd = open("/tmp/masked", O_RDONLY);
	CHECK(futimens(fd, NULL) == 0 && fstat(fd, &st) == 0 &&
	      st.st_mtime > 7000 && st.st_atime == st.st_mtime);
	ts[0] = (struct timespec){ 0, 1000000000 };
	CHECK(futimens(fd, ts) == -1 && errno == EINVAL);
	close(fd);
	tv[0].tv_usec = 1000000;
	CHECK(utimes("/tmp/masked", tv) == -1 && errno == EINVAL);
	CHECK(utime("/etc/motd", NULL) == -1 && errno == EROFS);
	CHECK(utime("/tmp/nope", NULL) == -1 && errno == ENOENT);
	CHECK(futimens(1, NULL) == -1 && errno == EINVAL);
	CHECK(unlink("/tmp/masked") == 0 && rmdir("/tmp/maskdir") == 0);

	CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0 &&
	      getegid() == 0 && getppid() == 0);
	CHECK(gethostname(host, sizeof(host)) == 0 && !strcmp(host, "ukos"));
	CHECK(gethostname(host, 2) == -1 && errno == ENAMETOOLONG);
	sync();
}

/* A file unlinked while open lives until its last close. */
static void unlinked_open(void)
{
	char buf[16];
	struct stat st;
	int fd = open("/tmp/ghost", O_RDWR | O_CREAT, 0644);

	CHECK(fd >= 0 && write(fd, "boo", 3) == 3);
	CHECK(unlink("/tmp/ghost") == 0);
	CHECK(stat("/tmp/ghost", &st) == -1 && errno == ENOENT);
	CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0 && st.st_size == 3);
	CHECK(pread(fd, buf, 3, 0) == 3 && !memcmp(buf, "boo", 3));
	CHECK(close(fd) == 0);
}

/* ukos.tmpfs=1M: a write that would pass the limit writes what fits. */
static void limit(void)
{
	static char block[64 << 10];
	int fd = open("/tmp/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long total = 0;
	ssize_t n = 0;

	memset(block, 'z', sizeof(block));
	while (fd >= 0 && (n = write(fd, block, sizeof(block))) > 0)
		total += n;
	CHECK(n == -1 && errno == ENOSPC);
	CHECK(total > 512 << 10 && total <= 1 << 20);
	int empty = open("/tmp/more", O_WRONLY | O_CREAT, 0644);
	CHECK(empty >= 0); /* an empty file costs no bytes */
	close(empty);
	CHECK(write_file("/tmp/more2", "x") == -1 && errno == ENOSPC);
	close(fd);
	printf("tmpfs: limit reached after %ld bytes\n", total);
	/* Unlinking gives the space back. */
	CHECK(unlink("/tmp/big") == 0);
	CHECK(write_file("/tmp/more2", "x") == 0);
}

static void mapping(void)
{
	char *p;
	int fd;

	/* A file from the boot archive, whole and from a page offset. */
	fd = open("/data/pages.bin", O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, 3 * 4096 + 100, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK(((uintptr_t)p & 4095) == 0);
		CHECK(p[0] == 'a' && p[4096] == 'b' && p[3 * 4096 + 99] == 'd');
		CHECK(p[3 * 4096 + 100] == 0); /* past the end: zeros */
		CHECK(msync(p, 4096, MS_SYNC) == 0);
		CHECK(munmap(p, 4096) == -1 && errno == EINVAL); /* splits */
		CHECK(munmap(p, 3 * 4096 + 100) == 0);
	}
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 8192);
	CHECK(p != MAP_FAILED && p[0] == 'c');
	if (p != MAP_FAILED) {
		p[0] = 'X'; /* private: the file is untouched */
		CHECK(munmap(p, 4096) == 0);
	}
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(mmap(NULL, 4096, PROT_READ, 0, fd, 0) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
	      errno == EACCES);
	close(fd);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
	      errno == EBADF);
	fd = open("/tmp", O_RDONLY);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
	      errno == ENODEV); /* a directory */
	close(fd);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 1, 0) == MAP_FAILED &&
	      errno == EACCES); /* stdout: write-only */

	/* A tmpfs file; shared writable mappings are refused. */
	CHECK(write_file("/tmp/m", "mapped bytes") == 0);
	fd = open("/tmp/m", O_RDWR);
	p = mmap(NULL, 12, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED && !memcmp(p, "mapped bytes", 12));
	if (p != MAP_FAILED)
		CHECK(munmap(p, 12) == 0);
	CHECK(mmap(NULL, 12, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
		      MAP_FAILED &&
	      errno == ENOTSUP);
	close(fd);

	/* Anonymous memory: zeroed, and freed by munmap. */
	for (int i = 0; i < 64; i++) {
		p = mmap(NULL, 256 << 10, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(p != MAP_FAILED && p[0] == 0 && p[(256 << 10) - 1] == 0);
		if (p == MAP_FAILED)
			break;
		memset(p, 0xa5, 256 << 10);
		CHECK(munmap(p, 256 << 10) == 0);
	}
	CHECK(mmap((void *)0x100000, 4096, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		   0) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(munmap((void *)4097, 4096) == -1 && errno == EINVAL);
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && getpagesize() == 4096);
}

/* Four threads, each its own file, written and read back at once. */
static void *worker(void *arg)
{
	char path[32], want[64], got[64];
	long id = (long)arg, bad = 0;

	snprintf(path, sizeof(path), "/tmp/t%ld", id);
	for (int i = 0; i < 200; i++) {
		snprintf(want, sizeof(want), "thread %ld round %d\n", id, i);
		int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
		bad += write(fd, want, strlen(want)) != (ssize_t)strlen(want);
		bad += pread(fd, got, sizeof(got), 0) != (ssize_t)strlen(want);
		bad += memcmp(got, want, strlen(want)) != 0;
		close(fd);
	}
	return (void *)bad;
}

static void threads(void)
{
	pthread_t t[4];
	void *bad;

	for (long i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, worker, (void *)i) == 0);
	for (int i = 0; i < 4; i++) {
		CHECK(pthread_join(t[i], &bad) == 0);
		CHECK(bad == NULL);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "threads")) {
		threads();
		return check_verdict("tmpfs threads");
	}
	files();
	directories();
	renames();
	unlinked_open();
	dups();
	at_calls();
	modes();
	limit();
	mapping();
	return check_verdict("tmpfs");
}
