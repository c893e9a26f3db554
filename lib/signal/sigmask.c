/* SPDX-License-Identifier: MIT */
/*
 * sigmask.c: each thread's mask, and waiting for signals — sigprocmask
 * and pthread_sigmask (the same here: the calling thread's mask, as on
 * Linux), sigpending, sigsuspend, pause, and the sigwait family, which
 * takes a blocked signal without running its handler.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/wait.h>
#include <unistd.h>

#include "../fd.h"
#include "sig.h"

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	struct thread *self = sched_current();
	uint64_t mask = self->sig_mask, want;
	unsigned long flags;

	if (set) {
		want = *set; /* read before *old is written: they may alias */
		switch (how) {
		case SIG_BLOCK:
			mask |= want;
			break;
		case SIG_UNBLOCK:
			mask &= ~want;
			break;
		case SIG_SETMASK:
			mask = want;
			break;
		default:
			return EINVAL;
		}
	}
	if (old)
		*old = self->sig_mask;
	if (!set)
		return 0;
	flags = arch_irq_save();
	self->sig_mask = mask & ~SIG_UNBLOCKABLE;
	signal_update(self);
	arch_irq_restore(flags);
	signal_deliver_now(); /* POSIX: one unblocked now is delivered here */
	return 0;
}

uint64_t signal_mask_swap(const sigset_t *mask, bool *interrupted)
{
	struct thread *self = sched_current();
	unsigned long flags = arch_irq_save();
	uint64_t old = self->sig_mask;

	*interrupted = false;
	if (mask) {
		self->sig_mask = *mask & ~SIG_UNBLOCKABLE;
		signal_update(self);
		*interrupted = (self->sig_pending | signal_process.pending) &
			       ~self->sig_mask;
	}
	arch_irq_restore(flags);
	if (*interrupted)
		signal_deliver_now(); /* under mask, as the wait would have */
	return old;
}

void signal_mask_restore(const sigset_t *mask, uint64_t old)
{
	struct thread *self = sched_current();
	unsigned long flags;

	if (!mask)
		return;
	flags = arch_irq_save();
	self->sig_mask = old;
	signal_update(self);
	arch_irq_restore(flags);
	signal_deliver_now(); /* what old lets in and came meanwhile */
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return (int)fd_ret(-pthread_sigmask(how, set, old));
}

int sigpending(sigset_t *set)
{
	struct thread *self = sched_current();
	unsigned long flags = arch_irq_save();

	*set = (self->sig_pending | signal_process.pending) & self->sig_mask;
	arch_irq_restore(flags);
	return 0;
}

/* Wait until a handler has run (-1, EINTR), with mask in place
 * meanwhile if there is one. */
static int wait_for_handler(const sigset_t *mask, const char *why)
{
	struct thread *self = sched_current();
	unsigned long flags = arch_irq_save();
	uint64_t old = self->sig_mask;

	if (mask) {
		self->sig_mask = *mask & ~SIG_UNBLOCKABLE;
		signal_update(self);
	}
	while (waitq_wait_intr(NULL, WAIT_FOREVER, why, 0) == 0)
		;
	if (mask) {
		self->sig_mask = old;
		signal_update(self);
	}
	arch_irq_restore(flags);
	return (int)fd_ret(-EINTR);
}

int sigsuspend(const sigset_t *mask)
{
	return wait_for_handler(mask, "sigsuspend");
}

int pause(void)
{
	return wait_for_handler(NULL, "pause");
}

/* Take a signal of set, waiting until timeout (NULL: none) for one. The
 * signal number, or -EAGAIN at the timeout, -EINTR if a handler of
 * another signal ran, -EINVAL for a bad timeout. */
static int wait_for_signal(const sigset_t *set, siginfo_t *info,
			   const struct timespec *timeout)
{
	struct thread *self = sched_current();
	uint64_t want = *set & ~SIG_UNBLOCKABLE, deadline = WAIT_FOREVER;
	siginfo_t got;
	unsigned long flags;
	int sig, err = 0;

	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
		    timeout->tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = clock_uptime_ns() +
			   (uint64_t)timeout->tv_sec * 1000000000u +
			   (uint64_t)timeout->tv_nsec;
		if (!deadline)
			deadline = 1;
	}
	flags = arch_irq_save();
	self->sig_waiting = want;
	while (!(sig = signal_take(want, &got)) && !err)
		err = waitq_wait_intr(NULL, deadline, "sigwait", 0);
	self->sig_waiting = 0;
	signal_update(self);
	arch_irq_restore(flags);
	if (!sig)
		return err == -ETIMEDOUT ? -EAGAIN : err;
	if (info)
		*info = got;
	return sig;
}

int sigtimedwait(const sigset_t *set, siginfo_t *info,
		 const struct timespec *timeout)
{
	return (int)fd_ret(wait_for_signal(set, info, timeout));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return (int)fd_ret(wait_for_signal(set, info, NULL));
}

/* POSIX: sigwait returns the error rather than setting errno, and is not
 * cut short by a handler. */
int sigwait(const sigset_t *set, int *sig)
{
	int r;

	while ((r = wait_for_signal(set, NULL, NULL)) == -EINTR)
		;
	if (r < 0)
		return -r;
	*sig = r;
	return 0;
}
