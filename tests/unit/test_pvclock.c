/* SPDX-License-Identifier: MIT */
/*
 * test_pvclock.c: the TSC frequency from kvmclock's scale
 * (arch/x86_64/pvclock.c), against the scale KVM would publish for known
 * frequencies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

uint64_t x86_pvclock_hz(uint32_t mul, int8_t shift);

/* The scale for hz as KVM builds it: shift chosen so that mul, the
 * nanoseconds per (shifted) tick in 32.32 fixed point, fills 32 bits. */
static void scale_for(uint64_t hz, uint32_t *mul, int8_t *shift)
{
	int s = 0;
	unsigned __int128 m;

	for (;;) {
		m = ((unsigned __int128)1000000000 << 32);
		m = s >= 0 ? (m >> s) / hz : (m << -s) / hz;
		if (m >= (1ull << 32))
			s++;
		else if (m < (1ull << 31))
			s--;
		else
			break;
	}
	*mul = (uint32_t)m;
	*shift = (int8_t)s;
}

static void test_known_frequencies(void **state)
{
	static const uint64_t hz[] = { 50000000,   1000000000, 1600000000,
				       2500000000, 2693000123, 3700000000,
				       6000000000 };

	(void)state;
	for (size_t i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
		uint32_t mul;
		int8_t shift;
		scale_for(hz[i], &mul, &shift);
		uint64_t got = x86_pvclock_hz(mul, shift);
		uint64_t err = got > hz[i] ? got - hz[i] : hz[i] - got;
		/* mul has 31-32 significant bits: under 1 ppm off. */
		assert_true(err <= hz[i] / 1000000 + 1);
	}
}

static void test_zero_scale(void **state)
{
	(void)state;
	assert_int_equal(x86_pvclock_hz(0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_frequencies),
		cmocka_unit_test(test_zero_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
