/* SPDX-License-Identifier: MIT */
/*
 * The "files" benchmark guest (tools/ukos-bench): what file calls cost in
 * /tmp — open+close, stat, a 4 KiB pread, a small file's whole life
 * (create, write 4 KiB, close, unlink), a 64 KiB append, listing a
 * directory of 100 entries, and mapping a 1 MiB file and touching each
 * page. Portable POSIX C like threadbench: a ukos app, and /init of the
 * minimal Linux guest (BENCH_LINUX_INIT), where /tmp is a tmpfs too.
 * Prints "RESULT files NAME median=.. min=.. max=.." lines (ns per
 * operation).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../bench.h"

#ifdef BENCH_LINUX_INIT
#include <sys/mount.h>

#include "../linux_init.h"
#endif

#define MIB (1 << 20)

static char block[64 << 10];

static void report(const char *name, int64_t (*fn)(void))
{
	bench_report("files", name, fn);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* /tmp/bench/1m (1 MiB) and /tmp/bench/dir with 100 empty files. */
static void setup(void)
{
	char path[64];
	int fd;

	if (mkdir("/tmp/bench", 0755) || mkdir("/tmp/bench/dir", 0755))
		die("mkdir");
	fd = open("/tmp/bench/1m", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (int i = 0; i < 16; i++)
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
			die("write");
	close(fd);
	for (int i = 0; i < 100; i++) {
		snprintf(path, sizeof(path), "/tmp/bench/dir/f%03d", i);
		fd = open(path, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			die(path);
		close(fd);
	}
}

#define OPENS 20000

static int64_t open_close_ns(void)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < OPENS; i++)
		close(open("/tmp/bench/1m", O_RDONLY));
	return (now_ns() - t0) / OPENS;
}

static int64_t stat_ns(void)
{
	struct stat st;
	int64_t t0 = now_ns();

	for (int i = 0; i < OPENS; i++)
		stat("/tmp/bench/1m", &st);
	return (now_ns() - t0) / OPENS;
}

#define PREADS 20000

static int64_t pread_4k_ns(void)
{
	int fd = open("/tmp/bench/1m", O_RDONLY);
	unsigned x = 1;
	int64_t t0 = now_ns();

	for (int i = 0; i < PREADS; i++) {
		x = x * 1103515245 +
		    12345; /* an offset anywhere, 4 KiB aligned */
		if (pread(fd, block, 4096, (off_t)((x >> 8) % 256) * 4096) !=
		    4096)
			die("pread");
	}
	int64_t t = (now_ns() - t0) / PREADS;
	close(fd);
	return t;
}

#define LIVES 5000

static int64_t file_life_ns(void)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < LIVES; i++) {
		int fd = open("/tmp/bench/life", O_WRONLY | O_CREAT | O_TRUNC,
			      0644);
		if (write(fd, block, 4096) != 4096)
			die("write");
		close(fd);
		unlink("/tmp/bench/life");
	}
	return (now_ns() - t0) / LIVES;
}

#define APPENDS 256 /* 16 MiB */

static int64_t append_64k_ns(void)
{
	int fd = open("/tmp/bench/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int64_t t0 = now_ns();

	for (int i = 0; i < APPENDS; i++)
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
			die("append");
	int64_t t = (now_ns() - t0) / APPENDS;
	close(fd);
	unlink("/tmp/bench/big");
	return t;
}

#define LISTS 500

static int64_t list_100_ns(void)
{
	int64_t t0 = now_ns();
	int n = 0;

	for (int i = 0; i < LISTS; i++) {
		DIR *d = opendir("/tmp/bench/dir");
		while (d && readdir(d))
			n++;
		if (d)
			closedir(d);
	}
	if (n != LISTS * 102)
		die("readdir");
	return (now_ns() - t0) / LISTS;
}

#define MAPS 200

static int64_t map_1m_ns(void)
{
	int fd = open("/tmp/bench/1m", O_RDONLY);
	volatile char sum = 0;
	int64_t t0 = now_ns();

	for (int i = 0; i < MAPS; i++) {
		char *p = mmap(NULL, MIB, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (int off = 0; off < MIB; off += 4096)
			sum += p[off];
		munmap(p, MIB);
	}
	int64_t t = (now_ns() - t0) / MAPS;
	close(fd);
	return t;
}

int main(void)
{
#ifdef BENCH_LINUX_INIT
	linux_init_console();
	mkdir("/tmp", 01777);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL))
		die("mount /tmp");
#endif
	memset(block, 'b', sizeof(block));
	setup();
	report("open_close_ns", open_close_ns);
	report("stat_ns", stat_ns);
	report("pread_4k_ns", pread_4k_ns);
	report("create_write_unlink_ns", file_life_ns);
	report("append_64k_ns", append_64k_ns);
	report("readdir_100_ns", list_100_ns);
	report("mmap_1m_touch_ns", map_1m_ns);
#ifdef BENCH_LINUX_INIT
	linux_init_poweroff();
#endif
	return 0;
}
