/* SPDX-License-Identifier: MIT */
/*
 * test_clock.c: calendar arithmetic behind the RTC (kernel/clock.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <time.h>
#include <ukos/clock.h>

/* clock.c's TSC side is not under test here. */
uint64_t arch_cycles_hz(void)
{
	return 1000000000;
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

static void test_cycles_to_ns_no_overflow(void **state)
{
	(void)state;
	/* 10^12 cycles at 1 GHz is 1000 s; cycles * 1e9 would overflow. */
	assert_int_equal(clock_cycles_to_ns(1000000000000ull),
			 1000000000000ull);
	assert_int_equal(clock_cycles_to_ns(1500000001ull), 1500000001ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_against_libc),
		cmocka_unit_test(test_cycles_to_ns_no_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
