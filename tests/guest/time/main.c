/* SPDX-License-Identifier: MIT */
/*
 * time: POSIX clocks and sleeping behave — monotonic never goes back, the
 * wall clock agrees with the host's, sleeps last as long as asked and not
 * much longer, an idle sleep takes (almost) no timer interrupts, and bad
 * arguments get POSIX's errors. argv[1]: the host's time (seconds).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <ukos.h>
#include <unistd.h>

#include "../check.h"

static int64_t ns_of(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void test_monotonic(void)
{
	int64_t prev = ns_of(CLOCK_MONOTONIC), back = 0;

	for (int i = 0; i < 100000; i++) {
		int64_t now = ns_of(CLOCK_MONOTONIC);
		back += now < prev;
		prev = now;
	}
	CHECK(back == 0);
}

static void test_realtime(long host)
{
	struct timeval tv;
	int64_t rt = ns_of(CLOCK_REALTIME) / 1000000000;

	printf("realtime %lld, host %ld\n", (long long)rt, host);
	/* The host read its clock just before booting us; RTC seconds. */
	CHECK(rt >= host - 1 && rt <= host + 5);
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec - rt <= 1);
	CHECK(time(NULL) - rt <= 1);
}

/* At least as long as asked, always; at most 20 ms more in one of five
 * tries (an emulator on a shared host can be late once). */
static void test_nanosleep(void)
{
	int64_t best = INT64_MAX;
	int short_sleeps = 0;

	for (int i = 0; i < 5; i++) {
		struct timespec req = { 0, 50000000 };
		int64_t t0 = ns_of(CLOCK_MONOTONIC);
		CHECK(nanosleep(&req, NULL) == 0);
		int64_t d = ns_of(CLOCK_MONOTONIC) - t0;
		short_sleeps += d < 50000000;
		best = d < best ? d : best;
	}
	printf("nanosleep(50 ms): best %lld us\n", (long long)(best / 1000));
	CHECK(short_sleeps == 0);
	CHECK(best <= 70000000);
}

static void test_tickless(void)
{
	struct ukos_irq_stats a, b;

	ukos_irq_stats(&a);
	sleep(1);
	ukos_irq_stats(&b);
	printf("timer interrupts in a 1 s sleep: %llu\n",
	       (unsigned long long)(b.timer - a.timer));
	CHECK(b.timer - a.timer < 5);
	CHECK(b.unexpected == 0);
}

static void test_cputime(void)
{
	int64_t cpu0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	int64_t mono0 = ns_of(CLOCK_MONOTONIC);
	usleep(100000);
	int64_t slept = ns_of(CLOCK_MONOTONIC) - mono0;
	int64_t used = ns_of(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	printf("100 ms sleep: %lld us passed, %lld us of CPU\n",
	       (long long)(slept / 1000), (long long)(used / 1000));
	CHECK(slept >= 100000000 && used < slept / 2);
	CHECK(ns_of(CLOCK_THREAD_CPUTIME_ID) > 0);
}

static void test_abstime(void)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += 20000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) ==
	      0);
	CHECK(ns_of(CLOCK_MONOTONIC) >=
	      (int64_t)until.tv_sec * 1000000000 + until.tv_nsec);
	struct timespec past = { 0, 0 }; /* already passed: returns at once */
	CHECK(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &past, NULL) == 0);
}

static void test_errors(void)
{
	struct timespec ts = { 0, 1000000000 }, res;

	errno = 0;
	CHECK(nanosleep(&ts, NULL) == -1 && errno == EINVAL);
	ts.tv_nsec = -1;
	CHECK(nanosleep(&ts, NULL) == -1 && errno == EINVAL);
	ts = (struct timespec){ -1, 0 };
	CHECK(nanosleep(&ts, NULL) == -1 && errno == EINVAL);
	CHECK(clock_gettime((clockid_t)99, &ts) == -1 && errno == EINVAL);
	CHECK(clock_getres((clockid_t)99, &res) == -1 && errno == EINVAL);
	CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
	      res.tv_nsec > 0);
	ts = (struct timespec){ 0, 1 };
	CHECK(clock_nanosleep((clockid_t)99, 0, &ts, NULL) == EINVAL);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: time HOST_EPOCH_SECONDS\n");
		return 2;
	}
	test_monotonic();
	test_realtime(atol(argv[1]));
	test_nanosleep();
	test_tickless();
	test_cputime();
	test_abstime();
	test_errors();
	return check_verdict("time");
}
