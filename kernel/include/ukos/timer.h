/* SPDX-License-Identifier: MIT */
/*
 * timer.h: one-shot kernel timers on the monotonic clock. Tickless: the
 * hardware timer is programmed for the earliest deadline only, and not at
 * all while none is pending.
 */
#ifndef UKOS_TIMER_H
#define UKOS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct timer {
	uint64_t deadline;          /* ns of clock_uptime_ns() */
	void (*fn)(struct timer *); /* runs in interrupt context */
	unsigned slot;              /* heap index + 1; 0: not pending */
};

/* A binary min-heap of pending timers by deadline, in a fixed array. */
struct timer_heap {
	struct timer **items;
	unsigned count, cap;
};

/* Heap operations (pure; host-tested). push: 0 or -ENOSPC. */
int timer_heap_push(struct timer_heap *h, struct timer *t);
struct timer *timer_heap_peek(const struct timer_heap *h);
void timer_heap_remove(struct timer_heap *h, struct timer *t);

/* Make room for n pending timers. 0 or -ENOMEM. Thread context. */
int timer_reserve(unsigned n);

/* Room for n more (negative: fewer) besides, for timers a program makes
 * (timer_create). 0 or -ENOMEM. Thread context. */
int timer_reserve_more(int n);

/* Arm t to call fn at deadline (ns, monotonic); re-arming moves it.
 * Returns 0 or -ENOSPC. Any context. */
int timer_start(struct timer *t, uint64_t deadline, void (*fn)(struct timer *));

/* Disarm t; true if it was pending. Any context. */
bool timer_cancel(struct timer *t);

/* From the arch code when the hardware timer fires: run what is due and
 * program the next deadline. Interrupt context. */
void timer_interrupt(void);

/* Block until the monotonic clock reaches deadline (ns). Thread context. */
void timer_sleep_until(uint64_t deadline);

#endif
