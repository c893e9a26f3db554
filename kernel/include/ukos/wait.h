/* SPDX-License-Identifier: MIT */
/*
 * wait.h: blocking — wait queues with deadlines, and the kernel mutex the
 * pthread mutexes and newlib's locks are made of.
 */
#ifndef UKOS_WAIT_H
#define UKOS_WAIT_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <ukos/thread.h>

/* No deadline: wait until woken. */
#define WAIT_FOREVER 0

/*
 * Block the caller on wq (NULL: on nothing, a plain sleep) until a wake
 * or the monotonic clock reaches deadline (ns; WAIT_FOREVER: none).
 * Returns 0 when woken, -ETIMEDOUT at the deadline. The caller checks its
 * condition and calls this with interrupts disabled, so no wake is lost;
 * they are disabled again on return. Thread context.
 */
int waitq_wait(struct waitq *wq, uint64_t deadline, const char *why);

/*
 * waitq_wait, cut short when lib/ interrupts the thread (thread_interrupt)
 * or has already: the upcall (thread_upcall) then runs here. Returns 0
 * (woken, or an upcall that ran nothing or, with WAITQ_RESTART, lets the
 * call go on: check and wait again), -ETIMEDOUT, or -EINTR (the call
 * fails). A wait that ends as a signal comes runs the
 * upcall on the way out too, unless WAITQ_HANDOFF says the wake handed
 * the caller something (a lock) a handler must not run under. Same
 * context rules as waitq_wait; locks the caller still holds must be ones
 * a handler may run under (the app's).
 */
#define WAITQ_RESTART 1
#define WAITQ_HANDOFF 2
int waitq_wait_intr(struct waitq *wq, uint64_t deadline, const char *why,
		    int flags);

/* Set t->intr and cut short its interruptible wait, if it is in one.
 * Interrupts disabled; any context. */
void thread_interrupt(struct thread *t);

/* Sleep until deadline (ns, monotonic) unless interrupted: 0 or -EINTR
 * (then the upcall has run). Thread context. */
int timer_sleep_intr(uint64_t deadline);

/* Wake the longest waiter / every waiter. Returns whether / how many
 * were woken. Interrupts disabled; any context. */
bool waitq_wake_one(struct waitq *wq);
unsigned waitq_wake_all(struct waitq *wq);

/*
 * A sleeping lock with an owner, handed to the longest waiter on unlock
 * (no starvation). Not recursive: callers count depth themselves. Zeroed
 * memory is an unlocked one. owner is the owning thread's address, with
 * KMUTEX_WAITERS set while threads may be queued: taking a free lock and
 * releasing one nobody waits for are then one compare-and-swap each.
 */
struct kmutex {
	uintptr_t owner;
	struct waitq waiters;
};
#define KMUTEX_WAITERS 1ul

/* The owner word from from to to, atomically; false if it was not from. */
static inline bool kmutex_swap(struct kmutex *m, uintptr_t from, uintptr_t to)
{
	return __atomic_compare_exchange_n(&m->owner, &from, to, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* kmutex.c: the paths that queue and wake. */
int kmutex_lock_slow(struct kmutex *m, uint64_t deadline);
void kmutex_unlock_slow(struct kmutex *m);

/* Take m if it is free. 0 or -EBUSY. Thread context. */
static inline int kmutex_trylock(struct kmutex *m)
{
	struct thread *self = sched_current();

	if (!kmutex_swap(m, 0, (uintptr_t)self))
		return -EBUSY;
	self->locks++;
	return 0;
}

/* Take m, blocking until deadline (WAIT_FOREVER: none). 0 or -ETIMEDOUT.
 * Thread context. */
static inline int kmutex_lock(struct kmutex *m, uint64_t deadline)
{
	if (kmutex_trylock(m) == 0)
		return 0;
	return kmutex_lock_slow(m, deadline);
}

/* Release m, which the caller holds. Thread context. */
static inline void kmutex_unlock(struct kmutex *m)
{
	struct thread *self = sched_current();

	if (!kmutex_swap(m, (uintptr_t)self, 0))
		kmutex_unlock_slow(m);
	if (!--self->locks && self->intr)
		thread_upcall_point();
}

/* Whether the caller holds m. */
static inline bool kmutex_held(const struct kmutex *m)
{
	return (m->owner & ~KMUTEX_WAITERS) == (uintptr_t)sched_current();
}

#endif
