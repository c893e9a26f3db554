/* SPDX-License-Identifier: MIT */
/*
 * posix_timer.c: timer_create and friends on CLOCK_REALTIME and
 * CLOCK_MONOTONIC. An expiry sends the timer's signal to the process
 * (SIGEV_SIGNAL, si_code SI_TIMER with its value; one sent while the
 * last is still pending counts as an overrun), does nothing (SIGEV_NONE),
 * or calls the function in the timer's own thread (SIGEV_THREAD, as
 * glibc does it in a thread of its own; expiries it has not got to yet
 * are overruns). The CPU-time clocks have no timers here (ENOTSUP).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/timer.h>
#include <ukos/wait.h>

#include "../fd.h"
#include "../threads.h"
#include "sig.h"

#define NS_PER_S   1000000000ull
#define TIMERS_MAX 4096 /* Linux's default is the signal queue's length */

struct ptimer {
	struct timer t; /* first: the expiry finds us from it */
	clockid_t clock;
	struct sigevent ev;
	uint64_t interval_ns;
	int overrun, last_overrun;
	int id;
	/* SIGEV_THREAD: expiries to run, the thread waits on wq. */
	unsigned due;
	bool deleted;
	struct waitq wq;
};

static struct ptimer *timers[TIMERS_MAX];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Add n expiries to the overrun count, which stops at DELAYTIMER_MAX. */
static void overran(struct ptimer *p, uint64_t n)
{
	p->overrun = n >= (uint64_t)(INT_MAX - p->overrun)
			     ? INT_MAX
			     : p->overrun + (int)n;
}

/* A periodic timer's next deadline after the one that passed, at least
 * REARM_NS ahead: expiries missed meanwhile (a busy CPU, or an interval
 * shorter than an interrupt takes) are counted as overruns, not run one
 * by one, or the CPU would do nothing but expire them. */
#define REARM_NS 20000ull

static uint64_t next_deadline(struct ptimer *p, uint64_t now)
{
	uint64_t missed = (now + REARM_NS - p->t.deadline) / p->interval_ns;

	overran(p, missed);
	return p->t.deadline + (missed + 1) * p->interval_ns;
}

/* The timer's signal taken (sigstate.c): its overruns until then are
 * what timer_getoverrun and si_overrun say. Interrupts disabled. */
static int taken(int id)
{
	struct ptimer *p = id >= 0 && id < TIMERS_MAX ? timers[id] : NULL;

	if (!p)
		return 0;
	p->last_overrun = p->overrun;
	p->overrun = 0;
	return p->last_overrun;
}

static void expired(struct timer *t)
{
	struct ptimer *p = (struct ptimer *)t;
	int sig = p->ev.sigev_signo;
	siginfo_t info = { .si_signo = sig,
			   .si_code = SI_TIMER,
			   .si_value = p->ev.sigev_value,
			   .si_timerid = p->id };

	if (p->interval_ns)
		timer_start(t, next_deadline(p, clock_uptime_ns()), expired);
	if (p->ev.sigev_notify == SIGEV_THREAD) {
		if (p->due++)
			overran(p, 1);
		waitq_wake_one(&p->wq);
	} else if (p->ev.sigev_notify == SIGEV_SIGNAL) {
		/* POSIX: one signal per timer at a time, the rest overruns */
		if (signal_process.pending & SIG_BIT(sig) &&
		    signal_process.info[sig].si_code == SI_TIMER &&
		    signal_process.info[sig].si_timerid == p->id)
			overran(p, 1);
		else
			signal_send(NULL, sig, &info);
	}
}

/* SIGEV_THREAD: run the function once per expiry until deleted. */
static void *notifier(void *arg)
{
	struct ptimer *p = arg;
	unsigned long flags = arch_irq_save();

	for (;;) {
		while (!p->due && !p->deleted)
			waitq_wait(&p->wq, WAIT_FOREVER, "timer");
		if (p->deleted)
			break;
		p->due = 0;
		p->last_overrun = p->overrun;
		p->overrun = 0;
		arch_irq_restore(flags);
		p->ev.sigev_notify_function(p->ev.sigev_value);
		flags = arch_irq_save();
	}
	arch_irq_restore(flags);
	free(p);
	return NULL;
}

static int start_notifier(struct ptimer *p)
{
	pthread_attr_t attr;
	pthread_t th;
	sigset_t all, old;
	int err;

	if (p->ev.sigev_notify_attributes)
		attr = *p->ev.sigev_notify_attributes;
	else
		pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* It takes no signals (glibc's helper blocks them too). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&th, &attr, notifier, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return -err;
}

static int create(clockid_t clock, const struct sigevent *ev, timer_t *out)
{
	struct ptimer *p;
	int id, err;

	if (clock == CLOCK_PROCESS_CPUTIME_ID ||
	    clock == CLOCK_THREAD_CPUTIME_ID)
		return -ENOTSUP;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -EINVAL;
	if (ev && ev->sigev_notify != SIGEV_SIGNAL &&
	    ev->sigev_notify != SIGEV_NONE && ev->sigev_notify != SIGEV_THREAD)
		return -EINVAL;
	if (ev && ev->sigev_notify == SIGEV_SIGNAL &&
	    !signal_valid(ev->sigev_signo))
		return -EINVAL;
	if (ev && ev->sigev_notify == SIGEV_THREAD &&
	    !ev->sigev_notify_function)
		return -EINVAL;
	if (!(p = calloc(1, sizeof(*p))))
		return -EAGAIN;
	p->clock = clock;
	/* POSIX: no sigevent is SIGALRM with the timer's id as its value. */
	p->ev = ev ? *ev
		   : (struct sigevent){ .sigev_notify = SIGEV_SIGNAL,
					.sigev_signo = SIGALRM };
	pthread_mutex_lock(&lock);
	for (id = 0; id < TIMERS_MAX && timers[id]; id++)
		;
	err = id == TIMERS_MAX ? -EAGAIN : timer_reserve_more(1) ? -EAGAIN : 0;
	if (!err) {
		p->id = id;
		if (!ev)
			p->ev.sigev_value.sival_int = id;
		if (p->ev.sigev_notify == SIGEV_THREAD &&
		    (err = start_notifier(p)))
			timer_reserve_more(-1);
	}
	if (err) {
		pthread_mutex_unlock(&lock);
		free(p);
		return err == -ENOMEM ? -EAGAIN : err;
	}
	timers[id] = p;
	pthread_mutex_unlock(&lock);
	thread_upcall = signal_deliver;
	signal_timer_taken = taken;
	*out = (timer_t)(uintptr_t)(id + 1);
	return 0;
}

int timer_create(clockid_t clock, struct sigevent *ev, timer_t *out)
{
	return (int)fd_ret(create(clock, ev, out));
}

/* The timer id names, with the lock taken; NULL (and the lock not held)
 * if there is none. */
static struct ptimer *find(timer_t id)
{
	uintptr_t n = (uintptr_t)id;
	struct ptimer *p;

	pthread_mutex_lock(&lock);
	p = n >= 1 && n <= TIMERS_MAX ? timers[n - 1] : NULL;
	if (!p)
		pthread_mutex_unlock(&lock);
	return p;
}

int timer_delete(timer_t id)
{
	struct ptimer *p;
	unsigned long flags;

	if (!(p = find(id)))
		return (int)fd_ret(-EINVAL);
	timers[p->id] = NULL;
	pthread_mutex_unlock(&lock);
	flags = arch_irq_save();
	timer_cancel(&p->t);
	if (p->ev.sigev_notify == SIGEV_THREAD) {
		p->deleted = true; /* its thread frees it */
		waitq_wake_one(&p->wq);
		p = NULL;
	}
	arch_irq_restore(flags);
	free(p);
	timer_reserve_more(-1);
	return 0;
}

static bool valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < 1000000000 &&
	       (uint64_t)ts->tv_sec < UINT64_MAX / 4 / NS_PER_S;
}

static uint64_t ns_of(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NS_PER_S + (uint64_t)ts->tv_nsec;
}

static struct timespec timespec_of(uint64_t ns)
{
	return (struct timespec){ (time_t)(ns / NS_PER_S),
				  (long)(ns % NS_PER_S) };
}

static void current(const struct ptimer *p, struct itimerspec *v)
{
	uint64_t now = clock_uptime_ns();

	v->it_value = timespec_of(
		p->t.slot && p->t.deadline > now ? p->t.deadline - now : 0);
	if (p->t.slot && !v->it_value.tv_sec && !v->it_value.tv_nsec)
		v->it_value.tv_nsec = 1; /* armed: never reads as disarmed */
	v->it_interval = timespec_of(p->interval_ns);
}

static int settime(timer_t id, int flags, const struct itimerspec *v,
		   struct itimerspec *old)
{
	struct ptimer *p;
	uint64_t deadline = 0;
	unsigned long irq;
	struct itimerspec was;
	int err = 0;

	if (!v || !valid(&v->it_value) || !valid(&v->it_interval))
		return -EINVAL;
	if (!(p = find(id)))
		return -EINVAL;
	if (ns_of(&v->it_value) && (flags & TIMER_ABSTIME))
		err = clock_deadline_ns(p->clock, &v->it_value, &deadline);
	else if (ns_of(&v->it_value))
		deadline = clock_uptime_ns() + ns_of(&v->it_value);
	irq = arch_irq_save();
	current(p, &was);
	timer_cancel(&p->t);
	p->interval_ns = ns_of(&v->it_interval);
	if (!err && deadline)
		err = timer_start(&p->t, deadline, expired) ? -EAGAIN : 0;
	arch_irq_restore(irq);
	pthread_mutex_unlock(&lock);
	if (!err && old)
		*old = was;
	return err;
}

int timer_settime(timer_t id, int flags, const struct itimerspec *v,
		  struct itimerspec *old)
{
	return (int)fd_ret(settime(id, flags, v, old));
}

int timer_gettime(timer_t id, struct itimerspec *v)
{
	struct ptimer *p;
	unsigned long irq;

	if (!(p = find(id)))
		return (int)fd_ret(-EINVAL);
	irq = arch_irq_save();
	current(p, v);
	arch_irq_restore(irq);
	pthread_mutex_unlock(&lock);
	return 0;
}

int timer_getoverrun(timer_t id)
{
	struct ptimer *p;
	int n;

	if (!(p = find(id)))
		return (int)fd_ret(-EINVAL);
	n = p->last_overrun;
	pthread_mutex_unlock(&lock);
	return n;
}
