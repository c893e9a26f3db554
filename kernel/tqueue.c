/* SPDX-License-Identifier: MIT */
/*
 * tqueue.c: FIFO queues of threads (the ready queue, wait queues), linked
 * through the threads so that queueing never allocates.
 */
#include <stddef.h>
#include <ukos/thread.h>

void tqueue_push(struct tqueue *q, struct thread *t)
{
	t->qnext = NULL;
	t->qprev = q->tail;
	if (q->tail)
		q->tail->qnext = t;
	else
		q->head = t;
	q->tail = t;
	t->queue = q;
}

void tqueue_remove(struct tqueue *q, struct thread *t)
{
	if (t->queue != q)
		return;
	if (t->qprev)
		t->qprev->qnext = t->qnext;
	else
		q->head = t->qnext;
	if (t->qnext)
		t->qnext->qprev = t->qprev;
	else
		q->tail = t->qprev;
	t->qnext = t->qprev = NULL;
	t->queue = NULL;
}

struct thread *tqueue_pop(struct tqueue *q)
{
	struct thread *t = q->head;

	if (t)
		tqueue_remove(q, t);
	return t;
}
