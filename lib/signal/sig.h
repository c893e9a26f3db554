/* SPDX-License-Identifier: MIT */
/*
 * sig.h: what lib/signal's files share. Dispositions belong to the
 * process (one table), masks and thread-directed pending signals to each
 * thread (struct thread's sig_mask, sig_pending), process-directed pending
 * signals to the process. A signal is delivered by the thread it is for,
 * at a safe point (thread_upcall, kernel/include/ukos/thread.h): on its
 * way back from an interrupt, at the release of its last kernel lock, in
 * an interruptible wait, or before the call that sent it returns.
 */
#ifndef UKOS_LIB_SIG_H
#define UKOS_LIB_SIG_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ukos/thread.h>

#define SIG_BIT(n)      (1ull << ((n)-1))
#define SIG_ALL         (~0ull)
#define SIG_UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))

static inline bool signal_valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

/* A sigset_t's signals 1-64 as bits (also with a libc whose sigset_t is a
 * wider structure, as on a host: the first word, laid out alike). */
static inline uint64_t signal_set_bits(const sigset_t *s)
{
	uint64_t bits;

	memcpy(&bits, s, sizeof(bits));
	return bits;
}

/* Whether sp is on t's alternate stack. */
static inline bool signal_on_altstack(const struct thread *t, uintptr_t sp)
{
	return t->sig_stack && sp > t->sig_stack &&
	       sp <= t->sig_stack + t->sig_stack_size;
}

/* "SIGTERM", or "signal" for a number without a name (strsignal.c). */
const char *signal_abbrev(int sig);

/* The process's dispositions and its pending signals (one of each: like
 * Linux's standard signals, a second one sent while the first is pending
 * is merged into it), each with what sent it. Interrupts disabled. */
#define SIGNAL_QUEUE_MAX 32 /* sysconf(_SC_SIGQUEUE_MAX), POSIX's least */
struct signal_queued {
	int sig;
	siginfo_t info;
};
struct signal_process {
	struct sigaction act[NSIG];
	uint64_t pending;
	siginfo_t info[NSIG];
	/* real-time signals sent while one of theirs is pending, in order */
	struct signal_queued queue[SIGNAL_QUEUE_MAX];
	unsigned queued;
};
extern struct signal_process signal_process;

/* What the default action of sig does. */
enum signal_default { SIG_DEFAULT_TERM, SIG_DEFAULT_CORE, SIG_DEFAULT_IGNORE };
enum signal_default signal_default_of(int sig);

/* Whether sig, sent now, would be thrown away: its action is to ignore
 * it (SIG_IGN, or SIG_DFL for one whose default is to). */
bool signal_ignored(int sig);

/*
 * Send sig to thread t, or to the process (t NULL: whichever thread does
 * not block it takes it), sent as info says; ignored signals are dropped
 * unless blocked where they would go. Returns 0, or -EAGAIN when a
 * real-time signal finds the queue full. Interrupts disabled; any context
 * (timers send from interrupts).
 */
int signal_send(struct thread *t, int sig, const siginfo_t *info);

/* Forget the process's pending sig, queued ones too. Interrupts
 * disabled. */
void signal_drop(int sig);

/* After t's mask or the pending sets changed: set t's intr as it now can
 * take a signal, and hand process signals it blocks to a thread that
 * does not. Interrupts disabled. */
void signal_update(struct thread *t);

/* The signals t can take now. Interrupts disabled. */
static inline uint64_t signal_deliverable(const struct thread *t)
{
	return (t->sig_pending | signal_process.pending) & ~t->sig_mask;
}

/* Take one pending signal among set for the caller (its own first, then
 * the process's; the lowest number first): its number, 0 if none, and
 * what sent it in *info. Interrupts disabled. */
int signal_take(uint64_t set, siginfo_t *info);

/* posix_timer.c's, once there is a timer: a timer's signal was taken;
 * returns its overrun count (si_overrun). Interrupts disabled. */
extern int (*signal_timer_taken)(int timerid);

/* thread_upcall: deliver every signal the caller can take. */
int signal_deliver(void);

/* End the program as sig's default action does (status 128 + sig). */
__attribute__((noreturn)) void signal_default_exit(int sig,
						   const siginfo_t *info);

/* At the return of a call that sent the caller a signal or unblocked
 * one (POSIX: delivered before kill() or sigprocmask() returns): deliver
 * what it can take now. */
void signal_deliver_now(void);

/* sigmask.c: for ppoll, pselect and epoll_pwait: put mask (NULL: none)
 * in place of the calling thread's mask. A signal already pending that it
 * lets in is delivered now, under mask, and *interrupted set: the call
 * then fails with EINTR without waiting; one that comes later interrupts
 * the wait. No gap between the two for one to slip through. Returns the
 * mask to give back to signal_mask_restore, which then delivers what the
 * old mask lets in. */
uint64_t signal_mask_swap(const sigset_t *mask, bool *interrupted);
void signal_mask_restore(const sigset_t *mask, uint64_t old);

/* The fault hooks (sigaltstack.c), installed with a handler for a fault
 * signal. */
extern const struct thread_fault_ops signal_fault_ops;

/* pthread_create: the new thread t starts with the creator's mask. */
void signal_thread_init(struct thread *t);

#endif
