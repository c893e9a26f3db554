/* SPDX-License-Identifier: MIT */
/*
 * kmutex.c: the kernel's sleeping lock, its slow paths. Uncontended, lock
 * and unlock are a compare-and-swap on the owner word (inline, wait.h); a
 * thread about to block first sets
 * KMUTEX_WAITERS in it (interrupts off), which sends the owner's unlock
 * down the slow path. Unlock hands the lock straight to the longest
 * waiter, so a thread that unlocks and relocks in a loop cannot starve
 * the others.
 */
#include <errno.h>
#include <ukos/arch.h>
#include <ukos/wait.h>

/* A thread that holds no other kernel mutex may have a signal handler
 * run while it waits (POSIX: then it waits on); one inside a locked
 * section of the kernel or libc waits uninterrupted. */
int kmutex_lock_slow(struct kmutex *m, uint64_t deadline)
{
	struct thread *me = sched_current();
	uintptr_t self = (uintptr_t)me;
	unsigned long flags = arch_irq_save();
	int err = 0;

	for (;;) {
		if (!m->owner) {
			m->owner = self;
			break;
		}
		m->owner |= KMUTEX_WAITERS;
		err = me->locks ? waitq_wait(&m->waiters, deadline, "mutex")
				: waitq_wait_intr(&m->waiters, deadline,
						  "mutex", WAITQ_HANDOFF);
		/* Woken, not timed out: kmutex_unlock made us the owner;
		 * else a handler ran and we were taken off the queue. */
		if (err == -ETIMEDOUT || (m->owner & ~KMUTEX_WAITERS) == self)
			break;
		err = 0;
	}
	if (!err)
		me->locks++;
	arch_irq_restore(flags);
	return err;
}

void kmutex_unlock_slow(struct kmutex *m)
{
	unsigned long flags = arch_irq_save();
	struct thread *next = tqueue_pop(&m->waiters.q);

	m->owner = !next ? 0
		   : tqueue_empty(&m->waiters.q)
			   ? (uintptr_t)next
			   : (uintptr_t)next | KMUTEX_WAITERS;
	if (next)
		sched_wake(next);
	arch_irq_restore(flags);
}
