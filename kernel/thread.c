/* SPDX-License-Identifier: MIT */
/*
 * thread.c: making and ending threads. A thread's struct, its libc state
 * and its stack come from the heap; the page under the stack is unmapped
 * so that an overflow faults. A detached thread cannot free the stack it
 * is running on: it is left on a list and freed by the next
 * thread_create() or thread_detach().
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/wait.h>

/* What thread_create allocates besides the stack. */
struct thread_block {
	struct thread t;
	struct _reent reent;
};

static struct thread *all_threads;
static struct tqueue zombies;
static unsigned next_id = 2;  /* 0: idle, 1: main */
static unsigned thread_count; /* on the list */

/* Timers besides the threads' own: the slice, drivers, the network. */
#define TIMERS_SPARE 64

void thread_list_add(struct thread *t)
{
	t->all_next = all_threads;
	all_threads = t;
	thread_count++;
}

struct thread *thread_next(struct thread *t)
{
	for (t = t ? t->all_next : all_threads; t; t = t->all_next)
		if (t->state != THREAD_DEAD && !sched_is_idle(t))
			return t;
	return NULL;
}

static void list_remove(struct thread *t)
{
	for (struct thread **p = &all_threads; *p; p = &(*p)->all_next) {
		if (*p == t) {
			*p = t->all_next;
			thread_count--;
			return;
		}
	}
}

void thread_set_name(struct thread *t, const char *name)
{
	strncpy(t->name, name, sizeof(t->name) - 1);
	t->name[sizeof(t->name) - 1] = '\0';
}

/* Free an ended thread: give the guard page back to the heap's mapping
 * first, since free() will hand the memory out again. */
static void thread_free(struct thread *t)
{
	unsigned long flags = arch_irq_save();

	list_remove(t);
	arch_irq_restore(flags);
	arch_mm_map_page((uintptr_t)t->stack_alloc);
	free(t->stack_alloc);
	free((struct thread_block *)t);
}

static void reap_zombies(void)
{
	struct tqueue dead;
	struct thread *t;
	unsigned long flags = arch_irq_save();

	dead = zombies;
	for (t = dead.head; t; t = t->qnext)
		t->queue = &dead;
	zombies.head = zombies.tail = NULL;
	arch_irq_restore(flags);
	while ((t = tqueue_pop(&dead)))
		thread_free(t);
}

struct thread *thread_create(void *(*fn)(void *), void *arg, size_t stack_size,
			     const char *name)
{
	size_t size = stack_size ? stack_size : THREAD_STACK_DEFAULT;
	struct thread_block *b;
	struct thread *t;
	void *stack;

	reap_zombies();
	/* Every thread may sleep with a deadline at once: one timer each. */
	if (timer_reserve(thread_count + 1 + TIMERS_SPARE) != 0)
		return NULL;
	size = (size + ARCH_PAGE_SIZE - 1) & ~(size_t)(ARCH_PAGE_SIZE - 1);
	b = calloc(1, sizeof(*b));
	stack = memalign(ARCH_PAGE_SIZE, size + ARCH_PAGE_SIZE);
	if (!b || !stack)
		goto err_free;
	if (arch_mm_unmap_page((uintptr_t)stack) != 0)
		goto err_free;

	t = &b->t;
	_REENT_INIT_PTR(&b->reent);
	t->reent = &b->reent;
	t->fn = fn;
	t->arg = arg;
	t->stack_alloc = stack;
	t->stack_base = (uintptr_t)stack + ARCH_PAGE_SIZE;
	t->stack_size = size;
	t->sp = arch_thread_stack_init(t->stack_base, size);
	t->sig_mask = ~(uint64_t)0; /* the kernel's own take no signals */
	thread_set_name(t, name ? name : "thread");

	unsigned long flags = arch_irq_save();
	t->id = next_id++;
	thread_list_add(t);
	sched_ready(t);
	arch_irq_restore(flags);
	return t;

err_free:
	free(stack);
	free(b);
	return NULL;
}

void thread_exit(void *result)
{
	struct thread *self = sched_current();

	/* libc's buffers (strtok, asctime, ...) of this thread; the main
	 * thread's state is the global one, which exit() still uses. */
	if (self->stack_alloc)
		_reclaim_reent(self->reent);
	arch_irq_save();
	self->result = result;
	waitq_wake_all(&self->joiners);
	if (self->detached && self->stack_alloc)
		tqueue_push(&zombies, self);
	sched_exit_current();
}

int thread_join(struct thread *t, void **result)
{
	unsigned long flags;

	if (t == sched_current())
		return -EDEADLK;
	flags = arch_irq_save();
	if (t->detached || t->joined) {
		arch_irq_restore(flags);
		return -EINVAL;
	}
	t->joined = true;
	/* Signal handlers may run meanwhile; a join goes on after them. */
	while (t->state != THREAD_DEAD)
		waitq_wait_intr(&t->joiners, WAIT_FOREVER, "join",
				WAITQ_RESTART);
	arch_irq_restore(flags);
	if (result)
		*result = t->result;
	if (t->stack_alloc)
		thread_free(t);
	return 0;
}

int thread_detach(struct thread *t)
{
	unsigned long flags = arch_irq_save();
	bool dead = t->state == THREAD_DEAD;

	if (t->detached || t->joined) {
		arch_irq_restore(flags);
		return -EINVAL;
	}
	t->detached = true;
	arch_irq_restore(flags);
	if (dead && t->stack_alloc)
		thread_free(t);
	reap_zombies();
	return 0;
}

unsigned thread_live_count(void)
{
	unsigned long flags = arch_irq_save();
	unsigned n = 0;

	for (struct thread *t = all_threads; t; t = t->all_next)
		n += t->state != THREAD_DEAD && !sched_is_idle(t);
	arch_irq_restore(flags);
	return n;
}

struct thread *thread_by_guard(uintptr_t addr)
{
	for (struct thread *t = all_threads; t; t = t->all_next) {
		uintptr_t guard = t->stack_base - ARCH_PAGE_SIZE;
		if (t->stack_base && addr >= guard && addr < t->stack_base)
			return t;
	}
	return NULL;
}

static const char *state_name(const struct thread *t)
{
	switch (t->state) {
	case THREAD_RUNNING:
		return "running";
	case THREAD_READY:
		return "ready";
	case THREAD_BLOCKED:
		return "blocked";
	case THREAD_DEAD:
		return "ended";
	}
	return "?";
}

void thread_report_all(void)
{
	kprintf("threads:\n");
	for (struct thread *t = all_threads; t; t = t->all_next) {
		kprintf("  %c%-4u %-15s %-8s", t == sched_current() ? '*' : ' ',
			t->id, t->name, state_name(t));
		if (t->state == THREAD_BLOCKED && t->waiting_for)
			kprintf(" on %s", t->waiting_for);
		kprintf("  stack 0x%lx-0x%lx  cpu %lu us\n",
			(unsigned long)t->stack_base,
			(unsigned long)(t->stack_base + t->stack_size),
			(unsigned long)(t->cpu_ns / 1000));
	}
}
