/* SPDX-License-Identifier: MIT */
/*
 * sigsend.c: sending signals — to the process (kill, sigqueue, timers) or
 * to one thread (raise, pthread_kill, abort) — and choosing the thread
 * that takes a process signal: the sender if it does not block it
 * (POSIX: delivered before kill() returns), else the first that does not.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/wait.h>
#include <unistd.h>

#include "../fd.h"
#include "../threads.h"
#include "sig.h"

#define UKOS_PID 1

struct signal_process signal_process;

/* Whether t takes sig now: does not block it, or waits for it. */
static bool takes(const struct thread *t, int sig)
{
	return !(t->sig_mask & SIG_BIT(sig)) || (t->sig_waiting & SIG_BIT(sig));
}

/* A thread that takes sig now: prefer, which may be NULL, if it does. */
static struct thread *taker(int sig, struct thread *prefer)
{
	if (prefer && !sched_is_idle(prefer) && takes(prefer, sig))
		return prefer;
	for (struct thread *t = thread_next(NULL); t; t = thread_next(t))
		if (takes(t, sig))
			return t;
	return NULL;
}

void signal_update(struct thread *t)
{
	uint64_t blocked =
		signal_process.pending & t->sig_mask & ~t->sig_waiting;

	t->intr = signal_deliverable(t) != 0;
	for (int sig = 1; blocked; sig++, blocked >>= 1) {
		struct thread *other;
		if ((blocked & 1) && (other = taker(sig, NULL)))
			thread_interrupt(other);
	}
}

void signal_send(struct thread *t, int sig, const siginfo_t *info)
{
	struct thread *to = t ? t : taker(sig, sched_current());

	if (signal_ignored(sig) && to && !(to->sig_mask & SIG_BIT(sig)))
		return;
	thread_upcall = signal_deliver;
	if (t) {
		t->sig_pending |= SIG_BIT(sig);
	} else if (!(signal_process.pending & SIG_BIT(sig))) {
		signal_process.pending |= SIG_BIT(sig);
		signal_process.info[sig] = *info;
	}
	if (to && takes(to, sig))
		thread_interrupt(to);
}

int signal_take(uint64_t set, siginfo_t *info)
{
	struct thread *self = sched_current();
	uint64_t own = self->sig_pending & set;
	uint64_t mine = own ? own : signal_process.pending & set;
	int sig;

	if (!mine)
		return 0;
	sig = __builtin_ctzll(mine) + 1;
	if (own) {
		self->sig_pending &= ~SIG_BIT(sig);
		*info = (siginfo_t){ .si_signo = sig,
				     .si_code = SI_TKILL,
				     .si_pid = UKOS_PID };
	} else {
		signal_process.pending &= ~SIG_BIT(sig);
		*info = signal_process.info[sig];
	}
	self->intr = signal_deliverable(self) != 0;
	return sig;
}

/* Locks the caller holds here are its own (lib/ holds none across a
 * return to it), so a handler runs under them as on Linux. */
void signal_deliver_now(void)
{
	if (sched_current()->intr && arch_irq_enabled())
		signal_deliver();
}

void signal_thread_init(struct thread *t)
{
	unsigned long flags = arch_irq_save();

	t->sig_mask = sched_current()->sig_mask;
	signal_update(t);
	arch_irq_restore(flags);
}

/* Send to thread t, or the process, as sent by this program. */
static int send(struct thread *t, int sig, int code, union sigval value)
{
	siginfo_t info = { .si_signo = sig,
			   .si_code = code,
			   .si_pid = UKOS_PID,
			   .si_value = value };
	unsigned long flags;

	if (sig == 0)
		return 0;
	if (!signal_valid(sig))
		return -EINVAL;
	flags = arch_irq_save();
	signal_send(t, sig, &info);
	arch_irq_restore(flags);
	signal_deliver_now();
	return 0;
}

/* pid 1 is us; 0 and -1 (our group, everyone we may signal) are too. */
int kill(pid_t pid, int sig)
{
	if (pid != UKOS_PID && pid != 0 && pid != -1)
		return (int)fd_ret(!signal_valid(sig) && sig ? -EINVAL
							     : -ESRCH);
	return (int)fd_ret(send(NULL, sig, SI_USER, (union sigval){ 0 }));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0)
		return (int)fd_ret(-EINVAL);
	return kill(pgrp == 0 ? 0 : pgrp == UKOS_PID ? UKOS_PID : -2, sig);
}

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	if (pid != UKOS_PID)
		return (int)fd_ret(!signal_valid(sig) && sig ? -EINVAL
							     : -ESRCH);
	return (int)fd_ret(send(NULL, sig, SI_QUEUE, value));
}

int pthread_kill(pthread_t th, int sig)
{
	struct thread *t = thread_of(th);

	if (!t || t->state == THREAD_DEAD)
		return ESRCH;
	return -send(t, sig, SI_TKILL, (union sigval){ 0 });
}

int raise(int sig)
{
	return (int)fd_ret(
		send(sched_current(), sig, SI_TKILL, (union sigval){ 0 }));
}

int _raise_r(struct _reent *r, int sig)
{
	(void)r;
	return raise(sig);
}

/* POSIX: abnormal termination even if a handler for SIGABRT returns (or
 * it is blocked or ignored): then as SIG_DFL. */
void abort(void)
{
	sigset_t abrt = SIG_BIT(SIGABRT);
	unsigned long flags;

	sigprocmask(SIG_UNBLOCK, &abrt, NULL);
	raise(SIGABRT);
	flags = arch_irq_save();
	signal_process.act[SIGABRT] =
		(struct sigaction){ .sa_handler = SIG_DFL };
	arch_irq_restore(flags);
	raise(SIGABRT);
	signal_default_exit(SIGABRT, &(siginfo_t){ .si_signo = SIGABRT });
}
