/* SPDX-License-Identifier: MIT */
/*
 * threads.h: what lib/'s pthread and semaphore files share — the kernel
 * objects behind the public pthread types, and deadlines from timespecs.
 */
#ifndef UKOS_LIB_THREADS_H
#define UKOS_LIB_THREADS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <ukos/wait.h>

/* The kernel object a public type is, checked against its layout. */
#define LIB_OBJECT(kind, public_type)                                          \
	_Static_assert(sizeof(struct kind) == sizeof(public_type),             \
		       #public_type " and struct " #kind " differ in size");   \
	static inline struct kind *kind##_of(public_type *p)                   \
	{                                                                      \
		return (struct kind *)p;                                       \
	}

/* pthread_mutex_t */
struct pmutex {
	struct kmutex m;
	unsigned depth; /* times taken by the owner (recursive ones) */
	int type;
};
LIB_OBJECT(pmutex, pthread_mutex_t)

struct thread;

static inline struct thread *thread_of(pthread_t t)
{
	return (struct thread *)t;
}

/*
 * The monotonic deadline (ns) at which clock id (CLOCK_REALTIME or
 * CLOCK_MONOTONIC; 0 means realtime) reaches abstime. Returns 0, or
 * -EINVAL for another clock or a malformed abstime.
 */
int clock_deadline_ns(clockid_t id, const struct timespec *abstime,
		      uint64_t *deadline);

/* pthread_cond.c: pthread_cond_timedwait (deadline: monotonic ns, or
 * WAIT_FOREVER) that a signal handler ends with EINTR unless restart and
 * the handler was SA_RESTART. 0 or an error number. */
int pthread_cond_wait_intr(pthread_cond_t *c, pthread_mutex_t *mp,
			   uint64_t deadline, bool restart);

/* pthread_key.c: run the calling thread's key destructors, free its
 * values. */
void pthread_keys_exit(void);

#endif
