/* SPDX-License-Identifier: MIT */
/*
 * test_signal.c: lib/signal's portable logic — who takes a signal (a
 * thread's own, a process signal's taker, what waits while every thread
 * blocks it), what is dropped, the order they are taken in, and delivery:
 * the handler's mask, SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_IGN, the
 * default actions, and where a fault's handler may run. Threads, the
 * kernel's hooks and the exit are faked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/exit.h>
#include <ukos/thread.h>

#include "../../lib/signal/sig.h"

/* ---- the kernel, faked -------------------------------------------------- */

#define THREADS 3
static struct thread threads[THREADS], idle;
static unsigned live = THREADS;
struct thread *sched_running = &threads[0];
int (*thread_upcall)(void);
const struct thread_fault_ops *thread_fault_ops;
static unsigned interrupts[THREADS];

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long f)
{
	(void)f;
}

void arch_irq_enable(void)
{
}

struct thread *thread_next(struct thread *t)
{
	unsigned i = t ? (unsigned)(t - threads) + 1 : 0;
	return i < live ? &threads[i] : NULL;
}

bool sched_is_idle(const struct thread *t)
{
	return t == &idle;
}

void thread_interrupt(struct thread *t)
{
	t->intr = true;
	if (t >= threads && t < threads + THREADS)
		interrupts[t - threads]++;
}

static struct thread *guard_owner;
struct thread *thread_by_guard(uintptr_t addr)
{
	(void)addr;
	return guard_owner;
}

static uintptr_t stack_used;
void arch_call_on_stack(void (*fn)(void *), void *arg, uintptr_t top)
{
	stack_used = top;
	fn(arg);
}

void arch_backtrace_here(void (*print)(uintptr_t), int max)
{
	(void)print, (void)max;
}

static char said[256];
void kprintf(const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(said);

	va_start(ap, fmt);
	vsnprintf(said + n, sizeof(said) - n, fmt, ap);
	va_end(ap);
}

void crash_begin(void)
{
	kprintf("CRASH: ");
}

void crash_frame(uintptr_t addr)
{
	(void)addr;
}

static jmp_buf exited;
static int exit_status;
void kernel_exit_now(int code)
{
	exit_status = code;
	longjmp(exited, 1);
}

void crash_end_status(int status)
{
	kernel_exit_now(status);
}

const char *signal_abbrev(int sig)
{
	return sig == SIGTERM ? "SIGTERM" : sig == SIGSEGV ? "SIGSEGV" : "?";
}

/* ---- helpers ------------------------------------------------------------ */

static int calls[NSIG], call_sig;
static uint64_t mask_in_handler;

static void handler(int sig)
{
	calls[sig]++;
	call_sig = sig;
	mask_in_handler = sched_running->sig_mask;
}

static void act(int sig, void (*h)(int), uint64_t mask, int flags)
{
	struct sigaction a;

	memset(&a, 0, sizeof(a));
	a.sa_handler = h;
	memcpy(&a.sa_mask, &mask, sizeof(mask));
	a.sa_flags = flags;
	signal_process.act[sig] = a;
}

static int setup(void **state)
{
	(void)state;
	memset(threads, 0, sizeof(threads));
	memset(&signal_process, 0, sizeof(signal_process));
	memset(interrupts, 0, sizeof(interrupts));
	memset(calls, 0, sizeof(calls));
	live = THREADS;
	sched_running = &threads[0];
	guard_owner = NULL;
	said[0] = '\0';
	return 0;
}

static void send_process(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };
	signal_send(NULL, sig, &info);
}

/* ---- who takes it ------------------------------------------------------- */

static void test_process_signal_to_sender(void **state)
{
	(void)state;
	act(SIGUSR1, handler, 0, 0);
	send_process(SIGUSR1);
	assert_int_equal(interrupts[0], 1);
	assert_int_equal(interrupts[1] + interrupts[2], 0);
	assert_true(signal_process.pending & SIG_BIT(SIGUSR1));
	assert_ptr_equal(thread_upcall, signal_deliver);
}

static void test_process_signal_to_unblocked(void **state)
{
	(void)state;
	act(SIGUSR1, handler, 0, 0);
	threads[0].sig_mask = SIG_BIT(SIGUSR1);
	threads[1].sig_mask = SIG_ALL;
	send_process(SIGUSR1);
	assert_int_equal(interrupts[0] + interrupts[1], 0);
	assert_int_equal(interrupts[2], 1);
}

static void test_all_block_waits(void **state)
{
	(void)state;
	act(SIGUSR1, handler, 0, 0);
	for (int i = 0; i < THREADS; i++)
		threads[i].sig_mask = SIG_BIT(SIGUSR1);
	send_process(SIGUSR1);
	assert_int_equal(interrupts[0] + interrupts[1] + interrupts[2], 0);
	assert_true(signal_process.pending & SIG_BIT(SIGUSR1));
	/* the caller blocks it still; thread 1 unblocks: handed to it */
	threads[1].sig_mask = 0;
	signal_update(&threads[0]);
	assert_int_equal(interrupts[1], 1);
	assert_false(threads[0].intr);
	signal_update(&threads[1]);
	assert_true(threads[1].intr);
}

static void test_from_interrupt_not_idle(void **state)
{
	(void)state;
	act(SIGALRM, handler, 0, 0);
	sched_running = &idle; /* a timer fired while every thread slept */
	send_process(SIGALRM);
	assert_int_equal(interrupts[0], 1);
}

static void test_sigwait_takes_blocked(void **state)
{
	(void)state;
	act(SIGUSR2, handler, 0, 0);
	threads[0].sig_mask = SIG_ALL;
	threads[1].sig_mask = SIG_ALL;
	threads[2].sig_mask = SIG_ALL;
	threads[2].sig_waiting = SIG_BIT(SIGUSR2);
	send_process(SIGUSR2);
	assert_int_equal(interrupts[2], 1);
}

static void test_ignored_dropped_unless_blocked(void **state)
{
	(void)state;
	act(SIGUSR1, SIG_IGN, 0, 0);
	send_process(SIGUSR1);
	assert_false(signal_process.pending & SIG_BIT(SIGUSR1));
	send_process(SIGCHLD); /* SIG_DFL, default: ignore */
	assert_false(signal_process.pending & SIG_BIT(SIGCHLD));
	send_process(SIGTERM); /* SIG_DFL, default: end */
	assert_true(signal_process.pending & SIG_BIT(SIGTERM));
	for (int i = 0; i < THREADS; i++)
		threads[i].sig_mask = SIG_BIT(SIGUSR1);
	send_process(SIGUSR1); /* blocked: it may be unignored by then */
	assert_true(signal_process.pending & SIG_BIT(SIGUSR1));
}

static void test_thread_signal(void **state)
{
	siginfo_t info = { .si_signo = SIGUSR2 }, got;

	(void)state;
	act(SIGUSR2, handler, 0, 0);
	threads[1].sig_mask = SIG_BIT(SIGUSR2);
	signal_send(&threads[1], SIGUSR2, &info);
	assert_true(threads[1].sig_pending & SIG_BIT(SIGUSR2));
	assert_int_equal(interrupts[1], 0); /* blocked there: it waits */
	assert_false(signal_process.pending);
	/* taking: its own first, then the process's, lowest first */
	sched_running = &threads[1];
	send_process(SIGHUP);
	signal_process.pending |= SIG_BIT(SIGINT);
	assert_int_equal(signal_take(SIG_ALL, &got), SIGUSR2);
	assert_int_equal(got.si_code, SI_TKILL);
	assert_int_equal(signal_take(SIG_ALL, &got), SIGHUP);
	assert_int_equal(got.si_code, SI_USER);
	assert_int_equal(signal_take(SIG_BIT(SIGTERM), &got), 0);
	assert_int_equal(signal_take(SIG_ALL, &got), SIGINT);
	assert_int_equal(signal_take(SIG_ALL, &got), 0);
}

static void test_one_pending_per_signal(void **state)
{
	siginfo_t a = { .si_signo = SIGUSR1, .si_code = SI_QUEUE }, b = a, got;

	(void)state;
	act(SIGUSR1, handler, 0, 0);
	threads[0].sig_mask = threads[1].sig_mask = threads[2].sig_mask =
		SIG_BIT(SIGUSR1);
	b.si_code = SI_USER;
	signal_send(NULL, SIGUSR1, &a);
	signal_send(NULL, SIGUSR1, &b); /* merged into the first */
	assert_int_equal(signal_take(SIG_ALL, &got), SIGUSR1);
	assert_int_equal(got.si_code, SI_QUEUE);
	assert_int_equal(signal_take(SIG_ALL, &got), 0);
}

static void test_realtime_signals_queue(void **state)
{
	int rt = SIGRTMIN + 1;
	siginfo_t info = { .si_signo = rt, .si_code = SI_QUEUE }, got;

	(void)state;
	act(rt, handler, 0, 0);
	for (int i = 0; i < THREADS; i++)
		threads[i].sig_mask = SIG_ALL;
	/* the first pending, SIGNAL_QUEUE_MAX behind it, then full */
	for (int i = 0; i <= SIGNAL_QUEUE_MAX; i++) {
		info.si_value.sival_int = i;
		assert_int_equal(signal_send(NULL, rt, &info), 0);
	}
	info.si_value.sival_int = 99;
	assert_int_equal(signal_send(NULL, rt, &info), -EAGAIN);
	/* a standard one merges instead, however many */
	assert_int_equal(signal_send(NULL, SIGUSR1, &info), 0);
	assert_int_equal(signal_send(NULL, SIGUSR1, &info), 0);
	for (int i = 0; i <= SIGNAL_QUEUE_MAX; i++) {
		assert_int_equal(signal_take(SIG_BIT(rt), &got), rt);
		assert_int_equal(got.si_value.sival_int, i);
	}
	assert_int_equal(signal_take(SIG_BIT(rt), &got), 0);
	assert_int_equal(signal_take(SIG_ALL, &got), SIGUSR1);
	assert_int_equal(signal_take(SIG_ALL, &got), 0);
	/* SIG_IGN drops the queue too */
	signal_send(NULL, rt, &info);
	signal_send(NULL, rt, &info);
	signal_drop(rt);
	assert_int_equal(signal_process.queued, 0);
	assert_int_equal(signal_take(SIG_ALL, &got), 0);
}

/* ---- delivery ----------------------------------------------------------- */

static void test_deliver_mask_and_restart(void **state)
{
	(void)state;
	act(SIGUSR1, handler, SIG_BIT(SIGUSR2), SA_RESTART);
	threads[0].sig_mask = SIG_BIT(SIGHUP);
	send_process(SIGUSR1);
	assert_int_equal(signal_deliver(), THREAD_UPCALL_RESTART);
	assert_int_equal(calls[SIGUSR1], 1);
	assert_int_equal(mask_in_handler,
			 SIG_BIT(SIGHUP) | SIG_BIT(SIGUSR1) | SIG_BIT(SIGUSR2));
	assert_int_equal(threads[0].sig_mask, SIG_BIT(SIGHUP));
	assert_false(threads[0].intr);
	/* one without SA_RESTART among them: the call fails */
	act(SIGUSR2, handler, 0, 0);
	send_process(SIGUSR1);
	send_process(SIGUSR2);
	assert_int_equal(signal_deliver(), THREAD_UPCALL_INTR);
	assert_int_equal(calls[SIGUSR1], 2);
	assert_int_equal(calls[SIGUSR2], 1);
	/* nothing to run */
	assert_int_equal(signal_deliver(), THREAD_UPCALL_NONE);
}

static void test_deliver_nodefer_resethand(void **state)
{
	(void)state;
	act(SIGUSR1, handler, 0, SA_NODEFER | SA_RESETHAND);
	send_process(SIGUSR1);
	signal_deliver();
	assert_false(mask_in_handler & SIG_BIT(SIGUSR1));
	assert_ptr_equal(signal_process.act[SIGUSR1].sa_handler, SIG_DFL);
	/* sa_mask never blocks SIGKILL */
	act(SIGUSR2, handler, SIG_ALL, 0);
	send_process(SIGUSR2);
	signal_deliver();
	assert_false(mask_in_handler & SIG_UNBLOCKABLE);
}

static void test_deliver_ignored_and_defaults(void **state)
{
	(void)state;
	threads[0].sig_mask = SIG_ALL;
	send_process(SIGWINCH); /* blocked, so pending though ignored */
	act(SIGUSR1, handler, 0, 0);
	send_process(SIGUSR1);
	act(SIGUSR1, SIG_IGN, 0, 0); /* ignored by the time it is taken */
	threads[0].sig_mask = 0;
	assert_int_equal(signal_deliver(), THREAD_UPCALL_NONE);
	assert_int_equal(calls[SIGUSR1], 0);
	assert_false(signal_process.pending);

	send_process(SIGTERM);
	if (!setjmp(exited)) {
		signal_deliver();
		fail_msg("SIGTERM's default action did not end the program");
	}
	assert_int_equal(exit_status, 128 + SIGTERM);
	assert_non_null(strstr(said, "killed by SIGTERM"));
	assert_null(strstr(said, "CRASH"));

	said[0] = '\0';
	send_process(SIGSEGV);
	if (!setjmp(exited))
		signal_deliver();
	assert_int_equal(exit_status, 128 + SIGSEGV);
	assert_non_null(strstr(said, "CRASH: killed by SIGSEGV"));
}

static void test_altstack_for_handler(void **state)
{
	static char alt[8192];

	(void)state;
	act(SIGUSR1, handler, 0, SA_ONSTACK);
	threads[0].sig_stack = (uintptr_t)alt;
	threads[0].sig_stack_size = sizeof(alt);
	stack_used = 0;
	send_process(SIGUSR1);
	signal_deliver();
	assert_int_equal(stack_used, (uintptr_t)alt + sizeof(alt));
	assert_int_equal(calls[SIGUSR1], 1);
}

/* ---- faults ------------------------------------------------------------- */

static void test_fault_stack(void **state)
{
	static char alt[8192];
	struct thread *t = &threads[0];
	struct thread_fault f = { FAULT_SEGV_MAPERR, 0x1000, 0 };
	uintptr_t top = 0;

	(void)state;
	t->stack_base = 0x100000;
	t->stack_size = 0x40000;
	f.sp = t->stack_base + 0x20000;
	/* no handler, SIG_IGN, blocked: not taken (the crash report) */
	assert_int_equal(signal_fault_ops.stack(&f, &top), -1);
	act(SIGSEGV, SIG_IGN, 0, 0);
	assert_int_equal(signal_fault_ops.stack(&f, &top), -1);
	act(SIGSEGV, handler, 0, 0);
	t->sig_mask = SIG_BIT(SIGSEGV);
	assert_int_equal(signal_fault_ops.stack(&f, &top), -1);
	t->sig_mask = 0;
	/* below the faulting stack pointer, past its red zone */
	assert_int_equal(signal_fault_ops.stack(&f, &top), 0);
	assert_int_equal(top, f.sp - 128);
	/* not when the stack overflowed, nor with no room left */
	guard_owner = t;
	assert_int_equal(signal_fault_ops.stack(&f, &top), -1);
	guard_owner = NULL;
	f.sp = t->stack_base + 0x100;
	assert_int_equal(signal_fault_ops.stack(&f, &top), -1);
	/* the alternate stack under SA_ONSTACK, even then */
	act(SIGSEGV, handler, 0, SA_ONSTACK);
	t->sig_stack = (uintptr_t)alt;
	t->sig_stack_size = sizeof(alt);
	guard_owner = t;
	assert_int_equal(signal_fault_ops.stack(&f, &top), 0);
	assert_int_equal(top, (uintptr_t)alt + sizeof(alt));
	/* a fault on the alternate stack itself: below it there */
	guard_owner = NULL;
	f.sp = (uintptr_t)alt + 4096;
	assert_int_equal(signal_fault_ops.stack(&f, &top), 0);
	assert_int_equal(top, f.sp - 128);
}

static void test_fault_run(void **state)
{
	struct thread_fault f = { FAULT_FPE_INTDIV, 0x4000, 0 };

	(void)state;
	act(SIGFPE, handler, 0, 0);
	signal_fault_ops.run(&f);
	assert_int_equal(calls[SIGFPE], 1);
	assert_true(mask_in_handler & SIG_BIT(SIGFPE));
	assert_int_equal(threads[0].sig_mask, 0);
	f.kind = FAULT_ILL;
	act(SIGILL, handler, 0, 0);
	signal_fault_ops.run(&f);
	assert_int_equal(call_sig, SIGILL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_process_signal_to_sender, setup),
		cmocka_unit_test_setup(test_process_signal_to_unblocked, setup),
		cmocka_unit_test_setup(test_all_block_waits, setup),
		cmocka_unit_test_setup(test_from_interrupt_not_idle, setup),
		cmocka_unit_test_setup(test_sigwait_takes_blocked, setup),
		cmocka_unit_test_setup(test_ignored_dropped_unless_blocked,
				       setup),
		cmocka_unit_test_setup(test_thread_signal, setup),
		cmocka_unit_test_setup(test_one_pending_per_signal, setup),
		cmocka_unit_test_setup(test_realtime_signals_queue, setup),
		cmocka_unit_test_setup(test_deliver_mask_and_restart, setup),
		cmocka_unit_test_setup(test_deliver_nodefer_resethand, setup),
		cmocka_unit_test_setup(test_deliver_ignored_and_defaults,
				       setup),
		cmocka_unit_test_setup(test_altstack_for_handler, setup),
		cmocka_unit_test_setup(test_fault_stack, setup),
		cmocka_unit_test_setup(test_fault_run, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
