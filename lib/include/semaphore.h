/* SPDX-License-Identifier: MIT */
/*
 * semaphore.h: POSIX unnamed semaphores (newlib has no such header).
 * Named ones (sem_open) need a file system name space ukos does not have.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <limits.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	void *__head, *__tail;
	unsigned __value;
} sem_t;

#define SEM_VALUE_MAX INT_MAX
#define SEM_FAILED    ((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *__restrict sem,
		  const struct timespec *__restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *__restrict sem, int *__restrict value);

#ifdef __cplusplus
}
#endif

#endif
