/* SPDX-License-Identifier: MIT */
/*
 * life.c: threads' lives — results through join, detach, attributes,
 * names, per-thread errno, keys' destructors, memory given back, and libc
 * (malloc, stdio) from many threads at once.
 */
#define _GNU_SOURCE /* pthread_setname_np, as on Linux */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <reent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static void *times_three(void *arg)
{
	return (void *)((long)arg * 3);
}

static void *exit_early(void *arg)
{
	pthread_exit((void *)((long)arg + 1000));
	return NULL; /* not reached */
}

static void *self_of(void *arg)
{
	(void)arg;
	return (void *)pthread_self();
}

void test_join_values(void)
{
	pthread_t t[16], me = pthread_self();
	void *r;

	for (long i = 0; i < 16; i++)
		CHECK(pthread_create(&t[i], NULL,
				     i % 2 ? times_three : exit_early,
				     (void *)i) == 0);
	for (long i = 0; i < 16; i++) {
		CHECK(pthread_join(t[i], &r) == 0);
		CHECK((long)r == (i % 2 ? i * 3 : i + 1000));
	}
	CHECK(pthread_create(&t[0], NULL, self_of, NULL) == 0);
	CHECK(pthread_join(t[0], &r) == 0 && (pthread_t)r == t[0]);
	CHECK(!pthread_equal(t[0], me) && pthread_equal(me, pthread_self()));
	CHECK(pthread_join(me, NULL) == EDEADLK);
}

static void *nap(void *arg)
{
	usleep((useconds_t)(long)arg);
	return NULL;
}

void test_attrs(void)
{
	pthread_attr_t a;
	pthread_t t;
	size_t size;
	int state;

	CHECK(pthread_attr_init(&a) == 0);
	CHECK(pthread_attr_getdetachstate(&a, &state) == 0 &&
	      state == PTHREAD_CREATE_JOINABLE);
	CHECK(pthread_attr_setdetachstate(&a, 7) == EINVAL);
	CHECK(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1) == EINVAL);
	CHECK(pthread_attr_setstacksize(&a, 1 << 20) == 0);
	CHECK(pthread_attr_getstacksize(&a, &size) == 0 && size == 1 << 20);
	char stack[64];
	CHECK(pthread_attr_setstack(&a, stack, sizeof(stack)) == EINVAL);

	/* Detached: runs, cannot be joined, frees itself. */
	CHECK(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0);
	CHECK(pthread_create(&t, &a, nap, (void *)10000L) == 0);
	CHECK(pthread_join(t, NULL) == EINVAL);
	usleep(30000);
	CHECK(pthread_attr_destroy(&a) == 0);
	CHECK(pthread_create(&t, &a, nap, NULL) == EINVAL); /* destroyed */

	/* Detach after the start, and twice. */
	CHECK(pthread_create(&t, NULL, nap, (void *)5000L) == 0);
	CHECK(pthread_detach(t) == 0);
	CHECK(pthread_detach(t) == EINVAL);
	usleep(20000);
}

/* Use most of a 1 MiB stack: the size asked for is the size given. */
static void *deep(void *arg)
{
	volatile char big[900 << 10];

	memset((char *)big, 1, sizeof(big));
	return (void *)(long)(big[0] + big[sizeof(big) - 1] + (long)arg);
}

void test_big_stack(void)
{
	pthread_attr_t a;
	pthread_t t;
	void *r;

	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 1 << 20);
	CHECK(pthread_create(&t, &a, deep, (void *)40L) == 0);
	CHECK(pthread_join(t, &r) == 0 && (long)r == 42);
}

static void *named(void *arg)
{
	char name[16];

	(void)arg;
	CHECK(pthread_setname_np(pthread_self(), "worker-7") == 0);
	CHECK(pthread_getname_np(pthread_self(), name, sizeof(name)) == 0);
	CHECK(strcmp(name, "worker-7") == 0);
	return NULL;
}

void test_names(void)
{
	pthread_t t;
	char name[16];

	CHECK(pthread_getname_np(pthread_self(), name, sizeof(name)) == 0);
	CHECK(strcmp(name, "main") == 0);
	CHECK(pthread_getname_np(pthread_self(), name, 3) == ERANGE);
	CHECK(pthread_setname_np(pthread_self(),
				 "a-name-far-too-long-for-it") == ERANGE);
	CHECK(pthread_create(&t, NULL, named, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
}

/* Each thread's errno is its own: set one, let the others run (and set
 * theirs), read it back. */
static void *own_errno(void *arg)
{
	int mine = (int)(long)arg;

	for (int i = 0; i < 50; i++) {
		errno = mine;
		sched_yield();
		usleep(100);
		if (errno != mine)
			return (void *)1L;
	}
	/* And a libc call failing sets this thread's errno only. */
	if (close(-1) != -1 || errno != EBADF)
		return (void *)2L;
	return NULL;
}

void test_errno_per_thread(void)
{
	pthread_t t[8];

	errno = 0;
	for (long i = 0; i < 8; i++)
		CHECK(pthread_create(&t[i], NULL, own_errno,
				     (void *)(i + 100)) == 0);
	for (int i = 0; i < 8; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0 && r == NULL);
	}
	CHECK(errno == 0);
}

static pthread_key_t key, key_nodtor;
static volatile int destructed;
static volatile long destructed_sum;

static void dtor(void *v)
{
	destructed++;
	destructed_sum += (long)v;
}

static void *use_key(void *arg)
{
	CHECK(pthread_getspecific(key) == NULL);
	CHECK(pthread_setspecific(key, arg) == 0);
	CHECK(pthread_setspecific(key_nodtor, arg) == 0);
	usleep(1000);
	CHECK(pthread_getspecific(key) == arg);
	if ((long)arg == 3)
		pthread_exit(NULL); /* destructors run on pthread_exit too */
	return NULL;
}

void test_keys(void)
{
	pthread_t t[6];

	CHECK(pthread_key_create(&key, dtor) == 0);
	CHECK(pthread_key_create(&key_nodtor, NULL) == 0);
	CHECK(pthread_setspecific(key, (void *)99L) == 0);
	for (long i = 0; i < 6; i++)
		CHECK(pthread_create(&t[i], NULL, use_key, (void *)(i + 1)) ==
		      0);
	for (int i = 0; i < 6; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("keys: %d destructor calls, sum %ld\n", destructed,
	       destructed_sum);
	CHECK(destructed == 6 && destructed_sum == 21);
	CHECK(pthread_getspecific(key) == (void *)99L); /* main's own */
	CHECK(pthread_key_delete(key) == 0);
	CHECK(pthread_key_delete(key) == EINVAL);
	CHECK(pthread_setspecific(key, NULL) == EINVAL);
	CHECK(pthread_key_delete(key_nodtor) == 0);
	pthread_key_t k2;
	CHECK(pthread_key_create(&k2, NULL) == 0);
	CHECK(pthread_getspecific(k2) == NULL); /* no stale value */
}

/* Thousands of threads over time, joined and detached: memory comes back
 * (struct, libc state, stack with its guard page). */
void test_many_threads(void)
{
	pthread_attr_t det;
	pthread_t t;
	int ok = 0;

	pthread_attr_init(&det);
	pthread_attr_setdetachstate(&det, PTHREAD_CREATE_DETACHED);
	/* Warm up so that libc's one-time allocations are out of the way. */
	CHECK(pthread_create(&t, NULL, times_three, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	size_t before = mallinfo().uordblks;
	for (int i = 0; i < 2000; i++) {
		ok += pthread_create(&t, NULL, times_three, NULL) == 0 &&
		      pthread_join(t, NULL) == 0;
		ok += pthread_create(&t, &det, times_three, NULL) == 0;
	}
	usleep(10000);
	CHECK(pthread_create(&t, NULL, times_three, NULL) == 0); /* reaps */
	CHECK(pthread_join(t, NULL) == 0);
	size_t after = mallinfo().uordblks;
	printf("4000 threads: %d ok; heap in use %zu -> %zu bytes\n", ok,
	       before, after);
	CHECK(ok == 4000);
	CHECK(after <= before + 4096);
}

/* More threads asleep at once than the kernel's boot-time timer slots:
 * every one still wakes. */
void test_many_sleepers(void)
{
	enum { SLEEPERS = 600 };
	static pthread_t t[SLEEPERS];
	pthread_attr_t small;
	int created = 0, joined = 0;
	int64_t t0 = now_ns(CLOCK_MONOTONIC);

	pthread_attr_init(&small);
	pthread_attr_setstacksize(&small, PTHREAD_STACK_MIN);
	for (int i = 0; i < SLEEPERS; i++)
		created += pthread_create(&t[i], &small, nap,
					  (void *)100000L) == 0;
	for (int i = 0; i < created; i++)
		joined += pthread_join(t[i], NULL) == 0;
	printf("%d sleepers: %d woke, in %lld ms\n", created, joined,
	       (long long)((now_ns(CLOCK_MONOTONIC) - t0) / 1000000));
	CHECK(created == SLEEPERS && joined == SLEEPERS);
}

/* malloc and printf from several threads at once: no crash, no lost or
 * torn lines (each line is one printf of a FILE that locks). */
static void *busy_libc(void *arg)
{
	long id = (long)arg;
	char *p[32] = { 0 };

	for (int i = 0; i < 2000; i++) {
		int k = rand() % 32;
		free(p[k]);
		p[k] = malloc((size_t)(rand() % 4000) + 1);
		if (!p[k])
			return (void *)1L;
		memset(p[k], (int)id, 1);
		if (i % 500 == 0) {
			char line[64];
			snprintf(line, sizeof(line), "libc thread %ld at %d",
				 id, i);
			printf("%s\n", line);
		}
	}
	for (int k = 0; k < 32; k++)
		free(p[k]);
	return NULL;
}

static volatile int allocated;

static void *allocate(void *arg)
{
	(void)arg;
	free(malloc(100));
	allocated = 1;
	return NULL;
}

/* newlib's malloc lock is ukos's mutex, not newlib's no-op stub: while
 * main holds it, another thread's malloc waits. */
static void check_malloc_lock(void)
{
	pthread_t t;

	__malloc_lock(_REENT);
	CHECK(pthread_create(&t, NULL, allocate, NULL) == 0);
	usleep(20000);
	CHECK(allocated == 0);
	__malloc_unlock(_REENT);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(allocated == 1);
}

void test_libc_from_threads(void)
{
	pthread_t t[8];

	check_malloc_lock();

	for (long i = 0; i < 8; i++)
		CHECK(pthread_create(&t[i], NULL, busy_libc, (void *)i) == 0);
	for (int i = 0; i < 8; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0 && r == NULL);
	}
	fflush(stdout);
}
