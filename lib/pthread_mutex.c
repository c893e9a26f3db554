/* SPDX-License-Identifier: MIT */
/*
 * pthread_mutex.c: normal, recursive and error-checking mutexes on the
 * kernel mutex, with trylock and timedlock.
 */
#include <errno.h>
#include <pthread.h>

#include "threads.h"

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	*a = (pthread_mutexattr_t){ PTHREAD_MUTEX_DEFAULT,
				    PTHREAD_PROCESS_PRIVATE };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_DEFAULT)
		return EINVAL;
	a->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *a, int *type)
{
	*type = a->__type;
	return 0;
}

/* One process: "shared" and "private" mean the same thing. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE &&
	    pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *a, int *pshared)
{
	*pshared = a->__pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *mp, const pthread_mutexattr_t *a)
{
	*mp = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	pmutex_of(mp)->type = a ? a->__type : PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mp)
{
	return pmutex_of(mp)->m.owner ? EBUSY : 0; /* held or awaited */
}

/* The owner locking again: counted, refused, or (normal and default, as
 * POSIX says) a deadlock — which blocks like one. */
static int relock(struct pmutex *p, int *err)
{
	if (!kmutex_held(&p->m))
		return 0;
	if (p->type == PTHREAD_MUTEX_RECURSIVE) {
		p->depth++;
		*err = 0;
		return 1;
	}
	if (p->type == PTHREAD_MUTEX_ERRORCHECK) {
		*err = EDEADLK;
		return 1;
	}
	return 0;
}

static int lock(pthread_mutex_t *mp, uint64_t deadline)
{
	struct pmutex *p = pmutex_of(mp);
	int err;

	if (relock(p, &err))
		return err;
	err = -kmutex_lock(&p->m, deadline);
	if (!err)
		p->depth = 1;
	return err;
}

int pthread_mutex_lock(pthread_mutex_t *mp)
{
	struct pmutex *p = pmutex_of(mp);

	if (kmutex_trylock(&p->m) == 0) { /* free: the common case */
		p->depth = 1;
		return 0;
	}
	return lock(mp, WAIT_FOREVER);
}

int pthread_mutex_timedlock(pthread_mutex_t *mp, const struct timespec *abs)
{
	uint64_t deadline;

	if (kmutex_trylock(&pmutex_of(mp)->m) == 0) {
		pmutex_of(mp)->depth = 1;
		return 0; /* POSIX: abs is not checked if it is free */
	}
	if (clock_deadline_ns(CLOCK_REALTIME, abs, &deadline))
		return EINVAL;
	return lock(mp, deadline);
}

int pthread_mutex_trylock(pthread_mutex_t *mp)
{
	struct pmutex *p = pmutex_of(mp);

	if (kmutex_held(&p->m) && p->type == PTHREAD_MUTEX_RECURSIVE) {
		p->depth++;
		return 0;
	}
	if (kmutex_trylock(&p->m))
		return EBUSY;
	p->depth = 1;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *mp)
{
	struct pmutex *p = pmutex_of(mp);

	if (!kmutex_held(&p->m))
		return EPERM;
	if (--p->depth == 0)
		kmutex_unlock(&p->m);
	return 0;
}
