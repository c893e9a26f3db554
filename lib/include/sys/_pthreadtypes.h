/* SPDX-License-Identifier: MIT */
/*
 * sys/_pthreadtypes.h: ukos's pthread types, in place of newlib's (which
 * number objects through tables ukos does not have). Every object is
 * plain memory that an all-zero initializer makes ready; the fields
 * mirror the kernel's structures (lib/pthread_*.c checks the sizes).
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>

typedef unsigned long pthread_t;

#define PTHREAD_SCOPE_PROCESS  0
#define PTHREAD_SCOPE_SYSTEM   1
#define PTHREAD_INHERIT_SCHED  1
#define PTHREAD_EXPLICIT_SCHED 2

#define PTHREAD_CREATE_DETACHED 0
#define PTHREAD_CREATE_JOINABLE 1

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

#define PTHREAD_STACK_MIN 16384

typedef struct {
	int __initialized;
	int __detachstate;
	__SIZE_TYPE__ __stacksize;
	__SIZE_TYPE__ __guardsize;
	void *__stackaddr;
	int __inheritsched;
	int __schedpolicy;
	int __scope;
	struct sched_param __schedparam;
} pthread_attr_t;

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    3

typedef struct {
	void *__owner, *__head, *__tail;
	unsigned __depth;
	int __type;
} pthread_mutex_t;

typedef struct {
	int __type;
	int __pshared;
} pthread_mutexattr_t;

#define _PTHREAD_MUTEX_INITIALIZER                                             \
	{                                                                      \
		0, 0, 0, 0, 0                                                  \
	}

typedef struct {
	void *__head, *__tail;
	int __clock;
} pthread_cond_t;

typedef struct {
	int __clock;
	int __pshared;
} pthread_condattr_t;

#define _PTHREAD_COND_INITIALIZER                                              \
	{                                                                      \
		0, 0, 0                                                        \
	}

typedef unsigned pthread_key_t;

typedef struct {
	int __state;
} pthread_once_t;

#define _PTHREAD_ONCE_INIT                                                     \
	{                                                                      \
		0                                                              \
	}

typedef struct {
	void *__head, *__tail;
	void *__writer;
	unsigned __readers;
	unsigned __writers_waiting;
} pthread_rwlock_t;

typedef struct {
	int __pshared;
} pthread_rwlockattr_t;

#define _PTHREAD_RWLOCK_INITIALIZER                                            \
	{                                                                      \
		0, 0, 0, 0, 0                                                  \
	}

#endif
