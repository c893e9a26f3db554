/* SPDX-License-Identifier: MIT */
/*
 * sigaction.c: the process's dispositions — sigaction, and signal() on
 * top of it with glibc's (BSD) meaning: the handler stays, interrupted
 * calls restart — and the sigset_t operations.
 */
#include <errno.h>
#include <signal.h>
#include <ukos/arch.h>

#include "../fd.h"
#include "sig.h"

#define FAULT_SIGNALS                                                          \
	(SIG_BIT(SIGSEGV) | SIG_BIT(SIGBUS) | SIG_BIT(SIGFPE) |                \
	 SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP))

/* POSIX: setting an action that ignores sig drops it where pending. */
static void drop_pending(int sig)
{
	signal_drop(sig);
	for (struct thread *t = thread_next(NULL); t; t = thread_next(t)) {
		t->sig_pending &= ~SIG_BIT(sig);
		signal_update(t);
	}
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction was;
	unsigned long flags;

	if (!signal_valid(sig) || (act && (sig == SIGKILL || sig == SIGSTOP ||
					   act->sa_handler == SIG_ERR)))
		return (int)fd_ret(-EINVAL);
	flags = arch_irq_save();
	was = signal_process.act[sig];
	if (act) {
		signal_process.act[sig] = *act;
		signal_process.act[sig].sa_mask &= ~SIG_UNBLOCKABLE;
		if (signal_ignored(sig))
			drop_pending(sig);
		if ((FAULT_SIGNALS & SIG_BIT(sig)) &&
		    act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN)
			thread_fault_ops = &signal_fault_ops;
	}
	arch_irq_restore(flags);
	if (old)
		*old = was;
	return 0;
}

_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
	struct sigaction act = { .sa_handler = handler,
				 .sa_flags = SA_RESTART },
			 old;

	if (sigaction(sig, &act, &old))
		return SIG_ERR;
	return old.sa_handler;
}

_sig_func_ptr _signal_r(struct _reent *r, int sig, _sig_func_ptr handler)
{
	(void)r;
	return signal(sig, handler);
}

_sig_func_ptr bsd_signal(int sig, _sig_func_ptr handler);
_sig_func_ptr bsd_signal(int sig, _sig_func_ptr handler)
{
	return signal(sig, handler);
}

/* flag: calls interrupted by sig fail with EINTR rather than restart. */
int siginterrupt(int sig, int flag)
{
	struct sigaction act;

	if (sigaction(sig, NULL, &act))
		return -1;
	if (flag)
		act.sa_flags &= ~SA_RESTART;
	else
		act.sa_flags |= SA_RESTART;
	return sigaction(sig, &act, NULL);
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = SIG_ALL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!signal_valid(sig))
		return (int)fd_ret(-EINVAL);
	*set |= SIG_BIT(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!signal_valid(sig))
		return (int)fd_ret(-EINVAL);
	*set &= ~SIG_BIT(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!signal_valid(sig))
		return (int)fd_ret(-EINVAL);
	return (*set & SIG_BIT(sig)) != 0;
}
