/* SPDX-License-Identifier: MIT */
/*
 * timer.c: kernel timers and sleeping. Tickless: the hardware timer is
 * set for the earliest pending deadline and stopped when none is left.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/timer.h>
#include <ukos/wait.h>

/* Enough for the boot-time timers; thread_create() reserves a slot per
 * thread beyond that, so a sleeping thread always finds one. */
#define TIMER_STATIC 256

static struct timer *slots[TIMER_STATIC];
static struct timer_heap heap = { slots, 0, TIMER_STATIC };

/* Timers lib/ keeps besides (POSIX timers), and the most asked for. */
static unsigned extra, asked;

int timer_reserve_more(int n)
{
	if (n < 0 && (unsigned)-n > extra)
		n = -(int)extra;
	extra += (unsigned)n;
	return timer_reserve(asked);
}

int timer_reserve(unsigned n)
{
	struct timer **items, **old;
	unsigned long flags;

	if (n > asked)
		asked = n;
	n += extra;
	if (n <= heap.cap)
		return 0;
	n = n < 2 * heap.cap ? 2 * heap.cap : n;
	items = malloc(n * sizeof(*items));
	if (!items)
		return -ENOMEM;
	flags = arch_irq_save();
	old = heap.items;
	memcpy(items, old, heap.count * sizeof(*items));
	heap.items = items;
	heap.cap = n;
	arch_irq_restore(flags);
	if (old != slots)
		free(old);
	return 0;
}

/* Program the hardware for the earliest deadline, or stop it. */
static void program(void)
{
	struct timer *next = timer_heap_peek(&heap);

	arch_timer_set(next ? clock_ns_to_cycles(next->deadline) : 0);
}

int timer_start(struct timer *t, uint64_t deadline, void (*fn)(struct timer *))
{
	unsigned long flags = arch_irq_save();
	int err;

	timer_heap_remove(&heap, t);
	t->deadline = deadline;
	t->fn = fn;
	err = timer_heap_push(&heap, t);
	if (!err && timer_heap_peek(&heap) == t)
		program();
	arch_irq_restore(flags);
	return err;
}

bool timer_cancel(struct timer *t)
{
	unsigned long flags = arch_irq_save();
	bool pending = t->slot != 0;

	if (pending) {
		bool was_first = timer_heap_peek(&heap) == t;
		timer_heap_remove(&heap, t);
		if (was_first)
			program();
	}
	arch_irq_restore(flags);
	return pending;
}

void timer_interrupt(void)
{
	struct timer *t;
	uint64_t now = clock_uptime_ns();

	while ((t = timer_heap_peek(&heap)) && t->deadline <= now) {
		timer_heap_remove(&heap, t);
		t->fn(t);
		now = clock_uptime_ns();
	}
	program();
}

int timer_sleep_intr(uint64_t deadline)
{
	unsigned long flags = arch_irq_save();
	int err;

	while ((err = waitq_wait_intr(NULL, deadline, "sleep", 0)) == 0)
		;
	arch_irq_restore(flags);
	return err == -ETIMEDOUT ? 0 : err;
}

void timer_sleep_until(uint64_t deadline)
{
	unsigned long flags = arch_irq_save();

	while (waitq_wait(NULL, deadline, "sleep") == 0)
		; /* woken early by nothing else: sleep on */
	arch_irq_restore(flags);
}
