/* SPDX-License-Identifier: MIT */
/*
 * test_env: the application's first environment (lib/env/environ.c): the
 * defaults, boot words over them and over each other, and the bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../lib/env/environ.h"

static char *out[8];

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(env_build(NULL, out, 8), 3);
	assert_string_equal(out[0], "PATH=/bin:/usr/bin");
	assert_string_equal(out[1], "HOME=/");
	assert_string_equal(out[2], "TERM=linux");
	assert_null(out[3]);
}

static void test_boot_words(void **state)
{
	char *boot[] = {
		"FOO=1", "HOME=/root", "FOO=2", "PATHX=p", "E=", NULL
	};

	(void)state;
	assert_int_equal(env_build(boot, out, 8), 6);
	assert_string_equal(out[0], "PATH=/bin:/usr/bin"); /* not PATHX */
	assert_string_equal(out[1], "HOME=/root");         /* replaced */
	assert_string_equal(out[2], "TERM=linux");
	assert_string_equal(out[3], "FOO=2"); /* the later word */
	assert_string_equal(out[4], "PATHX=p");
	assert_string_equal(out[5], "E=");
	assert_null(out[6]);
}

/* Past max - 1 entries the rest is left out; the array stays ended. */
static void test_bound(void **state)
{
	char *boot[] = { "A=1", "B=2", "C=3", "D=4", "E=5", "F=6", NULL };

	(void)state;
	assert_int_equal(env_build(boot, out, 5), 4);
	assert_string_equal(out[3], "A=1");
	assert_null(out[4]);
	assert_int_equal(env_build(boot, out, 1), 0);
	assert_null(out[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_boot_words),
		cmocka_unit_test(test_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
