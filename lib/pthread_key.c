/* SPDX-License-Identifier: MIT */
/*
 * pthread_key.c: thread-specific data and pthread_once. A thread's values
 * live in an array made on its first pthread_setspecific(); a key's
 * generation number tells a deleted-and-reused key's stale values apart.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukos/arch.h>
#include <ukos/thread.h>

#include "threads.h"

#define KEYS_MAX          128 /* POSIX asks for at least 128 */
#define DESTRUCTOR_ROUNDS 4   /* PTHREAD_DESTRUCTOR_ITERATIONS */

struct key {
	bool used;
	unsigned gen;
	void (*destructor)(void *);
};

struct value {
	unsigned gen;
	const void *v;
};

static struct key keys[KEYS_MAX];

int pthread_key_create(pthread_key_t *k, void (*destructor)(void *))
{
	unsigned long flags = arch_irq_save();

	for (unsigned i = 0; i < KEYS_MAX; i++) {
		if (!keys[i].used) {
			keys[i].used = true;
			keys[i].gen++;
			keys[i].destructor = destructor;
			arch_irq_restore(flags);
			*k = i;
			return 0;
		}
	}
	arch_irq_restore(flags);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t k)
{
	if (k >= KEYS_MAX || !keys[k].used)
		return EINVAL;
	keys[k].used = false;
	return 0;
}

static struct value *values(void)
{
	return sched_current()->libc;
}

int pthread_setspecific(pthread_key_t k, const void *v)
{
	struct thread *self = sched_current();

	if (k >= KEYS_MAX || !keys[k].used)
		return EINVAL;
	if (!self->libc) {
		self->libc = calloc(KEYS_MAX, sizeof(struct value));
		if (!self->libc)
			return ENOMEM;
	}
	values()[k] = (struct value){ keys[k].gen, v };
	return 0;
}

void *pthread_getspecific(pthread_key_t k)
{
	struct value *vs = values();

	if (!vs || k >= KEYS_MAX || !keys[k].used || vs[k].gen != keys[k].gen)
		return NULL;
	return (void *)vs[k].v;
}

/* POSIX: each non-NULL value of a key with a destructor is set to NULL
 * and passed to it; destructors may set values again, so repeat a few
 * times. */
void pthread_keys_exit(void)
{
	struct value *vs = values();
	bool again = true;

	for (int round = 0; vs && again && round < DESTRUCTOR_ROUNDS; round++) {
		again = false;
		for (unsigned k = 0; k < KEYS_MAX; k++) {
			void *v = (void *)vs[k].v;
			if (!v || !keys[k].used || vs[k].gen != keys[k].gen ||
			    !keys[k].destructor)
				continue;
			vs[k].v = NULL;
			keys[k].destructor(v);
			again = true;
		}
	}
	free(vs);
	sched_current()->libc = NULL;
}

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };
static struct waitq once_waiters;

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	unsigned long flags = arch_irq_save();

	while (once->__state == ONCE_RUNNING)
		waitq_wait(&once_waiters, WAIT_FOREVER, "pthread_once");
	if (once->__state == ONCE_DONE) {
		arch_irq_restore(flags);
		return 0;
	}
	once->__state = ONCE_RUNNING;
	arch_irq_restore(flags);
	fn();
	flags = arch_irq_save();
	once->__state = ONCE_DONE;
	waitq_wake_all(&once_waiters);
	arch_irq_restore(flags);
	return 0;
}
