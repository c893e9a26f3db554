/* SPDX-License-Identifier: MIT */
/*
 * pthread_cond.c: condition variables on a wait queue. With interrupts
 * off between releasing the mutex and queueing, a signal sent after the
 * release can never be missed (one CPU).
 */
#include <errno.h>
#include <pthread.h>
#include <ukos/arch.h>

#include "threads.h"

struct pcond {
	struct waitq wq;
	int clock; /* for timedwait's abstime; 0: CLOCK_REALTIME */
};
LIB_OBJECT(pcond, pthread_cond_t)

int pthread_condattr_init(pthread_condattr_t *a)
{
	*a = (pthread_condattr_t){ (int)CLOCK_REALTIME,
				   PTHREAD_PROCESS_PRIVATE };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t id)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return EINVAL;
	a->__clock = id;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *a, clockid_t *id)
{
	*id = a->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE &&
	    pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *a, int *pshared)
{
	*pshared = a->__pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	pcond_of(c)->clock = a ? a->__clock : (int)CLOCK_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return tqueue_empty(&pcond_of(c)->wq.q) ? 0 : EBUSY;
}

/* Release mp entirely (a recursive one too), wait, take it back. A
 * signal handler that runs meanwhile ends the wait: EINTR (restart: a
 * handler under SA_RESTART lets it go on). */
int pthread_cond_wait_intr(pthread_cond_t *c, pthread_mutex_t *mp,
			   uint64_t deadline, bool restart)
{
	struct pmutex *m = pmutex_of(mp);
	unsigned long flags;
	unsigned depth;
	int err;

	if (!kmutex_held(&m->m))
		return EPERM;
	flags = arch_irq_save();
	depth = m->depth;
	m->depth = 0;
	kmutex_unlock(&m->m);
	err = waitq_wait_intr(&pcond_of(c)->wq, deadline, "condition",
			      restart ? WAITQ_RESTART : 0);
	arch_irq_restore(flags);
	kmutex_lock(&m->m, WAIT_FOREVER);
	m->depth = depth;
	return -err;
}

/* POSIX: never EINTR; a wait a handler ended is a spurious wake-up. */
static int wait(pthread_cond_t *c, pthread_mutex_t *mp, uint64_t deadline)
{
	int err = pthread_cond_wait_intr(c, mp, deadline, true);

	return err == EINTR ? 0 : err;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *mp)
{
	return wait(c, mp, WAIT_FOREVER);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *mp,
			   const struct timespec *abs)
{
	uint64_t deadline;

	if (clock_deadline_ns(pcond_of(c)->clock, abs, &deadline))
		return EINVAL;
	return wait(c, mp, deadline);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	unsigned long flags = arch_irq_save();

	waitq_wake_one(&pcond_of(c)->wq);
	arch_irq_restore(flags);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	unsigned long flags = arch_irq_save();

	waitq_wake_all(&pcond_of(c)->wq);
	arch_irq_restore(flags);
	return 0;
}
