/* SPDX-License-Identifier: MIT */
/*
 * The "time" benchmark guest (tools/ukos-bench): the cost of reading the
 * clock, how late a short sleep wakes, and the timer interrupts an idle
 * second takes. Prints "RESULT time ..." lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../bench.h"
#include <ukos.h>

#define BATCHES 11
#define CALLS   100000
#define SLEEPS  51

int main(void)
{
	int64_t per_call[BATCHES], late[SLEEPS];
	struct ukos_irq_stats a, b;

	for (int i = 0; i < BATCHES; i++) {
		int64_t t0 = now_ns();
		for (int j = 0; j < CALLS; j++)
			now_ns();
		per_call[i] = (now_ns() - t0) / CALLS;
	}
	qsort(per_call, BATCHES, sizeof(int64_t), cmp64);
	for (int i = 0; i < SLEEPS; i++) {
		struct timespec req = { 0, 1000000 };
		int64_t t0 = now_ns();
		nanosleep(&req, NULL);
		late[i] = now_ns() - t0 - 1000000;
	}
	qsort(late, SLEEPS, sizeof(int64_t), cmp64);
	ukos_irq_stats(&a);
	struct timespec one = { 1, 0 };
	nanosleep(&one, NULL);
	ukos_irq_stats(&b);
	printf("RESULT time clock_gettime_ns median=%lld min=%lld max=%lld\n",
	       (long long)per_call[BATCHES / 2], (long long)per_call[0],
	       (long long)per_call[BATCHES - 1]);
	printf("RESULT time nanosleep_1ms_late_us median=%lld min=%lld "
	       "max=%lld\n",
	       (long long)late[SLEEPS / 2] / 1000, (long long)late[0] / 1000,
	       (long long)late[SLEEPS - 1] / 1000);
	printf("RESULT time idle_second_timer_irqs=%llu\n",
	       (unsigned long long)(b.timer - a.timer));
	return 0;
}
