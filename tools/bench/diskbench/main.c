/* SPDX-License-Identifier: MIT */
/*
 * The "disk" benchmark guest (tools/ukos-bench): a disk's raw speed
 * through its block device — /dev/vda (virtio-blk) or /dev/nvme0n1,
 * whichever the VM has — as fio's psync engine measures it: sequential
 * 1 MiB reads and writes, and 4 KiB reads and writes at random aligned
 * offsets, one request at a time; then a 4 KiB write followed by fsync.
 * Portable POSIX C: a ukos app, and /init of the minimal Linux guest
 * (BENCH_LINUX_INIT), which opens the device O_DIRECT (no page cache;
 * ukos has none). Prints "RESULT disk NAME median=.. min=.. max=.." lines
 * (ns per operation; per MiB for the sequential ones).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../bench.h"

#ifdef BENCH_LINUX_INIT
#include "../linux_init.h"
#endif
#ifndef O_DIRECT
#define O_DIRECT 0 /* ukos: every transfer goes to the device */
#endif

#define MIB     (1 << 20)
#define AREA    (64ull * MIB) /* where the I/O goes */
#define SEQ_MIB 16            /* per batch */
#define RANDOM  256           /* 4 KiB operations per batch */

static int fd;
static uint8_t *buf;
static uint64_t seq_at;
static unsigned seed = 1;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void seq(bool write)
{
	for (int i = 0; i < SEQ_MIB; i++) {
		ssize_t r = write ? pwrite(fd, buf, MIB, (off_t)seq_at)
				  : pread(fd, buf, MIB, (off_t)seq_at);
		if (r != MIB)
			die(write ? "pwrite" : "pread");
		seq_at = (seq_at + MIB) % AREA;
	}
}

static int64_t seq_write_ns(void)
{
	int64_t t0 = now_ns();

	seq(true);
	return (now_ns() - t0) / SEQ_MIB;
}

static int64_t seq_read_ns(void)
{
	int64_t t0 = now_ns();

	seq(false);
	return (now_ns() - t0) / SEQ_MIB;
}

static off_t random_4k(void)
{
	seed = seed * 1103515245 + 12345;
	return (off_t)((seed >> 8) % (AREA / 4096)) * 4096;
}

static int64_t random_ns(bool write)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < RANDOM; i++) {
		ssize_t r = write ? pwrite(fd, buf, 4096, random_4k())
				  : pread(fd, buf, 4096, random_4k());
		if (r != 4096)
			die(write ? "pwrite" : "pread");
	}
	return (now_ns() - t0) / RANDOM;
}

static int64_t rand_read_ns(void)
{
	return random_ns(false);
}

static int64_t rand_write_ns(void)
{
	return random_ns(true);
}

static int64_t write_fsync_ns(void)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < 16; i++)
		if (pwrite(fd, buf, 4096, random_4k()) != 4096 || fsync(fd))
			die("pwrite+fsync");
	return (now_ns() - t0) / 16;
}

static int open_disk(void)
{
	static const char *const names[] = { "/dev/vda", "/dev/nvme0n1" };

	for (int tries = 0; tries < 50; tries++) {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			int d = open(names[i], O_RDWR | O_DIRECT);
			if (d >= 0) {
				printf("disk: %s\n", names[i]);
				return d;
			}
		}
		usleep(100000); /* Linux: the driver may still be probing */
	}
	die("no disk");
	return -1;
}

int main(void)
{
#ifdef BENCH_LINUX_INIT
	linux_init_console();
	linux_init_modules();
#endif
	fd = open_disk();
	if (posix_memalign((void **)&buf, 4096, MIB))
		die("posix_memalign");
	memset(buf, 0x5a, MIB);
	bench_report("disk", "seq_write_1m_ns", seq_write_ns);
	bench_report("disk", "seq_read_1m_ns", seq_read_ns);
	bench_report("disk", "rand_read_4k_ns", rand_read_ns);
	bench_report("disk", "rand_write_4k_ns", rand_write_ns);
	bench_report("disk", "write_fsync_4k_ns", write_fsync_ns);
	close(fd);
#ifdef BENCH_LINUX_INIT
	linux_init_poweroff();
#endif
	return 0;
}
