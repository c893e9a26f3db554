/* SPDX-License-Identifier: MIT */
/*
 * semaphore.c: POSIX unnamed semaphores on a wait queue. Errors go to
 * errno, as POSIX specifies for sem_*.
 */
#include <errno.h>
#include <semaphore.h>
#include <ukos/arch.h>

#include "fd.h"
#include "threads.h"

struct sem {
	struct waitq wq;
	unsigned value;
};
LIB_OBJECT(sem, sem_t)

int sem_init(sem_t *s, int pshared, unsigned value)
{
	(void)pshared; /* one process: shared or not is the same */
	if (value > SEM_VALUE_MAX)
		return (int)fd_ret(-EINVAL);
	*s = (sem_t){ 0, 0, value };
	return 0;
}

int sem_destroy(sem_t *s)
{
	return tqueue_empty(&sem_of(s)->wq.q) ? 0 : (int)fd_ret(-EBUSY);
}

static int take(sem_t *sp, uint64_t deadline, bool try)
{
	struct sem *s = sem_of(sp);
	unsigned long flags = arch_irq_save();
	int err = 0;

	while (!err && s->value == 0)
		err = try ? -EAGAIN
			  : waitq_wait_intr(&s->wq, deadline, "semaphore",
					    WAITQ_RESTART); /* EINTR, or under
						      SA_RESTART on (POSIX) */
	if (!err)
		s->value--;
	arch_irq_restore(flags);
	return (int)fd_ret(err);
}

int sem_wait(sem_t *s)
{
	return take(s, WAIT_FOREVER, false);
}

int sem_trywait(sem_t *s)
{
	return take(s, WAIT_FOREVER, true);
}

int sem_timedwait(sem_t *s, const struct timespec *abs)
{
	uint64_t deadline;

	if (take(s, WAIT_FOREVER, true) == 0)
		return 0;
	if (clock_deadline_ns(CLOCK_REALTIME, abs, &deadline))
		return (int)fd_ret(-EINVAL);
	return take(s, deadline, false);
}

int sem_post(sem_t *sp)
{
	struct sem *s = sem_of(sp);
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (s->value >= SEM_VALUE_MAX)
		err = -EOVERFLOW;
	else {
		s->value++;
		waitq_wake_one(&s->wq);
	}
	arch_irq_restore(flags);
	return (int)fd_ret(err);
}

int sem_getvalue(sem_t *s, int *value)
{
	*value = (int)sem_of(s)->value;
	return 0;
}
