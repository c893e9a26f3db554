/* SPDX-License-Identifier: MIT */
/*
 * test_timer_heap.c: the pending-timer min-heap (kernel/timer_heap.c):
 * order, removal from any position, capacity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <ukos/timer.h>

#define N 500

static struct timer timers[N];
static struct timer *slots[N];
static struct timer_heap heap;

static void reset(unsigned cap)
{
	heap = (struct timer_heap){ slots, 0, cap };
	for (unsigned i = 0; i < N; i++)
		timers[i] = (struct timer){ 0 };
}

static void check_heap_property(void)
{
	for (unsigned i = 1; i < heap.count; i++)
		assert_true(heap.items[(i - 1) / 2]->deadline <=
			    heap.items[i]->deadline);
	for (unsigned i = 0; i < heap.count; i++)
		assert_int_equal(heap.items[i]->slot, i + 1);
}

static void test_pops_in_order(void **state)
{
	(void)state;
	reset(N);
	srand(1);
	for (unsigned i = 0; i < N; i++) {
		timers[i].deadline = (uint64_t)rand() % 1000; /* duplicates */
		assert_int_equal(timer_heap_push(&heap, &timers[i]), 0);
	}
	check_heap_property();
	uint64_t last = 0;
	for (unsigned i = 0; i < N; i++) {
		struct timer *t = timer_heap_peek(&heap);
		assert_non_null(t);
		assert_true(t->deadline >= last);
		last = t->deadline;
		timer_heap_remove(&heap, t);
		assert_int_equal(t->slot, 0);
	}
	assert_null(timer_heap_peek(&heap));
}

static void test_remove_anywhere(void **state)
{
	(void)state;
	reset(N);
	srand(2);
	for (unsigned i = 0; i < N; i++) {
		timers[i].deadline = (uint64_t)rand();
		timer_heap_push(&heap, &timers[i]);
	}
	for (unsigned i = 0; i < N; i += 3) { /* every third, any position */
		timer_heap_remove(&heap, &timers[i]);
		check_heap_property();
	}
	timer_heap_remove(&heap, &timers[0]); /* not pending: no effect */
	assert_int_equal(heap.count, N - (N + 2) / 3);
	check_heap_property();
}

static void test_capacity(void **state)
{
	(void)state;
	reset(2);
	assert_int_equal(timer_heap_push(&heap, &timers[0]), 0);
	assert_int_equal(timer_heap_push(&heap, &timers[1]), 0);
	assert_int_equal(timer_heap_push(&heap, &timers[2]), -ENOSPC);
	assert_int_equal(timers[2].slot, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pops_in_order),
		cmocka_unit_test(test_remove_anywhere),
		cmocka_unit_test(test_capacity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
