/* SPDX-License-Identifier: MIT */
/*
 * sys_time.c: gettimeofday, times and clock.
 */
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <ukos/clock.h>

int gettimeofday(struct timeval *tv, void *tz)
{
	if (tv) {
		int64_t ns = clock_realtime_ns();
		tv->tv_sec = ns / 1000000000;
		tv->tv_usec = ns % 1000000000 / 1000;
	}
	if (tz) { /* obsolete; POSIX leaves it unspecified: report UTC */
		struct timezone *z = tz;
		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

/* In sysconf(_SC_CLK_TCK) ticks (100, as Linux): the time since boot, and
 * the process's CPU time, all user time (one address space, no kernel
 * mode apart). No children. */
#define CLK_TCK_HZ 100

static clock_t cpu_in(long per_sec)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (clock_t)(ts.tv_sec * per_sec +
			 ts.tv_nsec / (1000000000 / per_sec));
}

clock_t times(struct tms *t)
{
	if (t) {
		t->tms_utime = cpu_in(CLK_TCK_HZ);
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return (clock_t)(clock_uptime_ns() / (1000000000 / CLK_TCK_HZ));
}

/* The CPU time used, in CLOCKS_PER_SEC (a million, XSI) ticks. newlib's
 * used times(), whose ticks are not those. */
clock_t clock(void)
{
	return cpu_in(CLOCKS_PER_SEC);
}
