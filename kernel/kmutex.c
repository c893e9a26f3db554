/* SPDX-License-Identifier: MIT */
/*
 * kmutex.c: the kernel's sleeping lock. Unlock hands the lock straight to
 * the longest waiter, so a thread that unlocks and relocks in a loop
 * cannot starve the others.
 */
#include <errno.h>
#include <ukos/arch.h>
#include <ukos/wait.h>

int kmutex_lock(struct kmutex *m, uint64_t deadline)
{
	unsigned long flags = arch_irq_save();
	struct thread *self = sched_current();
	int err = 0;

	if (!m->owner)
		m->owner = self;
	else
		err = waitq_wait(&m->waiters, deadline, "mutex");
	/* Woken (not timed out) means kmutex_unlock made us the owner. */
	arch_irq_restore(flags);
	return err;
}

int kmutex_trylock(struct kmutex *m)
{
	unsigned long flags = arch_irq_save();
	int err = -EBUSY;

	if (!m->owner) {
		m->owner = sched_current();
		err = 0;
	}
	arch_irq_restore(flags);
	return err;
}

void kmutex_unlock(struct kmutex *m)
{
	unsigned long flags = arch_irq_save();
	struct thread *next = tqueue_pop(&m->waiters.q);

	m->owner = next;
	if (next)
		sched_wake(next);
	arch_irq_restore(flags);
}
