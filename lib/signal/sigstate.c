/* SPDX-License-Identifier: MIT */
/*
 * sigstate.c: the process's signal state — dispositions, pending signals
 * — and who takes a signal: a thread's own go to it; a process signal to
 * the sender if it does not block it (POSIX: delivered before kill()
 * returns), else to the first thread that does not, else it waits for
 * one to unblock it. Portable: host-tested (tests/unit/test_signal.c).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ukos/wait.h>

#include "sig.h"

#define UKOS_PID 1

struct signal_process signal_process;
int (*signal_timer_taken)(int timerid);

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

/* A real-time signal sent to the process while one is pending waits in
 * the queue behind it (POSIX: they queue, standard ones merge). */
static int enqueue(int sig, const siginfo_t *info)
{
	if (sig < SIGRTMIN)
		return 0;
	if (signal_process.queued == SIGNAL_QUEUE_MAX)
		return -EAGAIN;
	signal_process.queue[signal_process.queued++] =
		(struct signal_queued){ sig, *info };
	return 0;
}

int signal_send(struct thread *t, int sig, const siginfo_t *info)
{
	struct thread *to = t ? t : taker(sig, sched_current());
	int err = 0;

	if (signal_ignored(sig) && to && !(to->sig_mask & SIG_BIT(sig)))
		return 0;
	thread_upcall = signal_deliver;
	if (t) {
		t->sig_pending |= SIG_BIT(sig);
	} else if (!(signal_process.pending & SIG_BIT(sig))) {
		signal_process.pending |= SIG_BIT(sig);
		signal_process.info[sig] = *info;
	} else if ((err = enqueue(sig, info))) {
		return err;
	}
	if (to && takes(to, sig))
		thread_interrupt(to);
	return 0;
}

/* The process's sig taken: the next of its queue, if any, takes its
 * place. */
static void dequeue(int sig)
{
	struct signal_process *p = &signal_process;

	for (unsigned i = 0; i < p->queued; i++) {
		if (p->queue[i].sig != sig)
			continue;
		p->info[sig] = p->queue[i].info;
		memmove(&p->queue[i], &p->queue[i + 1],
			(p->queued - i - 1) * sizeof(p->queue[0]));
		p->queued--;
		return;
	}
	p->pending &= ~SIG_BIT(sig);
}

void signal_drop(int sig)
{
	struct signal_process *p = &signal_process;
	unsigned kept = 0;

	p->pending &= ~SIG_BIT(sig);
	for (unsigned i = 0; i < p->queued; i++)
		if (p->queue[i].sig != sig)
			p->queue[kept++] = p->queue[i];
	p->queued = kept;
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
		*info = signal_process.info[sig];
		dequeue(sig);
		if (info->si_code == SI_TIMER && signal_timer_taken)
			info->si_overrun = signal_timer_taken(info->si_timerid);
	}
	self->intr = signal_deliverable(self) != 0;
	return sig;
}

enum signal_default signal_default_of(int sig)
{
	switch (sig) {
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return SIG_DEFAULT_CORE;
	/* Stopping: nothing outside could continue the program, so the
	 * stop signals do nothing, as SIGCONT does. */
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SIG_DEFAULT_IGNORE;
	default:
		return SIG_DEFAULT_TERM;
	}
}

bool signal_ignored(int sig)
{
	void (*h)(int) = signal_process.act[sig].sa_handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && signal_default_of(sig) == SIG_DEFAULT_IGNORE);
}
