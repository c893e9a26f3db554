/* SPDX-License-Identifier: MIT */
/*
 * The "threads" benchmark guest (tools/ukos-bench): what threads cost —
 * a sched_yield() switch between two threads, an uncontended mutex
 * lock+unlock, a condition-variable round trip between two threads, a
 * create+join, a clock_gettime(). Portable POSIX C: the same file runs as
 * a ukos app and as /init of a minimal Linux guest (built with musl), so
 * the two are measured side by side under the same QEMU (that build
 * defines BENCH_LINUX_INIT: ukos is built by the host gcc, which defines
 * __linux__ too). Prints
 * "RESULT threads NAME median=.. min=.. max=.." lines.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../bench.h"

#ifdef BENCH_LINUX_INIT
#include "../linux_init.h"
#endif

static void report(const char *name, int64_t (*fn)(void))
{
	bench_report("threads", name, fn);
}

#define YIELDS 20000

static void *yielder(void *arg)
{
	(void)arg;
	for (int i = 0; i < YIELDS; i++)
		sched_yield();
	return NULL;
}

/* Two threads yielding to each other: 2 * YIELDS switches. */
static int64_t yield_switch_ns(void)
{
	pthread_t a, b;
	int64_t t0 = now_ns();

	pthread_create(&a, NULL, yielder, NULL);
	pthread_create(&b, NULL, yielder, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	return (now_ns() - t0) / (2 * YIELDS);
}

#define LOCKS 200000

static int64_t mutex_ns(void)
{
	static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	int64_t t0 = now_ns();

	for (int i = 0; i < LOCKS; i++) {
		pthread_mutex_lock(&m);
		pthread_mutex_unlock(&m);
	}
	return (now_ns() - t0) / LOCKS;
}

#define ROUND_TRIPS 5000

static struct {
	pthread_mutex_t m;
	pthread_cond_t c;
	int turn;
} pp = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };

static void *ponger(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pp.m);
	for (int i = 0; i < ROUND_TRIPS; i++) {
		while (pp.turn != 1)
			pthread_cond_wait(&pp.c, &pp.m);
		pp.turn = 0;
		pthread_cond_signal(&pp.c);
	}
	pthread_mutex_unlock(&pp.m);
	return NULL;
}

/* Hand a token to another thread and wait for it back. */
static int64_t cond_round_trip_ns(void)
{
	pthread_t t;
	int64_t t0 = now_ns();

	pp.turn = 0;
	pthread_create(&t, NULL, ponger, NULL);
	pthread_mutex_lock(&pp.m);
	for (int i = 0; i < ROUND_TRIPS; i++) {
		pp.turn = 1;
		pthread_cond_signal(&pp.c);
		while (pp.turn != 0)
			pthread_cond_wait(&pp.c, &pp.m);
	}
	pthread_mutex_unlock(&pp.m);
	pthread_join(t, NULL);
	return (now_ns() - t0) / ROUND_TRIPS;
}

#define CREATES 500

static void *nothing(void *arg)
{
	return arg;
}

static int64_t create_join_ns(void)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < CREATES; i++) {
		pthread_t t;
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	return (now_ns() - t0) / CREATES;
}

#define CLOCK_READS 100000

static int64_t clock_gettime_ns(void)
{
	int64_t t0 = now_ns();

	for (int i = 0; i < CLOCK_READS; i++)
		now_ns();
	return (now_ns() - t0) / CLOCK_READS;
}

int main(void)
{
#ifdef BENCH_LINUX_INIT
	linux_init_console();
#endif
	report("yield_switch_ns", yield_switch_ns);
	report("mutex_lock_unlock_ns", mutex_ns);
	report("cond_round_trip_ns", cond_round_trip_ns);
	report("create_join_ns", create_join_ns);
	report("clock_gettime_ns", clock_gettime_ns);
#ifdef BENCH_LINUX_INIT
	linux_init_poweroff();
#endif
	return 0;
}
