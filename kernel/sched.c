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
static struct thread *current;
static struct tqueue ready;
static struct timer slice;
static bool resched;
static unsigned irq_depth;
static char idle_stack[IDLE_STACK] __attribute__((aligned(16)));

static void slice_end(struct timer *t)
{
	(void)t;
	resched = true;
}

/* A fresh slice for the thread starting now if another is waiting, no
 * timer at all otherwise. */
static void slice_restart(uint64_t now)
{
	if (!tqueue_empty(&ready) && current != &idle_thread)
		timer_start(&slice, now + SLICE_NS, slice_end);
	else
		timer_cancel(&slice);
}

static void switch_to(struct thread *next)
{
	struct thread *prev = current;
	uint64_t now = clock_uptime_ns();

	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	prev->cpu_ns += now - prev->run_since;
	next->run_since = now;
	next->state = THREAD_RUNNING;
	next->waiting_for = NULL;
	current = next;
	resched = false;
	slice_restart(now);
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
	if (current == &idle_thread)
		resched = true;
	else if (!slice.slot)
		timer_start(&slice, clock_uptime_ns() + SLICE_NS, slice_end);
}

void sched_block(const char *waiting_for)
{
	current->state = THREAD_BLOCKED;
	current->waiting_for = waiting_for;
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
	if (current != &idle_thread)
		sched_ready(current);
	switch_to(tqueue_pop(&ready));
}

int sched_yield(void)
{
	unsigned long flags = arch_irq_save();

	requeue_current();
	arch_irq_restore(flags);
	return 0;
}

void sched_exit_current(void)
{
	current->state = THREAD_DEAD;
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
	if (resched && current && !irq_depth)
		requeue_current();
}

void sched_thread_start(void)
{
	arch_irq_enable();
	thread_exit(current->fn(current->arg));
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
	main_thread.run_since = clock_uptime_ns();
	thread_list_add(&main_thread);
	current = &main_thread;

	idle_thread.fn = idle_loop;
	idle_thread.stack_base = (uintptr_t)idle_stack;
	idle_thread.stack_size = sizeof(idle_stack);
	idle_thread.state = THREAD_READY;
	idle_thread.sp = arch_thread_stack_init(idle_thread.stack_base,
						idle_thread.stack_size);
	thread_list_add(&idle_thread);
}

struct thread *sched_current(void)
{
	return current;
}

bool sched_is_idle(const struct thread *t)
{
	return t == &idle_thread;
}

uint64_t sched_thread_cpu_ns(const struct thread *t)
{
	unsigned long flags = arch_irq_save();
	uint64_t ns = t->cpu_ns;

	if (t == current)
		ns += clock_uptime_ns() - t->run_since;
	arch_irq_restore(flags);
	return ns;
}

uint64_t sched_idle_ns(void)
{
	return sched_thread_cpu_ns(&idle_thread);
}
