/* SPDX-License-Identifier: MIT */
/*
 * pthread_rwlock.c: reader-writer locks. Writers are preferred: once one
 * waits, new readers queue behind it, so a stream of readers cannot
 * starve writers. Every release wakes all waiters to re-check (few
 * waiters, one CPU).
 */
#include <errno.h>
#include <pthread.h>
#include <ukos/arch.h>

#include "threads.h"

struct prwlock {
	struct waitq wq;
	struct thread *writer;
	unsigned readers;
	unsigned writers_waiting;
};
LIB_OBJECT(prwlock, pthread_rwlock_t)

int pthread_rwlockattr_init(pthread_rwlockattr_t *a)
{
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a)
{
	(void)a;
	*l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	struct prwlock *r = prwlock_of(l);

	return r->writer || r->readers ? EBUSY : 0;
}

static bool can_read(const struct prwlock *r)
{
	return !r->writer && !r->writers_waiting;
}

static bool can_write(const struct prwlock *r)
{
	return !r->writer && !r->readers;
}

/* Wait for a change: 0 or ETIMEDOUT. A signal handler may run meanwhile;
 * then the wait goes on (POSIX: never EINTR). Interrupts disabled. */
static int wait(struct prwlock *r, uint64_t deadline, const char *why)
{
	int err = waitq_wait_intr(&r->wq, deadline, why, WAITQ_RESTART);

	return err == -ETIMEDOUT ? ETIMEDOUT : 0;
}

static int rdlock(pthread_rwlock_t *l, uint64_t deadline, bool try)
{
	struct prwlock *r = prwlock_of(l);
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (r->writer == sched_current())
		err = EDEADLK;
	while (!err && !can_read(r))
		err = try ? EBUSY : wait(r, deadline, "rwlock read");
	if (!err)
		r->readers++;
	arch_irq_restore(flags);
	return err;
}

static int wrlock(pthread_rwlock_t *l, uint64_t deadline, bool try)
{
	struct prwlock *r = prwlock_of(l);
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (r->writer == sched_current())
		err = EDEADLK;
	else if (!can_write(r) && try)
		err = EBUSY;
	r->writers_waiting++;
	while (!err && !can_write(r))
		err = wait(r, deadline, "rwlock write");
	r->writers_waiting--;
	if (!err)
		r->writer = sched_current();
	else if (!r->writer && !r->writers_waiting)
		waitq_wake_all(&r->wq); /* readers held back by us */
	arch_irq_restore(flags);
	return err;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	return rdlock(l, WAIT_FOREVER, false);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	return rdlock(l, WAIT_FOREVER, true);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	uint64_t deadline;

	if (pthread_rwlock_tryrdlock(l) == 0)
		return 0;
	if (clock_deadline_ns(CLOCK_REALTIME, abs, &deadline))
		return EINVAL;
	return rdlock(l, deadline, false);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	return wrlock(l, WAIT_FOREVER, false);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	return wrlock(l, WAIT_FOREVER, true);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	uint64_t deadline;

	if (pthread_rwlock_trywrlock(l) == 0)
		return 0;
	if (clock_deadline_ns(CLOCK_REALTIME, abs, &deadline))
		return EINVAL;
	return wrlock(l, deadline, false);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	struct prwlock *r = prwlock_of(l);
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (r->writer == sched_current())
		r->writer = NULL;
	else if (r->readers)
		r->readers--;
	else
		err = EPERM;
	if (!err && !r->writer && !r->readers)
		waitq_wake_all(&r->wq);
	arch_irq_restore(flags);
	return err;
}
