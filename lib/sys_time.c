/* SPDX-License-Identifier: MIT */
/*
 * sys_time.c: gettimeofday and times for newlib.
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

/* All time since boot is the one process's user time; newlib's clock()
 * divides by CLOCKS_PER_SEC (1000) ticks. */
clock_t times(struct tms *t)
{
	clock_t ticks =
		(clock_t)(clock_uptime_ns() / (1000000000 / CLOCKS_PER_SEC));

	if (t) {
		t->tms_utime = ticks;
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return ticks;
}
