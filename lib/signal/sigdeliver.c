/* SPDX-License-Identifier: MIT */
/*
 * sigdeliver.c: running what a signal's disposition says, in the thread
 * that takes it — a handler (on the alternate stack under SA_ONSTACK,
 * with sa_mask and the signal itself blocked meanwhile), nothing, or the
 * default action; the same for faults the CPU raises (SIGSEGV and kin).
 * Portable: host-tested (tests/unit/test_signal.c).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/exit.h>

#include "sig.h"

#define RED_ZONE   128        /* SysV ABI §3.2.2: below %rsp, not ours */
#define FAULT_ROOM (8u << 10) /* a handler needs at least this much */

const char *signal_abbrev(int sig);

/* What a shell says of a program that ended so: 128 + N. A core dump's
 * place is taken by the crash report, with the backtrace of the thread
 * that took the signal. */
void signal_default_exit(int sig, const siginfo_t *info)
{
	if (signal_default_of(sig) == SIG_DEFAULT_CORE) {
		crash_begin();
		kprintf("killed by %s (%s)", signal_abbrev(sig),
			strsignal(sig));
		if (info->si_addr)
			kprintf(" at 0x%lx", (unsigned long)info->si_addr);
		kprintf("\n");
		arch_backtrace_here(crash_frame, 32);
		crash_end_status(128 + sig);
	}
	kprintf("ukos: killed by %s (%s)\n", signal_abbrev(sig),
		strsignal(sig));
	kernel_exit_now(128 + sig);
}

struct call {
	int sig;
	const struct sigaction *act;
	siginfo_t *info;
};

static void call(void *arg)
{
	struct call *c = arg;

	/* No ucontext_t: a handler that asks for one gets NULL. */
	if (c->act->sa_flags & SA_SIGINFO)
		c->act->sa_sigaction(c->sig, c->info, NULL);
	else
		c->act->sa_handler(c->sig);
}

/*
 * Run act's handler for sig: with its mask (and sig, unless SA_NODEFER)
 * blocked, then the caller's mask back; once only under SA_RESETHAND;
 * errno kept for the code it interrupted. on_stack: the top of the stack
 * to run it on (0: here). Interrupts disabled, and enabled only while the
 * handler runs: the mask is back and the next signal taken before another
 * interrupt can start a delivery of its own, so a stream of signals never
 * stacks deliveries up on the thread's stack.
 */
static void run_handler(int sig, const struct sigaction *act, siginfo_t *info,
			uintptr_t on_stack)
{
	struct thread *self = sched_current();
	struct call c = { sig, act, info };
	uint64_t old = self->sig_mask;
	int saved_errno = errno;

	self->sig_mask |= (signal_set_bits(&act->sa_mask) |
			   (act->sa_flags & SA_NODEFER ? 0 : SIG_BIT(sig))) &
			  ~SIG_UNBLOCKABLE;
	if (act->sa_flags & SA_RESETHAND)
		signal_process.act[sig] =
			(struct sigaction){ .sa_handler = SIG_DFL };
	signal_update(self);
	arch_irq_enable();
	if (on_stack)
		arch_call_on_stack(call, &c, on_stack);
	else
		call(&c);
	errno = saved_errno;
	arch_irq_save();
	self->sig_mask = old;
	signal_update(self);
}

/* Where a handler for act runs: the alternate stack if it asks for one
 * that is set and not in use (0: where we are). */
static uintptr_t stack_for(const struct sigaction *act, uintptr_t sp)
{
	struct thread *self = sched_current();

	if (!(act->sa_flags & SA_ONSTACK) || !self->sig_stack ||
	    signal_on_altstack(self, sp))
		return 0;
	return self->sig_stack + self->sig_stack_size;
}

int signal_deliver(void)
{
	int ran = THREAD_UPCALL_NONE;

	for (;;) {
		siginfo_t info;
		int sig = signal_take(~sched_current()->sig_mask, &info);
		struct sigaction act;

		if (!sig) {
			sched_current()->intr = false;
			return ran;
		}
		act = signal_process.act[sig];
		if (act.sa_handler == SIG_IGN)
			continue;
		if (act.sa_handler == SIG_DFL) {
			if (signal_default_of(sig) == SIG_DEFAULT_IGNORE)
				continue;
			signal_default_exit(sig, &info);
		}
		run_handler(
			sig, &act, &info,
			stack_for(&act, (uintptr_t)__builtin_frame_address(0)));
		ran = ran == THREAD_UPCALL_INTR || !(act.sa_flags & SA_RESTART)
			      ? THREAD_UPCALL_INTR
			      : THREAD_UPCALL_RESTART;
	}
}

/* The signal Linux sends for a fault, and its si_code. */
static int fault_signal(enum thread_fault_kind kind, int *code)
{
	static const struct {
		unsigned char sig, code;
	} map[] = {
		[FAULT_SEGV_MAPERR] = { SIGSEGV, SEGV_MAPERR },
		[FAULT_SEGV_ACCERR] = { SIGSEGV, SEGV_ACCERR },
		[FAULT_SEGV] = { SIGSEGV, SI_KERNEL },
		[FAULT_BUS] = { SIGBUS, BUS_ADRALN },
		[FAULT_FPE_INTDIV] = { SIGFPE, FPE_INTDIV },
		[FAULT_FPE] = { SIGFPE, FPE_FLTINV },
		[FAULT_ILL] = { SIGILL, ILL_ILLOPN },
		[FAULT_TRAP] = { SIGTRAP, TRAP_BRKPT },
	};

	*code = map[kind].code;
	return map[kind].sig;
}

/* A handler takes the fault if one is installed and the signal is not
 * blocked (blocked or ignored, a fault ends the program, as on Linux). It
 * runs on the alternate stack under SA_ONSTACK, else below the faulting
 * stack pointer if that stack has room — not after a stack overflow. */
static int fault_stack(const struct thread_fault *f, uintptr_t *top)
{
	struct thread *self = sched_current();
	int code, sig = fault_signal(f->kind, &code);
	const struct sigaction *act = &signal_process.act[sig];
	uintptr_t alt = stack_for(act, f->sp);
	bool own_stack = f->sp > self->stack_base &&
			 f->sp <= self->stack_base + self->stack_size;

	if (act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN ||
	    (self->sig_mask & SIG_BIT(sig)))
		return -1;
	if (alt) {
		*top = alt;
		return 0;
	}
	if (thread_by_guard(f->addr) == self ||
	    (own_stack && f->sp - self->stack_base < FAULT_ROOM + RED_ZONE))
		return -1;
	*top = f->sp - RED_ZONE;
	return 0;
}

/* On the stack fault_stack chose, interrupts enabled. */
static void fault_run(const struct thread_fault *f)
{
	int code, sig = fault_signal(f->kind, &code);
	struct sigaction act = signal_process.act[sig];
	siginfo_t info = { .si_signo = sig,
			   .si_code = code,
			   .si_addr = (void *)f->addr };
	unsigned long flags = arch_irq_save();

	run_handler(sig, &act, &info, 0);
	arch_irq_restore(flags);
}

const struct thread_fault_ops signal_fault_ops = { fault_stack, fault_run };
