/* SPDX-License-Identifier: MIT */
/*
 * threads: POSIX threads on ukos's scheduler. No argument: every test in
 * turn, then PASS. "main-exit": main calls pthread_exit while a thread
 * still runs; the VM must end, status 0, after that thread.
 * "overflow"/"fault": a thread named "deep-thread" overflows its stack
 * or reads NULL: the crash report must name it.
 */
#define _GNU_SOURCE /* pthread_setname_np, as on Linux */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static void *finish_later(void *arg)
{
	(void)arg;
	usleep(100000);
	printf("PASS main-exit\n");
	return NULL;
}

static int main_exit(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, finish_later, NULL) != 0)
		return 1;
	pthread_exit(NULL);
}

static volatile char *sink;

/* Unbounded on purpose: it must hit the guard page. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	sink = pad;
	return recurse(n + 1) + pad[0];
}

static void *crash_in_thread(void *arg)
{
	pthread_setname_np(pthread_self(), "deep-thread");
	if (strcmp(arg, "overflow") == 0)
		return (void *)(long)recurse(0);
	return (void *)(long)*(volatile int *)sink - (long)*(int *)0;
}

static int crash(const char *how)
{
	pthread_t t;

	sink = NULL;
	pthread_create(&t, NULL, crash_in_thread, (void *)how);
	pthread_join(t, NULL);
	printf("FAIL threads: '%s' did not crash\n", how);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "main-exit") == 0)
		return main_exit();
	if (argc > 1)
		return crash(argv[1]);

	test_join_values();
	test_attrs();
	test_names();
	test_big_stack();
	test_errno_per_thread();
	test_keys();
	test_mutex_counter();
	test_mutex_types();
	test_mutex_timedlock();
	test_producer_consumer();
	test_cond_timedwait();
	test_rwlock();
	test_once();
	test_semaphores();
	test_yield();
	test_spinner_vs_sleeper();
	test_fpu_preemption();
	test_thread_cputime();
	test_tickless();
	test_libc_from_threads();
	test_many_threads();
	test_many_sleepers();
	return check_verdict("threads");
}
