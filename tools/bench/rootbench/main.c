/* SPDX-License-Identifier: MIT */
/*
 * The "rootfs" benchmark guest (tools/ukos-bench): booted with a root
 * archive of N files under /www, it touches the root the way a program
 * starting up does — stat and read the last file (argv[1], /www/last),
 * write a new one (argv[2], /www/new: beside it; /tmp/new on a read-only
 * root) and read that back — then says what memory the system holds and
 * exits. The benchmark times the whole VM from launch to exit. A ukos app
 * and /init of the minimal Linux guest (BENCH_LINUX_INIT), whose root is
 * the initramfs the kernel unpacked.
 *   "RESULT rootfs heap_kib=N"  ukos: heap bytes in use (mallinfo)
 *   "RESULT rootfs used_kib=N"  Linux: MemTotal - MemFree
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef BENCH_LINUX_INIT
#include <sys/mount.h>

#include "../linux_init.h"
#else
#include <malloc.h>
#endif

static int fail(const char *what)
{
	perror(what);
	printf("rootbench: FAILED\n");
	fflush(stdout);
#ifdef BENCH_LINUX_INIT
	linux_init_poweroff();
#endif
	return 1;
}

/* /proc/meminfo's field (kB), or -1. */
#ifdef BENCH_LINUX_INIT
static long meminfo(const char *field)
{
	char line[128];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	if (f)
		fclose(f);
	return v;
}
#endif

int main(int argc, char **argv)
{
	const char *last = argc > 1 ? argv[1] : "/www/last";
	const char *made = argc > 2 ? argv[2] : "/www/new";
	static char buf[1 << 16];
	struct stat st;
	ssize_t n;
	long total = 0;
	int fd;

#ifdef BENCH_LINUX_INIT
	linux_init_console();
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
#endif
	if (stat(last, &st) != 0)
		return fail(last);
	fd = open(last, O_RDONLY);
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	if (fd < 0 || total != st.st_size)
		return fail("reading the last file");
	close(fd);
	fd = open(made, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "written at start-up\n", 20) != 20 ||
	    pread(fd, buf, 20, 0) != 20 || memcmp(buf, "written", 7) != 0)
		return fail(made);
	close(fd);
#ifdef BENCH_LINUX_INIT
	printf("RESULT rootfs used_kib=%ld\n",
	       meminfo("MemTotal") - meminfo("MemFree"));
	linux_init_poweroff();
#else
	printf("RESULT rootfs heap_kib=%zu\n", mallinfo().uordblks / 1024);
#endif
	return 0;
}
