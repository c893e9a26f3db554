/* SPDX-License-Identifier: MIT */
/*
 * test_clock.c: calendar arithmetic behind the RTC, and the conversions
 * between TSC cycles and nanoseconds (kernel/clock.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <time.h>
#include <ukos/clock.h>

/* An odd frequency, as calibration gives. */
#define HZ 2693000123ull

uint64_t arch_cycles_hz(void)
{
	return HZ;
}
uint64_t arch_cycles(void)
{
	return 0;
}
uint64_t arch_boot_cycles(void)
{
	return 0;
}
int rtc_cmos_read(int64_t *s)
{
	*s = 0;
	return 0;
}
void kprintf(const char *fmt, ...)
{
	(void)fmt;
}

static void test_known_dates(void **state)
{
	(void)state;
	assert_int_equal(clock_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(clock_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(clock_days_from_civil(2024, 2, 29), 19782);
	assert_int_equal(clock_days_from_civil(2026, 11, 28), 20785);
}

/* Every day of 2000-2099 agrees with the C library's timegm(). */
static void test_against_libc(void **state)
{
	(void)state;
	for (int64_t d = 10957; d < 47482; d++) {
		time_t t = (time_t)(d * 86400);
		struct tm tm;
		gmtime_r(&t, &tm);
		assert_int_equal(clock_days_from_civil(tm.tm_year + 1900,
						       tm.tm_mon + 1,
						       tm.tm_mday),
				 d);
	}
}

static uint64_t distance(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

static void test_cycles_to_ns(void **state)
{
	(void)state;
	assert_int_equal(clock_cycles_to_ns(0), 0);
	/* Within 1 ns per 2^32 cycles of the exact value; no overflow a
	 * year on (cycles * 1e9 would overflow 64 bits). */
	assert_true(distance(clock_cycles_to_ns(HZ), 1000000000ull) <= 1);
	assert_true(distance(clock_cycles_to_ns(HZ * 1000), 1000000000000ull) <=
		    HZ * 1000 / (1ull << 32) + 1);
	uint64_t year = HZ * 86400 * 365;
	assert_true(distance(clock_cycles_to_ns(year),
			     86400ull * 365 * 1000000000) <=
		    year / (1ull << 32) + 1);
}

/* ns_to_cycles gives the first cycle count that reads as ns or later:
 * a timer set for it never wakes to find its deadline still ahead. */
static void test_ns_to_cycles_inverse(void **state)
{
	(void)state;
	srand(3);
	for (int i = 0; i < 100000; i++) {
		uint64_t ns = ((uint64_t)rand() << 31 | (uint64_t)rand()) %
			      (400ull * 86400 * 1000000000);
		uint64_t c = clock_ns_to_cycles(ns);
		assert_true(clock_cycles_to_ns(c) >= ns);
		assert_true(c == 0 || clock_cycles_to_ns(c - 1) < ns);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_against_libc),
		cmocka_unit_test(test_cycles_to_ns),
		cmocka_unit_test(test_ns_to_cycles_inverse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
