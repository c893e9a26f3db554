/* SPDX-License-Identifier: MIT */
/*
 * sync.c: mutexes, condition variables, rwlocks, once and semaphores,
 * each under real contention and on each error path POSIX names.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

#include "tests.h"

#define COUNTER_THREADS 64
#define INCREMENTS      10000

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

/* The read-modify-write is split by a yield now and then, so a missing
 * lock would lose updates even without a preemption landing there. */
static void *increment(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		long v = counter;
		if (i % 1000 == 0)
			sched_yield();
		counter = v + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

void test_mutex_counter(void)
{
	pthread_t t[COUNTER_THREADS];
	int created = 0;

	for (int i = 0; i < COUNTER_THREADS; i++)
		created += pthread_create(&t[i], NULL, increment, NULL) == 0;
	CHECK(created == COUNTER_THREADS);
	for (int i = 0; i < created; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("mutex: %d threads x %d increments = %ld\n", created, INCREMENTS,
	       counter);
	CHECK(counter == (long)COUNTER_THREADS * INCREMENTS);
}

static void *try_from_other(void *m)
{
	return (void *)(long)pthread_mutex_trylock(m);
}

static void *unlock_from_other(void *m)
{
	return (void *)(long)pthread_mutex_unlock(m);
}

static long in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r = (void *)-1L;

	CHECK(pthread_create(&t, NULL, fn, arg) == 0);
	CHECK(pthread_join(t, &r) == 0);
	return (long)r;
}

void test_mutex_types(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t rec, chk;
	int type;

	CHECK(pthread_mutexattr_init(&a) == 0);
	CHECK(pthread_mutexattr_settype(&a, 42) == EINVAL);
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
	CHECK(pthread_mutexattr_gettype(&a, &type) == 0 &&
	      type == PTHREAD_MUTEX_RECURSIVE);
	CHECK(pthread_mutex_init(&rec, &a) == 0);
	CHECK(pthread_mutex_lock(&rec) == 0);
	CHECK(pthread_mutex_lock(&rec) == 0);
	CHECK(pthread_mutex_trylock(&rec) == 0);
	CHECK(in_thread(try_from_other, &rec) == EBUSY);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(in_thread(try_from_other, &rec) == EBUSY); /* still held once */
	CHECK(pthread_mutex_destroy(&rec) == EBUSY);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(pthread_mutex_unlock(&rec) == EPERM);
	CHECK(pthread_mutex_destroy(&rec) == 0);

	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
	CHECK(pthread_mutex_init(&chk, &a) == 0);
	CHECK(pthread_mutex_unlock(&chk) == EPERM);
	CHECK(pthread_mutex_lock(&chk) == 0);
	CHECK(pthread_mutex_lock(&chk) == EDEADLK);
	CHECK(pthread_mutex_trylock(&chk) == EBUSY);
	CHECK(in_thread(unlock_from_other, &chk) == EPERM);
	CHECK(pthread_mutex_unlock(&chk) == 0);
	CHECK(pthread_mutexattr_destroy(&a) == 0);

	pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER;
	CHECK(pthread_mutex_trylock(&normal) == 0);
	CHECK(pthread_mutex_trylock(&normal) == EBUSY);
	CHECK(pthread_mutex_unlock(&normal) == 0);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *hold_200ms(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&held);
	usleep(200000);
	pthread_mutex_unlock(&held);
	return NULL;
}

void test_mutex_timedlock(void)
{
	pthread_t t;
	struct timespec bad = { 0, 1000000000 };

	CHECK(pthread_create(&t, NULL, hold_200ms, NULL) == 0);
	usleep(20000); /* let it take the lock */
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	struct timespec until = in_ms(CLOCK_REALTIME, 50);
	CHECK(pthread_mutex_timedlock(&held, &until) == ETIMEDOUT);
	int64_t waited = now_ns(CLOCK_MONOTONIC) - t0;
	CHECK(waited >= 49000000 && waited < 150000000);
	CHECK(pthread_mutex_timedlock(&held, &bad) == EINVAL);
	until = in_ms(CLOCK_REALTIME, 2000);
	CHECK(pthread_mutex_timedlock(&held, &until) == 0); /* freed at 200 */
	CHECK(pthread_mutex_unlock(&held) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	/* Free: taken whatever the (even malformed) deadline says. */
	CHECK(pthread_mutex_timedlock(&held, &bad) == 0);
	CHECK(pthread_mutex_unlock(&held) == 0);
}

/* A bounded buffer: producers wait while it is full, consumers while it
 * is empty; every item arrives exactly once. */
#define SLOTS     8
#define PRODUCERS 4
#define CONSUMERS 4
#define ITEMS     5000 /* per producer */

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	long items[SLOTS];
	int head, count, producers_left;
} buf = { .lock = PTHREAD_MUTEX_INITIALIZER,
	  .not_full = PTHREAD_COND_INITIALIZER,
	  .not_empty = PTHREAD_COND_INITIALIZER };

static void *produce(void *arg)
{
	long base = (long)arg * ITEMS;

	for (long i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&buf.lock);
		while (buf.count == SLOTS)
			pthread_cond_wait(&buf.not_full, &buf.lock);
		buf.items[(buf.head + buf.count++) % SLOTS] = base + i;
		pthread_cond_signal(&buf.not_empty);
		pthread_mutex_unlock(&buf.lock);
	}
	pthread_mutex_lock(&buf.lock);
	if (--buf.producers_left == 0)
		pthread_cond_broadcast(&buf.not_empty);
	pthread_mutex_unlock(&buf.lock);
	return NULL;
}

static void *consume(void *arg)
{
	long sum = 0;

	(void)arg;
	pthread_mutex_lock(&buf.lock);
	for (;;) {
		while (buf.count == 0 && buf.producers_left)
			pthread_cond_wait(&buf.not_empty, &buf.lock);
		if (buf.count == 0)
			break;
		sum += buf.items[buf.head];
		buf.head = (buf.head + 1) % SLOTS;
		buf.count--;
		pthread_cond_signal(&buf.not_full);
	}
	pthread_mutex_unlock(&buf.lock);
	return (void *)sum;
}

void test_producer_consumer(void)
{
	pthread_t p[PRODUCERS], c[CONSUMERS];
	long total = 0, n = (long)PRODUCERS * ITEMS;

	buf.producers_left = PRODUCERS;
	for (long i = 0; i < CONSUMERS; i++)
		CHECK(pthread_create(&c[i], NULL, consume, NULL) == 0);
	for (long i = 0; i < PRODUCERS; i++)
		CHECK(pthread_create(&p[i], NULL, produce, (void *)i) == 0);
	for (int i = 0; i < PRODUCERS; i++)
		CHECK(pthread_join(p[i], NULL) == 0);
	for (int i = 0; i < CONSUMERS; i++) {
		void *sum;
		CHECK(pthread_join(c[i], &sum) == 0);
		total += (long)sum;
	}
	printf("producer/consumer: %ld items, sum %ld\n", n, total);
	CHECK(total == n * (n + 1) / 2);
}

/* A timed wait nobody signals ends at its deadline on either clock. */
static void timedwait_on(clockid_t clock)
{
	pthread_condattr_t a;
	pthread_cond_t c;
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	clockid_t got;

	CHECK(pthread_condattr_init(&a) == 0);
	CHECK(pthread_condattr_setclock(&a, clock) == 0);
	CHECK(pthread_condattr_getclock(&a, &got) == 0 && got == clock);
	CHECK(pthread_cond_init(&c, &a) == 0);
	pthread_mutex_lock(&m);
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	struct timespec until = in_ms(clock, 50);
	CHECK(pthread_cond_timedwait(&c, &m, &until) == ETIMEDOUT);
	int64_t waited = now_ns(CLOCK_MONOTONIC) - t0;
	printf("cond_timedwait(50 ms, %s): %lld us\n",
	       clock == CLOCK_MONOTONIC ? "monotonic" : "realtime",
	       (long long)(waited / 1000));
	CHECK(waited >= 49000000 && waited < 150000000);
	CHECK(pthread_mutex_trylock(&m) == EBUSY); /* held again on return */
	struct timespec bad = { 0, -1 };
	CHECK(pthread_cond_timedwait(&c, &m, &bad) == EINVAL);
	pthread_mutex_unlock(&m);
	CHECK(pthread_cond_wait(&c, &m) == EPERM); /* mutex not held */
	CHECK(pthread_cond_destroy(&c) == 0);
}

static struct {
	pthread_mutex_t m;
	pthread_cond_t c;
	int ready;
} sig = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };

static void *signal_after_20ms(void *arg)
{
	(void)arg;
	usleep(20000);
	pthread_mutex_lock(&sig.m);
	sig.ready = 1;
	pthread_cond_signal(&sig.c);
	pthread_mutex_unlock(&sig.m);
	return NULL;
}

void test_cond_timedwait(void)
{
	pthread_condattr_t a;
	pthread_t t;
	int r = 0;

	timedwait_on(CLOCK_MONOTONIC);
	timedwait_on(CLOCK_REALTIME);
	CHECK(pthread_condattr_init(&a) == 0);
	CHECK(pthread_condattr_setclock(&a, CLOCK_PROCESS_CPUTIME_ID) ==
	      EINVAL);

	/* Signalled before its deadline: 0, not ETIMEDOUT. */
	CHECK(pthread_create(&t, NULL, signal_after_20ms, NULL) == 0);
	pthread_mutex_lock(&sig.m);
	struct timespec until = in_ms(CLOCK_REALTIME, 5000);
	while (!sig.ready && r == 0)
		r = pthread_cond_timedwait(&sig.c, &sig.m, &until);
	CHECK(r == 0 && sig.ready);
	pthread_mutex_unlock(&sig.m);
	CHECK(pthread_join(t, NULL) == 0);
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile int readers_in, max_readers_in, writer_in, overlap;

static void *reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++) {
		pthread_rwlock_rdlock(&rw);
		readers_in++;
		if (readers_in > max_readers_in)
			max_readers_in = readers_in;
		overlap += writer_in;
		usleep(200);
		readers_in--;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20; i++) {
		pthread_rwlock_wrlock(&rw);
		writer_in++;
		overlap += readers_in + (writer_in > 1);
		usleep(100);
		writer_in--;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *try_write(void *arg)
{
	return (void *)(long)pthread_rwlock_trywrlock(arg);
}

void test_rwlock(void)
{
	pthread_t t[6];

	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, reader, NULL) == 0);
	for (int i = 4; i < 6; i++)
		CHECK(pthread_create(&t[i], NULL, writer, NULL) == 0);
	for (int i = 0; i < 6; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("rwlock: up to %d readers at once, %d overlaps\n",
	       max_readers_in, overlap);
	CHECK(max_readers_in > 1);
	CHECK(overlap == 0);

	CHECK(pthread_rwlock_rdlock(&rw) == 0);
	CHECK(pthread_rwlock_tryrdlock(&rw) == 0);
	CHECK(in_thread(try_write, &rw) == EBUSY);
	struct timespec until = in_ms(CLOCK_REALTIME, 30);
	CHECK(pthread_rwlock_timedwrlock(&rw, &until) == ETIMEDOUT);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == EPERM);
	CHECK(pthread_rwlock_wrlock(&rw) == 0);
	CHECK(pthread_rwlock_wrlock(&rw) == EDEADLK);
	CHECK(pthread_rwlock_destroy(&rw) == EBUSY);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_destroy(&rw) == 0);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int once_runs;

static void once_init(void)
{
	once_runs++;
	usleep(10000); /* others arrive while it runs: they must wait */
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, once_init);
	return (void *)(long)once_runs;
}

void test_once(void)
{
	pthread_t t[8];

	for (int i = 0; i < 8; i++)
		CHECK(pthread_create(&t[i], NULL, call_once, NULL) == 0);
	for (int i = 0; i < 8; i++) {
		void *seen;
		CHECK(pthread_join(t[i], &seen) == 0 && (long)seen == 1);
	}
	CHECK(once_runs == 1);
}

static sem_t items, spaces;
static volatile long sem_sum;

static void *sem_producer(void *arg)
{
	(void)arg;
	for (long i = 1; i <= 1000; i++) {
		sem_wait(&spaces);
		sem_sum += i;
		sem_post(&items);
	}
	return NULL;
}

void test_semaphores(void)
{
	pthread_t t;
	int v;

	CHECK(sem_init(&items, 0, 0) == 0);
	CHECK(sem_init(&spaces, 0, 4) == 0);
	CHECK(pthread_create(&t, NULL, sem_producer, NULL) == 0);
	for (int i = 0; i < 1000; i++) {
		CHECK(sem_wait(&items) == 0);
		sem_post(&spaces);
	}
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(sem_sum == 500500);
	CHECK(sem_getvalue(&items, &v) == 0 && v == 0);
	errno = 0;
	CHECK(sem_trywait(&items) == -1 && errno == EAGAIN);
	struct timespec until = in_ms(CLOCK_REALTIME, 30);
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	CHECK(sem_timedwait(&items, &until) == -1 && errno == ETIMEDOUT);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 29000000);
	struct timespec bad = { 0, 2000000000 };
	CHECK(sem_timedwait(&items, &bad) == -1 && errno == EINVAL);
	CHECK(sem_post(&items) == 0);
	CHECK(sem_timedwait(&items, &bad) == 0); /* available: no check */
	CHECK(sem_init(&items, 0, (unsigned)SEM_VALUE_MAX + 1) == -1 &&
	      errno == EINVAL);
	CHECK(sem_destroy(&items) == 0 && sem_destroy(&spaces) == 0);
}
