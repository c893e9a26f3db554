/* SPDX-License-Identifier: MIT */
/*
 * timer.c: kernel timers and sleeping. Tickless: the hardware timer is
 * set for the earliest pending deadline and stopped when none is left;
 * an idle CPU halts.
 */
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/timer.h>

#define TIMER_MAX 1024

static struct timer *slots[TIMER_MAX];
static struct timer_heap heap = { slots, 0, TIMER_MAX };
static uint64_t idle_ns;

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

struct sleeper {
	struct timer timer;
	volatile bool woken;
};

static void wake(struct timer *t)
{
	((struct sleeper *)t)->woken = true;
}

void timer_sleep_until(uint64_t deadline)
{
	struct sleeper s = { .woken = false };
	unsigned long flags = arch_irq_save();

	if (clock_uptime_ns() >= deadline) {
		arch_irq_restore(flags);
		return;
	}
	if (timer_start(&s.timer, deadline, wake) != 0) {
		/* Every timer slot taken: wait without one. */
		arch_irq_restore(flags);
		while (clock_uptime_ns() < deadline)
			arch_cpu_relax();
		return;
	}
	while (!s.woken) {
		uint64_t t0 = arch_cycles();
		arch_wait_for_interrupt();
		idle_ns += clock_cycles_to_ns(arch_cycles() - t0);
	}
	arch_irq_restore(flags);
}

uint64_t timer_idle_ns(void)
{
	return idle_ns;
}
