/* SPDX-License-Identifier: MIT */
/*
 * wait.h: blocking — wait queues with deadlines, and the kernel mutex the
 * pthread mutexes and newlib's locks are made of.
 */
#ifndef UKOS_WAIT_H
#define UKOS_WAIT_H

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

/* Wake the longest waiter / every waiter. Returns whether / how many
 * were woken. Interrupts disabled; any context. */
bool waitq_wake_one(struct waitq *wq);
unsigned waitq_wake_all(struct waitq *wq);

/*
 * A sleeping lock with an owner, handed to the longest waiter on unlock
 * (no starvation). Not recursive: callers count depth themselves. Zeroed
 * memory is an unlocked one.
 */
struct kmutex {
	struct thread *owner;
	struct waitq waiters;
};

/* Take m, blocking until deadline (WAIT_FOREVER: none). 0 or -ETIMEDOUT.
 * Thread context. */
int kmutex_lock(struct kmutex *m, uint64_t deadline);

/* Take m if it is free. 0 or -EBUSY. Thread context. */
int kmutex_trylock(struct kmutex *m);

/* Release m, which the caller holds. Thread context. */
void kmutex_unlock(struct kmutex *m);

/* Whether the caller holds m. */
static inline bool kmutex_held(const struct kmutex *m)
{
	return m->owner && m->owner == sched_current();
}

#endif
