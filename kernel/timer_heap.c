/* SPDX-License-Identifier: MIT */
/*
 * timer_heap.c: the pending timers as a binary min-heap; each timer knows
 * its slot, so cancelling is O(log n) too.
 */
#include <errno.h>
#include <stddef.h>
#include <ukos/timer.h>

static void place(struct timer_heap *h, unsigned i, struct timer *t)
{
	h->items[i] = t;
	t->slot = i + 1;
}

static void sift_up(struct timer_heap *h, unsigned i)
{
	struct timer *t = h->items[i];

	while (i > 0) {
		unsigned parent = (i - 1) / 2;
		if (h->items[parent]->deadline <= t->deadline)
			break;
		place(h, i, h->items[parent]);
		i = parent;
	}
	place(h, i, t);
}

static void sift_down(struct timer_heap *h, unsigned i)
{
	struct timer *t = h->items[i];

	for (;;) {
		unsigned c = 2 * i + 1;
		if (c >= h->count)
			break;
		if (c + 1 < h->count &&
		    h->items[c + 1]->deadline < h->items[c]->deadline)
			c++;
		if (t->deadline <= h->items[c]->deadline)
			break;
		place(h, i, h->items[c]);
		i = c;
	}
	place(h, i, t);
}

int timer_heap_push(struct timer_heap *h, struct timer *t)
{
	if (h->count == h->cap)
		return -ENOSPC;
	place(h, h->count++, t);
	sift_up(h, h->count - 1);
	return 0;
}

struct timer *timer_heap_peek(const struct timer_heap *h)
{
	return h->count ? h->items[0] : NULL;
}

void timer_heap_remove(struct timer_heap *h, struct timer *t)
{
	unsigned i = t->slot - 1;

	if (!t->slot)
		return;
	t->slot = 0;
	if (i == --h->count)
		return;
	struct timer *last = h->items[h->count]; /* it fills the hole */
	place(h, i, last);
	sift_up(h, i);
	sift_down(h, last->slot - 1);
}
