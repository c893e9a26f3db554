/* SPDX-License-Identifier: MIT */
/*
 * sched.c: scheduling as a program sees it — a CPU-bound thread does not
 * delay a sleeper, preempted threads keep their FPU/SSE state and MXCSR,
 * an idle system takes (almost) no timer interrupts, yield alternates,
 * CPU-time clocks are per thread.
 */
#include <fenv.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <ukos.h>
#include <unistd.h>

#include "tests.h"

static volatile int stop;
static volatile unsigned long spins;

static void *spin(void *arg)
{
	(void)arg;
	while (!stop)
		spins++;
	return NULL;
}

/* Sleep 50 ms five times while a thread spins: every wake-up within
 * 20 ms of its deadline (the slice is 10 ms; a wake preempts at once). */
void test_spinner_vs_sleeper(void)
{
	pthread_t t;
	int64_t worst = 0;

	stop = 0;
	CHECK(pthread_create(&t, NULL, spin, NULL) == 0);
	for (int i = 0; i < 5; i++) {
		int64_t t0 = now_ns(CLOCK_MONOTONIC);
		usleep(50000);
		int64_t late = now_ns(CLOCK_MONOTONIC) - t0 - 50000000;
		CHECK(late >= 0);
		worst = late > worst ? late : worst;
	}
	stop = 1;
	CHECK(pthread_join(t, NULL) == 0);
	printf("sleeper beside a spinner: worst %lld us late, %lu spins\n",
	       (long long)(worst / 1000), spins);
	CHECK(worst < 20000000);
	CHECK(spins > 0);
}

/* Two threads run the same floating-point work with different rounding
 * modes (MXCSR) and data, long enough to be preempted many times; each
 * must get exactly what it got when it ran alone. */
struct fp_job {
	int round;
	double seed;
	double alone, result;
	int mismatches;
	long switches_seen;
};

static volatile long fp_turn; /* who ran last: switches between jobs */

static double fp_work(double seed)
{
	double x = seed, acc = 0;

	for (int i = 1; i <= 20000; i++) {
		x = x * 1.0000001 + 1.0 / i;
		acc += sqrt(x) / (1.0 + x * x);
	}
	return acc;
}

static void *fp_run(void *arg)
{
	struct fp_job *j = arg;
	long me = (long)j;
	int64_t until = now_ns(CLOCK_MONOTONIC) + 300000000;

	fesetround(j->round);
	while (now_ns(CLOCK_MONOTONIC) < until) {
		if (fp_turn != me) {
			fp_turn = me;
			j->switches_seen++;
		}
		double r = fp_work(j->seed);
		j->mismatches += r != j->alone || fegetround() != j->round;
		j->result = r;
	}
	return NULL;
}

static volatile double one = 1.0, three = 3.0;

static void *round_up_and_end(void *arg)
{
	(void)arg;
	fesetround(FE_UPWARD);
	return (void *)(long)fegetround();
}

void test_fpu_preemption(void)
{
	struct fp_job jobs[2] = {
		{ .round = FE_TONEAREST, .seed = 1.5 },
		{ .round = FE_UPWARD, .seed = 2.25 },
	};
	pthread_t t[2];

	for (int i = 0; i < 2; i++) {
		fesetround(jobs[i].round);
		jobs[i].alone = fp_work(jobs[i].seed);
	}
	fesetround(FE_TONEAREST);
	CHECK(jobs[0].alone != jobs[1].alone);
	CHECK(one / three == 0x1.5555555555555p-2);
	for (int i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, fp_run, &jobs[i]) == 0);
	for (int i = 0; i < 2; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("fpu: %ld and %ld turns, %d and %d mismatches\n",
	       jobs[0].switches_seen, jobs[1].switches_seen, jobs[0].mismatches,
	       jobs[1].mismatches);
	CHECK(jobs[0].switches_seen > 5 && jobs[1].switches_seen > 5);
	CHECK(jobs[0].mismatches == 0 && jobs[1].mismatches == 0);
	CHECK(fegetround() == FE_TONEAREST); /* main's own MXCSR */

	/* Blocked in a join, main is switched back to by the ending thread
	 * itself: its MXCSR and x87 control word must not come along. SSE
	 * division rounds 1/3 down to nearest, up under FE_UPWARD. */
	void *mode;
	const double nearest = 0x1.5555555555555p-2; /* 1/3 to nearest */
	CHECK(pthread_create(&t[0], NULL, round_up_and_end, NULL) == 0);
	CHECK(pthread_join(t[0], &mode) == 0 && (long)mode == FE_UPWARD);
	CHECK(fegetround() == FE_TONEAREST);
	CHECK(one / three == nearest);
}

static pthread_mutex_t idle_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle_c = PTHREAD_COND_INITIALIZER;
static int idle_go;

static void *sleep_1s(void *arg)
{
	(void)arg;
	sleep(1);
	return NULL;
}

static void *wait_for_go(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&idle_m);
	while (!idle_go)
		pthread_cond_wait(&idle_c, &idle_m);
	pthread_mutex_unlock(&idle_m);
	return NULL;
}

/* Every thread asleep or blocked for a second: no periodic tick. */
void test_tickless(void)
{
	struct ukos_irq_stats a, b;
	pthread_t s[3], w[3];

	for (int i = 0; i < 3; i++) {
		CHECK(pthread_create(&s[i], NULL, sleep_1s, NULL) == 0);
		CHECK(pthread_create(&w[i], NULL, wait_for_go, NULL) == 0);
	}
	usleep(1000); /* all of them asleep or waiting */
	ukos_irq_stats(&a);
	sleep(1);
	ukos_irq_stats(&b);
	printf("timer interrupts while 7 threads slept 1 s: %llu\n",
	       (unsigned long long)(b.timer - a.timer));
	CHECK(b.timer - a.timer < 5);
	pthread_mutex_lock(&idle_m);
	idle_go = 1;
	pthread_cond_broadcast(&idle_c);
	pthread_mutex_unlock(&idle_m);
	for (int i = 0; i < 3; i++)
		CHECK(pthread_join(s[i], NULL) == 0 &&
		      pthread_join(w[i], NULL) == 0);
}

static volatile int turn_log[64];
static volatile int turns;

static void *take_turns(void *arg)
{
	for (int i = 0; i < 16; i++) {
		turn_log[turns++ % 64] = (int)(long)arg;
		sched_yield();
	}
	return NULL;
}

/* Two threads yielding to each other strictly alternate. */
void test_yield(void)
{
	pthread_t t[2];
	int alternations = 0;

	for (long i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, take_turns, (void *)i) == 0);
	for (int i = 0; i < 2; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	for (int i = 1; i < 32; i++)
		alternations += turn_log[i] != turn_log[i - 1];
	CHECK(turns == 32);
	CHECK(alternations >= 29); /* a slice may end between two */
	CHECK(sched_yield() == 0);
}

static void *burn_then_sleep(void *arg)
{
	int64_t t0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	int64_t until = now_ns(CLOCK_MONOTONIC) + 50000000;

	(void)arg;
	while (now_ns(CLOCK_MONOTONIC) < until)
		;
	usleep(50000);
	return (void *)(now_ns(CLOCK_THREAD_CPUTIME_ID) - t0);
}

/* A thread's CPU clock counts its own running, not its sleeping. */
void test_thread_cputime(void)
{
	pthread_t t;
	void *used;
	int64_t main0 = now_ns(CLOCK_THREAD_CPUTIME_ID);

	CHECK(pthread_create(&t, NULL, burn_then_sleep, NULL) == 0);
	CHECK(pthread_join(t, &used) == 0);
	int64_t main_used = now_ns(CLOCK_THREAD_CPUTIME_ID) - main0;
	printf("thread cpu: worker %lld us, main %lld us\n",
	       (long long)((long)used / 1000), (long long)(main_used / 1000));
	CHECK((long)used >= 45000000 && (long)used < 90000000);
	CHECK(main_used < 20000000);
}
