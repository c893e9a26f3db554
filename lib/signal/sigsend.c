/* SPDX-License-Identifier: MIT */
/*
 * sigsend.c: the calls that send signals — to the process (kill, killpg,
 * sigqueue) or to one thread (raise, pthread_kill, abort) — and delivery
 * before they return when the sender takes the signal itself.
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

/* Locks the caller holds here are its own (lib/ holds none across a
 * return to it), so a handler runs under them as on Linux. */
void signal_deliver_now(void)
{
	unsigned long flags;

	if (!sched_current()->intr || !arch_irq_enabled())
		return;
	flags = arch_irq_save();
	signal_deliver();
	arch_irq_restore(flags);
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
	int err;

	if (sig == 0)
		return 0;
	if (!signal_valid(sig))
		return -EINVAL;
	flags = arch_irq_save();
	err = signal_send(t, sig, &info);
	arch_irq_restore(flags);
	signal_deliver_now();
	return err;
}

/* pid 1 is us, and so is 0 (our process group). -1 is every process but
 * the caller and init, as on Linux: here, none (ESRCH). */
int kill(pid_t pid, int sig)
{
	if (pid != UKOS_PID && pid != 0)
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
