/* SPDX-License-Identifier: MIT */
/*
 * waitq.c: waiting for a wake-up or a deadline, whichever comes first.
 */
#include <errno.h>
#include <ukos/clock.h>
#include <ukos/crash.h>
#include <ukos/wait.h>

/* End t's wait early: off its queue, why set, ready to run. */
static void cut_short(struct thread *t, bool *why)
{
	if (t->queue)
		tqueue_remove(t->queue, t);
	*why = true;
	sched_wake(t);
}

/* The deadline passed: take the thread off its queue and let it run. */
static void timed_out(struct timer *tm)
{
	struct thread *t =
		(struct thread *)((char *)tm - offsetof(struct thread, timer));

	/* Woken already (a wake and the deadline at once): the wake counts,
	 * since a mutex may have been handed over with it. */
	if (t->state == THREAD_BLOCKED)
		cut_short(t, &t->timed_out);
}

int waitq_wait(struct waitq *wq, uint64_t deadline, const char *why)
{
	struct thread *self = sched_current();

	self->timed_out = false;
	if (deadline != WAIT_FOREVER) {
		if (clock_uptime_ns() >= deadline)
			return -ETIMEDOUT;
		/* thread_create reserved a timer slot for every thread. */
		if (timer_start(&self->timer, deadline, timed_out) != 0)
			ukos_panic("no timer slot for a waiting thread");
	}
	if (wq)
		tqueue_push(&wq->q, self);
	sched_block(why);
	if (deadline != WAIT_FOREVER)
		timer_cancel(&self->timer);
	return self->timed_out ? -ETIMEDOUT : 0;
}

int waitq_wait_intr(struct waitq *wq, uint64_t deadline, const char *why,
		    int flags)
{
	struct thread *self = sched_current();
	int err, ran;

	/* Locks held here are not the wait's own (it let go of those): the
	 * caller's, as on Linux, where a handler runs under them too. */
	if (!self->intr) {
		self->intr_wait = true;
		self->interrupted = false;
		err = waitq_wait(wq, deadline, why);
		self->intr_wait = false;
		if (!self->interrupted) {
			/* Woken or timed out as a signal came: the wait
			 * stands, and the handler runs on the way out (as
			 * Linux runs it at the system call's return), not
			 * in the next wait, which it would cut short. */
			if (self->intr && thread_upcall &&
			    !(flags & WAITQ_HANDOFF))
				thread_upcall();
			return err;
		}
	}
	/* The caller checks its condition again after a 0: the handler may
	 * have changed anything meanwhile. */
	ran = thread_upcall ? thread_upcall() : THREAD_UPCALL_NONE;
	if (ran == THREAD_UPCALL_NONE ||
	    (ran == THREAD_UPCALL_RESTART && (flags & WAITQ_RESTART)))
		return 0;
	return -EINTR;
}

void thread_interrupt(struct thread *t)
{
	t->intr = true;
	if (t->state == THREAD_BLOCKED && t->intr_wait && !t->interrupted)
		cut_short(t, &t->interrupted);
}

bool waitq_wake_one(struct waitq *wq)
{
	struct thread *t = tqueue_pop(&wq->q);

	if (t)
		sched_wake(t);
	return t != NULL;
}

unsigned waitq_wake_all(struct waitq *wq)
{
	unsigned n = 0;

	while (waitq_wake_one(wq))
		n++;
	return n;
}
