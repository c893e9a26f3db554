/* SPDX-License-Identifier: MIT */
/*
 * thread.h: kernel threads and the scheduler. One CPU, one address space:
 * a thread is a stack and saved registers. The kernel's own critical
 * sections run with interrupts disabled (arch_irq_save); nothing spins.
 */
#ifndef UKOS_THREAD_H
#define UKOS_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ukos/timer.h>

struct _reent;
struct thread;

/* A FIFO of threads, linked through the threads themselves: a thread is on
 * at most one queue (the ready queue or one wait queue) at a time. */
struct tqueue {
	struct thread *head, *tail;
};

/* Queue operations (pure; host-tested). Interrupts disabled. */
void tqueue_push(struct tqueue *q, struct thread *t);
struct thread *tqueue_pop(struct tqueue *q);
void tqueue_remove(struct tqueue *q, struct thread *t);
static inline bool tqueue_empty(const struct tqueue *q)
{
	return !q->head;
}

/* A queue of threads waiting for something (see wait.h). Zeroed memory is
 * an empty one. */
struct waitq {
	struct tqueue q;
};

enum thread_state {
	THREAD_RUNNING,
	THREAD_READY,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

#define THREAD_NAME_MAX 16 /* with the NUL, as Linux's comm */

struct thread {
	uintptr_t sp; /* saved by arch_thread_switch() */
	struct thread *qnext, *qprev;
	struct tqueue *queue; /* the queue it is on, or NULL */
	enum thread_state state;
	const char *waiting_for; /* while blocked: "mutex", "sleep", ... */
	unsigned id;
	char name[THREAD_NAME_MAX];
	bool detached, joined, timed_out;
	/* pthread_setcancelstate/type's (lib/pthread_cancel.c). */
	unsigned char cancel_state, cancel_type;

	void *(*fn)(void *);
	void *arg, *result;
	struct waitq joiners;

	uintptr_t stack_base; /* lowest usable byte; the guard page is below */
	size_t stack_size;
	void *stack_alloc; /* the allocation to free, NULL for boot stacks */

	struct timer timer; /* sleeps and timeouts */
	uint64_t cpu_ns;    /* time run, updated at each switch */
	uint64_t run_since; /* clock_uptime_ns() when it last started */

	/* Interruption (see thread_upcall): intr says lib/ has something to
	 * run in this thread at its next safe point (a signal to deliver);
	 * intr_wait that it blocks in an interruptible wait, interrupted
	 * that such a wait was cut short for it. locks counts the kernel
	 * mutexes it holds: none of those points is safe while it has one. */
	bool intr, intr_wait, interrupted;
	unsigned locks;
	/* Set around a call into code that cannot mark its own waits
	 * (lwIP's socket calls): how a handler may end them, and whether
	 * one did. */
	unsigned char intr_mode; /* enum thread_intr_mode */
	bool intr_ended;
	/* lib/signal's: blocked and pending signals (bit n - 1 for signal
	 * n), those it waits for in sigwait(), and the alternate stack for
	 * handlers (sigaltstack). */
	uint64_t sig_mask, sig_pending, sig_waiting;
	uintptr_t sig_stack;
	size_t sig_stack_size;

	struct _reent *reent; /* libc's per-thread state (errno, ...) */
	void *libc;           /* lib/'s per-thread data (pthread keys) */
	struct thread *all_next;
};

/* Default stack of a new thread. */
#define THREAD_STACK_DEFAULT (256u << 10)

/* thread.c: making, ending and naming threads. */

/*
 * A new thread running fn(arg) on a stack of stack_size bytes (rounded up
 * to pages; 0: THREAD_STACK_DEFAULT) with an unmapped guard page beneath
 * it; it is ready to run at once. Returns it, or NULL when memory runs out
 * (errno-free: the caller reports EAGAIN). Every signal is blocked in it
 * (a kernel thread takes none; pthread_create sets the app's mask).
 * Thread context.
 */
struct thread *thread_create(void *(*fn)(void *), void *arg, size_t stack_size,
			     const char *name);

/* End the calling thread with result; joiners wake. Thread context. */
__attribute__((noreturn)) void thread_exit(void *result);

/* Wait for t to end, take its result and free it. 0, or -EDEADLK (t is
 * the caller), -EINVAL (detached or already being joined). Thread ctx. */
int thread_join(struct thread *t, void **result);

/* Free t when it ends rather than at a join. 0 or -EINVAL. Thread ctx. */
int thread_detach(struct thread *t);

/* Copy name (truncated to THREAD_NAME_MAX - 1 bytes) into t. */
void thread_set_name(struct thread *t, const char *name);

/* Add t to the list of every thread (crash reports, counts). Interrupts
 * disabled or boot context. */
void thread_list_add(struct thread *t);

/* The thread after t in the list of every thread (NULL: the first),
 * the idle thread and ended ones left out; NULL after the last.
 * Interrupts disabled. */
struct thread *thread_next(struct thread *t);

/*
 * What lib/ runs in a thread at a safe point while its intr is set: on
 * its way back from an interrupt to the code it interrupted, when it
 * releases its last kernel mutex, when it yields, and in an interruptible
 * wait (waitq_wait_intr). The first three are not safe while the thread
 * holds a kernel mutex or has interrupts off, so there the hook never
 * runs inside the kernel's or libc's locked sections; a wait lets go of
 * its own. Called with interrupts disabled and returns with them so; it
 * enables them only while a handler runs.
 * Returns THREAD_UPCALL_NONE if it ran nothing, _RESTART if what it ran
 * lets an interrupted call go on, _INTR if that call must fail (EINTR).
 */
enum { THREAD_UPCALL_NONE, THREAD_UPCALL_RESTART, THREAD_UPCALL_INTR };

/* thread.intr_mode: waits go uninterrupted; or an upcall may end them, and
 * the call then fails (EINTR) or, if the handler lets it, goes on. */
enum thread_intr_mode {
	THREAD_INTR_NONE,
	THREAD_INTR_FAIL,
	THREAD_INTR_RESTART
};
extern int (*thread_upcall)(void);

/* Run the hook now if the caller is at a safe point and its intr is set.
 * Returns what the hook did (THREAD_UPCALL_NONE when it did not run).
 * Thread context. */
int thread_upcall_point(void);

/* A CPU fault a program may handle itself (SIGSEGV and kin), as the arch
 * code tells it: what kind, the address it names (the data for a page
 * fault, else the instruction) and the stack pointer at the fault. */
enum thread_fault_kind {
	FAULT_SEGV_MAPERR, /* no page there */
	FAULT_SEGV_ACCERR, /* a page there, not allowed */
	FAULT_SEGV,        /* a protection fault (#GP) */
	FAULT_BUS,         /* misaligned (#AC), a stack segment (#SS) */
	FAULT_FPE_INTDIV,  /* integer divide (#DE) */
	FAULT_FPE,         /* x87 or SSE arithmetic */
	FAULT_ILL,         /* invalid opcode */
	FAULT_TRAP,        /* breakpoint, debug */
};
struct thread_fault {
	enum thread_fault_kind kind;
	uintptr_t addr, sp;
};

/* lib/'s hooks for faults: stack says whether a handler takes f (0, and
 * the top of the stack it runs on in *top) or not (-1: the crash report);
 * run runs it, interrupts enabled, and returns when the handler does (the
 * faulting instruction then runs again, as on Linux). */
struct thread_fault_ops {
	int (*stack)(const struct thread_fault *f, uintptr_t *top);
	void (*run)(const struct thread_fault *f);
};
extern const struct thread_fault_ops *thread_fault_ops;

/* For the arch code: whether f, which struck code running with
 * interrupts on (irqs_were_on), goes to lib/'s handler — never from the
 * idle thread, an interrupt handler or before the scheduler — and on
 * which stack. Interrupts disabled. */
bool thread_fault_stack(const struct thread_fault *f, bool irqs_were_on,
			uintptr_t *top);

/* The status a Linux shell reports for a program the fault kills
 * (128 + the signal's number). */
int thread_fault_status(enum thread_fault_kind kind);

/* Threads that have not ended, the idle thread not counted. */
unsigned thread_live_count(void);

/* For the crash report: the thread whose guard page holds addr, or NULL;
 * and one line per thread with its state. Interrupts disabled. */
struct thread *thread_by_guard(uintptr_t addr);
void thread_report_all(void);

/* sched.c: who runs. */

/* Make the boot code the "main" thread, whose stack (guard page below it)
 * is main_stack, and make the idle thread. Boot context, once, before
 * interrupts are enabled. */
struct mem_stack;
void sched_init(const struct mem_stack *main_stack);

/* The running thread. Any context (NULL before sched_init). Inline: the
 * lock fast paths ask for it every time. */
extern struct thread *sched_running;
static inline struct thread *sched_current(void)
{
	return sched_running;
}

/* Put t, new or woken, on the ready queue. Interrupts disabled. */
void sched_ready(struct thread *t);

/* Block the caller until sched_wake(); waiting_for names why for crash
 * reports. Interrupts disabled; they are disabled again on return. */
void sched_block(const char *waiting_for);

/* Make a blocked t ready; no-op otherwise. Interrupts disabled. */
void sched_wake(struct thread *t);

/* Let every other ready thread run first; POSIX sched_yield() itself
 * (always 0). Thread context. */
int sched_yield(void);

/* Switch away from a thread that has ended, for good. Interrupts
 * disabled. */
__attribute__((noreturn)) void sched_exit_current(void);

/* Called by the arch code around each interrupt: exit switches threads if
 * a woken thread or an expired time slice asks for it. Interrupt context,
 * on the interrupted thread's stack. */
void sched_irq_enter(void);
void sched_irq_exit(void);

/* Where a new thread starts (from arch_thread_switch's first return):
 * enables interrupts, runs t->fn(t->arg), ends with its result. */
__attribute__((noreturn)) void sched_thread_start(void);

/* Whether t is the idle thread. */
bool sched_is_idle(const struct thread *t);

/* CPU time the idle thread has had: nanoseconds the CPU was halted. */
uint64_t sched_idle_ns(void);

/* CPU time of t, including the current run if t is running. */
uint64_t sched_thread_cpu_ns(const struct thread *t);

#endif
