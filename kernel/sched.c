/* SPDX-License-Identifier: MIT */
/*
 * sched.c: round-robin scheduling on one CPU. A thread runs until it
 * blocks, yields, or — only while another thread is ready — its time
 * slice ends; an interrupt that wakes a thread switches to it on the way
 * out. With one runnable thread no slice timer is armed (tickless), and
 * with none the idle thread halts the CPU.
 */
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/crash.h>
#include <ukos/mem.h>
#include <ukos/thread.h>

#define SLICE_NS   (10 * 1000 * 1000)
#define IDLE_STACK (16u << 10)

static struct thread main_thread = { .name = "main", .id = 1 };
static struct thread idle_thread = { .name = "idle", .id = 0 };
/* The boot code is "main" from its first instruction, so that the kernel
 * mutexes it takes before sched_init count as main's. */
struct thread *sched_running = &main_thread;
int (*thread_upcall)(void);
static struct tqueue ready;
static struct timer slice;
static bool resched;
static unsigned irq_depth;
static char idle_stack[IDLE_STACK] __attribute__((aligned(16)));

/* The slice timer is left running across switches rather than re-armed
 * at each (reprogramming the hardware costs more than a switch): when it
 * fires it ends the running thread's slice only if that thread has had a
 * full one, and otherwise waits for the rest of it. With nothing else
 * ready it stops. */
static void slice_end(struct timer *t)
{
	uint64_t end = sched_running->run_since + SLICE_NS;

	if (tqueue_empty(&ready) || sched_running == &idle_thread)
		return;
	if (clock_uptime_ns() >= end)
		resched = true;
	else
		timer_start(t, end, slice_end);
}

/* A slice timer must be pending whenever a thread runs while another is
 * ready. */
static void slice_ensure(uint64_t now)
{
	if (!slice.slot && !tqueue_empty(&ready) &&
	    sched_running != &idle_thread)
		timer_start(&slice, now + SLICE_NS, slice_end);
}

static void switch_to(struct thread *next)
{
	struct thread *prev = sched_running;
	uint64_t now = clock_uptime_ns();

	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	prev->cpu_ns += now - prev->run_since;
	if (prev == &idle_thread)
		prev->state = THREAD_READY; /* never queued: it just waits */
	next->run_since = now;
	next->state = THREAD_RUNNING;
	next->waiting_for = NULL;
	sched_running = next;
	resched = false;
	slice_ensure(now);
	arch_thread_switch(&prev->sp, next->sp);
}

static struct thread *pick_next(void)
{
	struct thread *t = tqueue_pop(&ready);

	if (t)
		return t;
	idle_thread.state = THREAD_READY;
	return &idle_thread;
}

void sched_ready(struct thread *t)
{
	t->state = THREAD_READY;
	tqueue_push(&ready, t);
	if (sched_running == &idle_thread)
		resched = true;
	else
		slice_ensure(clock_uptime_ns());
}

void sched_block(const char *waiting_for)
{
	sched_running->state = THREAD_BLOCKED;
	sched_running->waiting_for = waiting_for;
	switch_to(pick_next());
}

void sched_wake(struct thread *t)
{
	if (t->state != THREAD_BLOCKED)
		return;
	sched_ready(t);
	if (irq_depth)
		resched = true; /* run it on the way out of the interrupt */
}

/* Put the running thread at the back of the queue and run the first. */
static void requeue_current(void)
{
	if (tqueue_empty(&ready))
		return;
	if (sched_running != &idle_thread)
		sched_ready(sched_running);
	switch_to(tqueue_pop(&ready));
}

int sched_yield(void)
{
	unsigned long flags = arch_irq_save();

	requeue_current();
	arch_irq_restore(flags);
	if (sched_running->intr)
		thread_upcall_point();
	return 0;
}

const struct thread_fault_ops *thread_fault_ops;

bool thread_fault_stack(const struct thread_fault *f, bool irqs_were_on,
			uintptr_t *top)
{
	return irqs_were_on && !irq_depth && thread_fault_ops &&
	       sched_running != &idle_thread &&
	       thread_fault_ops->stack(f, top) == 0;
}

int thread_fault_status(enum thread_fault_kind kind)
{
	/* signal(7): SIGSEGV 11, SIGBUS 7, SIGFPE 8, SIGILL 4, SIGTRAP 5 */
	static const unsigned char sig[] = {
		[FAULT_SEGV_MAPERR] = 11, [FAULT_SEGV_ACCERR] = 11,
		[FAULT_SEGV] = 11,        [FAULT_BUS] = 7,
		[FAULT_FPE_INTDIV] = 8,   [FAULT_FPE] = 8,
		[FAULT_ILL] = 4,          [FAULT_TRAP] = 5,
	};
	return 128 + sig[kind];
}

/* t has an upcall due and may run it: not idle, outside every interrupt
 * handler, holding no kernel mutex (and, thread_upcall_point checks,
 * with interrupts on). */
static bool upcall_due(const struct thread *t)
{
	return t->intr && !t->locks && !irq_depth && thread_upcall &&
	       t != &idle_thread;
}

int thread_upcall_point(void)
{
	unsigned long flags;
	int ran;

	if (!upcall_due(sched_running) || !arch_irq_enabled())
		return THREAD_UPCALL_NONE;
	flags = arch_irq_save();
	ran = thread_upcall();
	arch_irq_restore(flags);
	return ran;
}

void sched_exit_current(void)
{
	sched_running->state = THREAD_DEAD;
	switch_to(pick_next());
	ukos_panic("a dead thread was scheduled");
}

void sched_irq_enter(void)
{
	irq_depth++;
}

void sched_irq_exit(void)
{
	irq_depth--;
	if (resched && sched_running && !irq_depth)
		requeue_current();
	/* Back to the code the interrupt stopped, which had interrupts on:
	 * run the upcall first, as if that code had been preempted by it.
	 * Its frame (registers, FPU state) is below us on this stack. */
	if (upcall_due(sched_running))
		thread_upcall();
}

void sched_thread_start(void)
{
	arch_irq_enable();
	thread_exit(sched_running->fn(sched_running->arg));
}

/* The idle thread: run whatever is ready, else halt until an interrupt.
 * Halting with interrupts disabled until the hlt keeps a wake-up from
 * slipping in between the check and the halt. */
static void *idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		arch_irq_save();
		if (!tqueue_empty(&ready))
			switch_to(tqueue_pop(&ready));
		else
			arch_wait_for_interrupt();
		arch_irq_enable();
	}
	return NULL;
}

void sched_init(const struct mem_stack *main_stack)
{
	main_thread.stack_base = main_stack->base;
	main_thread.stack_size = main_stack->size;
	main_thread.state = THREAD_RUNNING;
	main_thread.run_since = 0; /* boot: asking the clock may calibrate it */
	thread_list_add(&main_thread);
	sched_running = &main_thread;

	idle_thread.fn = idle_loop;
	idle_thread.stack_base = (uintptr_t)idle_stack;
	idle_thread.stack_size = sizeof(idle_stack);
	idle_thread.state = THREAD_READY;
	idle_thread.sp = arch_thread_stack_init(idle_thread.stack_base,
						idle_thread.stack_size);
	thread_list_add(&idle_thread);
}

bool sched_is_idle(const struct thread *t)
{
	return t == &idle_thread;
}

uint64_t sched_thread_cpu_ns(const struct thread *t)
{
	unsigned long flags = arch_irq_save();
	uint64_t ns = t->cpu_ns;

	if (t == sched_running)
		ns += clock_uptime_ns() - t->run_since;
	arch_irq_restore(flags);
	return ns;
}

uint64_t sched_idle_ns(void)
{
	return sched_thread_cpu_ns(&idle_thread);
}
