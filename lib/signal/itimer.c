/* SPDX-License-Identifier: MIT */
/*
 * itimer.c: the process's real-time interval timer — alarm, ualarm,
 * setitimer/getitimer(ITIMER_REAL) — on a kernel timer that sends
 * SIGALRM to the process. ITIMER_VIRTUAL and ITIMER_PROF (CPU time) are
 * not kept: they fail with EINVAL rather than never firing.
 */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/timer.h>
#include <unistd.h>

#include "../fd.h"
#include "sig.h"

#define NS_PER_US 1000ull
#define NS_PER_S  1000000000ull
#define REARM_NS  20000ull /* the next period at least this far ahead */

static struct timer real;
static uint64_t interval_ns;

static void expired(struct timer *t)
{
	siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };

	signal_send(NULL, SIGALRM, &info);
	/* Periods missed, or shorter than an interrupt takes, are skipped
	 * (their signals would merge into this one anyway). */
	if (interval_ns) {
		uint64_t late = clock_uptime_ns() + REARM_NS - t->deadline;
		timer_start(
			t, t->deadline + (late / interval_ns + 1) * interval_ns,
			expired);
	}
}

static uint64_t ns_of(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * NS_PER_S +
	       (uint64_t)tv->tv_usec * NS_PER_US;
}

static struct timeval timeval_of(uint64_t ns)
{
	/* Round up: a timer with time left never reads as 0 (disarmed). */
	ns += NS_PER_US - 1;
	return (struct timeval){ (time_t)(ns / NS_PER_S),
				 (suseconds_t)(ns % NS_PER_S / NS_PER_US) };
}

/* What is left and the interval, interrupts disabled. */
static void current(struct itimerval *v)
{
	uint64_t now = clock_uptime_ns();

	v->it_value = real.slot && real.deadline > now
			      ? timeval_of(real.deadline - now)
			      : (struct timeval){ 0, 0 };
	v->it_interval = timeval_of(interval_ns);
	if (!interval_ns)
		v->it_interval = (struct timeval){ 0, 0 };
}

static bool valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000 &&
	       (uint64_t)tv->tv_sec < UINT64_MAX / 2 / NS_PER_S;
}

int getitimer(int which, struct itimerval *v)
{
	unsigned long flags;

	if (which != ITIMER_REAL)
		return (int)fd_ret(-EINVAL);
	flags = arch_irq_save();
	current(v);
	arch_irq_restore(flags);
	return 0;
}

int setitimer(int which, const struct itimerval *v, struct itimerval *old)
{
	unsigned long flags;
	struct itimerval was;

	if (which != ITIMER_REAL || !valid(&v->it_value) ||
	    !valid(&v->it_interval))
		return (int)fd_ret(-EINVAL);
	thread_upcall = signal_deliver;
	flags = arch_irq_save();
	current(&was);
	timer_cancel(&real);
	interval_ns = ns_of(&v->it_interval);
	if (ns_of(&v->it_value) &&
	    timer_start(&real, clock_uptime_ns() + ns_of(&v->it_value),
			expired)) {
		arch_irq_restore(flags);
		return (int)fd_ret(-EAGAIN);
	}
	arch_irq_restore(flags);
	if (old)
		*old = was;
	return 0;
}

unsigned alarm(unsigned seconds)
{
	struct itimerval v = { { 0, 0 }, { (time_t)seconds, 0 } }, old;

	if (setitimer(ITIMER_REAL, &v, &old))
		return 0;
	/* POSIX: whole seconds left, a part of one counted as one. */
	return (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec > 0);
}

useconds_t ualarm(useconds_t usecs, useconds_t interval)
{
	struct itimerval v = { { (time_t)(interval / 1000000),
				 (suseconds_t)(interval % 1000000) },
			       { (time_t)(usecs / 1000000),
				 (suseconds_t)(usecs % 1000000) } },
			 old;

	if (setitimer(ITIMER_REAL, &v, &old))
		return (useconds_t)-1;
	return (useconds_t)(old.it_value.tv_sec * 1000000 +
			    old.it_value.tv_usec);
}
