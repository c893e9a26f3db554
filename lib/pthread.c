/* SPDX-License-Identifier: MIT */
/*
 * pthread.c: POSIX threads — create, join, detach, exit, self, names,
 * attributes — on kernel threads. Errors are returned, not put in errno,
 * as POSIX specifies for pthread functions.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/thread.h>

#include "signal/sig.h"
#include "threads.h"

/* What a pthread starts with: the kernel runs start(), which calls the
 * app's routine and ends through pthread_exit() so that keys' destructors
 * run either way. */
struct start {
	void *(*fn)(void *);
	void *arg;
};

static void *start(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	pthread_exit(s.fn(s.arg));
}

int pthread_create(pthread_t *th, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	size_t stack = attr ? attr->__stacksize : 0;
	struct start *s;
	struct thread *t;

	if (!fn || (attr && !attr->__initialized))
		return EINVAL;
	s = malloc(sizeof(*s));
	if (!s)
		return EAGAIN;
	*s = (struct start){ fn, arg };
	t = thread_create(start, s, stack, "thread");
	if (!t) {
		free(s);
		return EAGAIN;
	}
	signal_thread_init(t); /* POSIX: the creator's signal mask */
	*th = (pthread_t)t;
	if (attr && attr->__detachstate == PTHREAD_CREATE_DETACHED)
		thread_detach(t);
	return 0;
}

void pthread_exit(void *result)
{
	pthread_keys_exit();
	/* POSIX: the process ends, with status 0, with its last thread. */
	if (thread_live_count() == 1)
		exit(0);
	thread_exit(result);
}

int pthread_join(pthread_t th, void **result)
{
	return -thread_join(thread_of(th), result);
}

int pthread_detach(pthread_t th)
{
	return -thread_detach(thread_of(th));
}

pthread_t pthread_self(void)
{
	return (pthread_t)sched_current();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* As Linux: the name with its NUL must fit in 16 bytes, else ERANGE. */
int pthread_setname_np(pthread_t th, const char *name)
{
	if (strlen(name) >= THREAD_NAME_MAX)
		return ERANGE;
	thread_set_name(thread_of(th), name);
	return 0;
}

int pthread_getname_np(pthread_t th, char *buf, size_t len)
{
	const char *name = thread_of(th)->name;

	if (strlen(name) >= len)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

int pthread_attr_init(pthread_attr_t *a)
{
	*a = (pthread_attr_t){
		.__initialized = 1,
		.__detachstate = PTHREAD_CREATE_JOINABLE,
		.__stacksize = THREAD_STACK_DEFAULT,
		.__guardsize = 4096,
		.__inheritsched = PTHREAD_INHERIT_SCHED,
		.__scope = PTHREAD_SCOPE_SYSTEM,
	};
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	a->__initialized = 0;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->__detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state)
{
	*state = a->__detachstate;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *a, size_t *size)
{
	*size = a->__stacksize;
	return 0;
}

/* Every stack gets one unmapped guard page, whatever is asked; the size
 * is kept only to be read back, as POSIX allows. */
int pthread_attr_setguardsize(pthread_attr_t *a, size_t size)
{
	a->__guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *a, size_t *size)
{
	*size = a->__guardsize;
	return 0;
}

/* Stacks are always ukos's own, each with its guard page: a stack the
 * caller provides is refused. */
int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size)
{
	(void)a, (void)addr, (void)size;
	return EINVAL;
}

int pthread_attr_getstack(const pthread_attr_t *a, void **addr, size_t *size)
{
	*addr = NULL;
	*size = a->__stacksize;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *a, const struct sched_param *p)
{
	a->__schedparam = *p;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *a, struct sched_param *p)
{
	*p = a->__schedparam;
	return 0;
}

/* One CPU and one scheduling policy: concurrency hints change nothing. */
int pthread_setconcurrency(int level)
{
	return level < 0 ? EINVAL : 0;
}

int pthread_getconcurrency(void)
{
	return 0;
}

void pthread_yield(void)
{
	sched_yield();
}
