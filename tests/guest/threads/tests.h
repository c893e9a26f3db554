/* SPDX-License-Identifier: MIT */
/*
 * tests.h: the thread tests' shared helpers and their groups.
 */
#ifndef THREADS_TESTS_H
#define THREADS_TESTS_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "../check.h"

static inline int64_t now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* abstime ms from now on clock id. */
static inline struct timespec in_ms(clockid_t id, long ms)
{
	int64_t ns = now_ns(id) + (int64_t)ms * 1000000;

	return (struct timespec){ ns / 1000000000, ns % 1000000000 };
}

/* sync.c: mutexes, condition variables, rwlocks, once, semaphores. */
void test_mutex_counter(void);
void test_mutex_types(void);
void test_mutex_timedlock(void);
void test_producer_consumer(void);
void test_cond_timedwait(void);
void test_rwlock(void);
void test_once(void);
void test_semaphores(void);

/* life.c: creating, joining, detaching, keys, errno, names, libc. */
void test_join_values(void);
void test_attrs(void);
void test_names(void);
void test_big_stack(void);
void test_errno_per_thread(void);
void test_keys(void);
void test_many_threads(void);
void test_many_sleepers(void);
void test_libc_from_threads(void);

/* sched.c: preemption, FPU state, tickless idle, CPU clocks. */
void test_spinner_vs_sleeper(void);
void test_fpu_preemption(void);
void test_tickless(void);
void test_yield(void);
void test_thread_cputime(void);

#endif
