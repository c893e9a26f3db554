/* SPDX-License-Identifier: MIT */
/*
 * sys_clock.c: POSIX clocks and sleeping — clock_gettime/getres,
 * nanosleep, clock_nanosleep, sleep, usleep — on the kernel's monotonic
 * clock (TSC), wall clock (RTC at boot) and tickless timers.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <ukos/clock.h>
#include <ukos/thread.h>
#include <ukos/timer.h>
#include <ukos/wait.h>
#include <unistd.h>

#include "fd.h"

#define NS_PER_S 1000000000ll

/* CPU time of the one process: what was not spent halted. */
static int64_t process_cpu_ns(void)
{
	return (int64_t)(clock_uptime_ns() - sched_idle_ns());
}

/* The clock's value in ns, or -EINVAL for a clock ukos does not have. */
static int64_t clock_ns(clockid_t id)
{
	switch (id) {
	case CLOCK_REALTIME:
		return clock_realtime_ns();
	case CLOCK_MONOTONIC:
		return (int64_t)clock_uptime_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
		return process_cpu_ns();
	case CLOCK_THREAD_CPUTIME_ID:
		return (int64_t)sched_thread_cpu_ns(sched_current());
	default:
		return -EINVAL;
	}
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	int64_t ns = clock_ns(id);

	if (ns == -EINVAL)
		return (int)fd_ret(-EINVAL);
	ts->tv_sec = ns / NS_PER_S;
	ts->tv_nsec = ns % NS_PER_S;
	return 0;
}

int clock_getres(clockid_t id, struct timespec *res)
{
	if (clock_ns(id) == -EINVAL)
		return (int)fd_ret(-EINVAL);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1; /* the TSC counts in under a nanosecond */
	}
	return 0;
}

static int valid(const struct timespec *ts)
{
	return ts && ts->tv_nsec >= 0 && ts->tv_nsec < NS_PER_S;
}

int clock_deadline_ns(clockid_t id, const struct timespec *abstime,
		      uint64_t *deadline)
{
	int64_t abs_ns, delta;

	if (id == 0)
		id = CLOCK_REALTIME;
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return -EINVAL;
	if (!valid(abstime))
		return -EINVAL;
	if (abstime->tv_sec < 0)
		abs_ns = 0;
	else if (abstime->tv_sec > INT64_MAX / NS_PER_S - 1)
		abs_ns = INT64_MAX / 2;
	else
		abs_ns = abstime->tv_sec * NS_PER_S + abstime->tv_nsec;
	delta = abs_ns - clock_ns(id);
	*deadline = clock_uptime_ns() + (uint64_t)(delta > 0 ? delta : 0);
	if (*deadline == 0) /* WAIT_FOREVER means "none" */
		*deadline = 1;
	return 0;
}

/* Sleep on clock id until its value reaches abs_ns: 0, or -EINTR when a
 * signal handler ran (never restarted, as on Linux). */
static int sleep_until(clockid_t id, int64_t abs_ns)
{
	/* Realtime deadlines become monotonic ones; the wall clock only
	 * moves with the monotonic one here (nothing sets it). */
	int64_t delta = abs_ns - clock_ns(id);
	if (delta > 0)
		return timer_sleep_intr(clock_uptime_ns() + (uint64_t)delta);
	return 0;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return id == CLOCK_PROCESS_CPUTIME_ID ? ENOTSUP : EINVAL;
	if (!valid(req) || req->tv_sec < 0)
		return EINVAL;
	int64_t ns = req->tv_sec > INT64_MAX / NS_PER_S - 1
			     ? INT64_MAX / 2
			     : req->tv_sec * NS_PER_S + req->tv_nsec;
	int64_t until = flags & TIMER_ABSTIME ? ns : clock_ns(id) + ns;
	if (!sleep_until(id, until))
		return 0;
	if (rem && !(flags & TIMER_ABSTIME)) { /* what is left of it */
		int64_t left = until - clock_ns(id);
		left = left > 0 ? left : 0;
		rem->tv_sec = (time_t)(left / NS_PER_S);
		rem->tv_nsec = (long)(left % NS_PER_S);
	}
	return EINTR;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int err = clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);

	return err ? (int)fd_ret(-err) : 0;
}

unsigned sleep(unsigned seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };

	if (nanosleep(&ts, &ts) == 0)
		return 0;
	return (unsigned)ts.tv_sec + (ts.tv_nsec > 0); /* seconds left */
}

int usleep(useconds_t us)
{
	struct timespec ts = { .tv_sec = us / 1000000,
			       .tv_nsec = (long)(us % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}
