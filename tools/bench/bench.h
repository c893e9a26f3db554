/* SPDX-License-Identifier: MIT */
/*
 * bench.h: what the benchmark guests share — the monotonic clock in ns,
 * a comparison for sorting samples, and reporting medians.
 */
#ifndef UKOS_BENCH_H
#define UKOS_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

#define BENCH_BATCHES 11

/* Run fn BENCH_BATCHES times after one warm-up, each giving a cost per
 * operation, and print "RESULT SECTION NAME median=.. min=.. max=..". */
static inline void bench_report(const char *section, const char *name,
				int64_t (*fn)(void))
{
	int64_t v[BENCH_BATCHES];

	fn();
	for (int i = 0; i < BENCH_BATCHES; i++)
		v[i] = fn();
	qsort(v, BENCH_BATCHES, sizeof(v[0]), cmp64);
	printf("RESULT %s %s median=%lld min=%lld max=%lld\n", section, name,
	       (long long)v[BENCH_BATCHES / 2], (long long)v[0],
	       (long long)v[BENCH_BATCHES - 1]);
	fflush(stdout);
}

#endif
