/* SPDX-License-Identifier: MIT */
/*
 * test_tqueue.c: the scheduler's thread queues (kernel/tqueue.c): FIFO
 * order, removal from any position, a thread on one queue at a time, and
 * a randomized comparison against an array model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/thread.h>

#define N 64

static struct thread threads[N];

static void reset(void)
{
	for (unsigned i = 0; i < N; i++)
		threads[i] = (struct thread){ .id = i };
}

/* Walk q both ways: links agree, every member points back at q. */
static unsigned check_links(const struct tqueue *q)
{
	unsigned n = 0;
	const struct thread *prev = NULL;

	for (const struct thread *t = q->head; t; prev = t, t = t->qnext) {
		assert_ptr_equal(t->qprev, prev);
		assert_ptr_equal(t->queue, q);
		n++;
	}
	assert_ptr_equal(q->tail, prev);
	return n;
}

static void test_fifo(void **state)
{
	struct tqueue q = { 0 };

	(void)state;
	reset();
	assert_true(tqueue_empty(&q));
	assert_null(tqueue_pop(&q));
	for (unsigned i = 0; i < N; i++)
		tqueue_push(&q, &threads[i]);
	assert_int_equal(check_links(&q), N);
	for (unsigned i = 0; i < N; i++) {
		struct thread *t = tqueue_pop(&q);
		assert_ptr_equal(t, &threads[i]);
		assert_null(t->queue);
		assert_null(t->qnext);
		assert_null(t->qprev);
	}
	assert_true(tqueue_empty(&q));
	assert_null(q.tail);
}

static void test_remove_anywhere(void **state)
{
	struct tqueue q = { 0 };

	(void)state;
	reset();
	for (unsigned i = 0; i < 5; i++)
		tqueue_push(&q, &threads[i]);
	tqueue_remove(&q, &threads[2]); /* middle */
	tqueue_remove(&q, &threads[0]); /* head */
	tqueue_remove(&q, &threads[4]); /* tail */
	assert_int_equal(check_links(&q), 2);
	assert_ptr_equal(tqueue_pop(&q), &threads[1]);
	assert_ptr_equal(tqueue_pop(&q), &threads[3]);
	assert_true(tqueue_empty(&q));
}

/* A timeout may race a wake: removing a thread that is no longer on the
 * queue (or is on another) must change nothing. */
static void test_remove_not_member(void **state)
{
	struct tqueue a = { 0 }, b = { 0 };

	(void)state;
	reset();
	tqueue_push(&a, &threads[0]);
	tqueue_push(&b, &threads[1]);
	tqueue_remove(&a, &threads[1]);
	tqueue_remove(&b, &threads[2]);
	assert_int_equal(check_links(&a), 1);
	assert_int_equal(check_links(&b), 1);
	assert_ptr_equal(tqueue_pop(&a), &threads[0]);
	tqueue_remove(&a, &threads[0]); /* already off */
	assert_true(tqueue_empty(&a));
	assert_ptr_equal(threads[1].queue, &b);
}

static void test_random_against_model(void **state)
{
	struct tqueue q = { 0 };
	struct thread *model[N];
	unsigned n = 0;

	(void)state;
	reset();
	srand(7);
	for (int step = 0; step < 20000; step++) {
		struct thread *t = &threads[rand() % N];
		int op = rand() % 3;
		if (op == 0 && !t->queue) {
			tqueue_push(&q, t);
			model[n++] = t;
		} else if (op == 1) {
			struct thread *got = tqueue_pop(&q);
			assert_ptr_equal(got, n ? model[0] : NULL);
			if (n)
				memmove(model, model + 1, --n * sizeof(*model));
		} else if (op == 2 && t->queue) {
			unsigned i = 0;
			while (model[i] != t)
				i++;
			memmove(model + i, model + i + 1,
				(--n - i) * sizeof(*model));
			tqueue_remove(&q, t);
		}
		assert_int_equal(check_links(&q), n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_remove_anywhere),
		cmocka_unit_test(test_remove_not_member),
		cmocka_unit_test(test_random_against_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
