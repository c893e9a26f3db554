/* SPDX-License-Identifier: MIT */
/*
 * test_cmdline.c: splitting the boot command line and applying kernel
 * options (kernel/cmdline.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ukos/cmdline.h>

static struct cmdline cl;
static char buf[1024];

static int split(const char *s)
{
	snprintf(buf, sizeof(buf), "%s", s);
	return cmdline_split(buf, &cl);
}

static void test_options_and_args(void **state)
{
	(void)state;
	assert_int_equal(split("  ukos.exit=halt  net.ip=1.2.3.4/24 -- a  b "),
			 0);
	assert_int_equal(cl.opt_count, 2);
	assert_string_equal(cl.opts[0], "ukos.exit=halt");
	assert_string_equal(cl.opts[1], "net.ip=1.2.3.4/24");
	assert_int_equal(cl.argc, 2);
	assert_string_equal(cl.argv[0], "a");
	assert_string_equal(cl.argv[1], "b");
	assert_null(cl.argv[2]);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(split(""), 0);
	assert_int_equal(cl.opt_count + cl.argc, 0);
	assert_int_equal(split("   \t "), 0);
	assert_int_equal(split("--"), 0);
	assert_int_equal(cl.opt_count + cl.argc, 0);
}

static void test_quotes(void **state)
{
	(void)state;
	assert_int_equal(split("-- 'two words' \"a \\\"b\\\" \\\\ \\'c\" x\\ y "
			       "'it''s' \"\" --"),
			 0);
	assert_int_equal(cl.argc, 6);
	assert_string_equal(cl.argv[0], "two words");
	assert_string_equal(cl.argv[1], "a \"b\" \\ 'c");
	assert_string_equal(cl.argv[2], "x y");
	assert_string_equal(cl.argv[3], "its");
	assert_string_equal(cl.argv[4], "");
	assert_string_equal(cl.argv[5], "--"); /* only the first -- splits */
}

static void test_quoted_separator_is_a_word(void **state)
{
	(void)state;
	assert_int_equal(split("'--' x"), 0);
	assert_int_equal(cl.opt_count, 2);
	assert_int_equal(cl.argc, 0);
	assert_string_equal(cl.opts[0], "--");
}

static void test_single_quotes_are_literal(void **state)
{
	(void)state;
	assert_int_equal(split("-- 'a\\b\"c'"), 0);
	assert_string_equal(cl.argv[0], "a\\b\"c");
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	assert_int_equal(split("-- ok 'never closed"), -EINVAL);
	assert_int_equal(cl.argc, 1);
	assert_int_equal(split("-- \"also"), -EINVAL);
}

static void test_too_many(void **state)
{
	char many[1024] = "--";
	(void)state;
	for (int i = 0; i <= CMDLINE_MAX_ARGS; i++)
		strcat(many, " x");
	assert_int_equal(split(many), -E2BIG);
	assert_int_equal(cl.argc, CMDLINE_MAX_ARGS);
	many[0] = '\0';
	for (int i = 0; i <= CMDLINE_MAX_OPTS; i++)
		strcat(many, " o");
	assert_int_equal(split(many), -E2BIG);
}

/* Option application. */
static char seen[64];
static int set_ok(const char *v)
{
	snprintf(seen, sizeof(seen), "%s", v ? v : "(null)");
	return 0;
}
static int set_picky(const char *v)
{
	return v && strcmp(v, "yes") == 0 ? 0 : -EINVAL;
}
static const struct kernel_option table[] = {
	{ "a.b", set_ok, "" },
	{ "picky", set_picky, "" },
};
static char reports[256];
static void report(const char *key, const char *why)
{
	size_t n = strlen(reports);
	snprintf(reports + n, sizeof(reports) - n, "[%s: %s]", key, why);
}

static void test_apply(void **state)
{
	(void)state;
	reports[0] = '\0';
	assert_int_equal(split("a.b=1=2 picky=yes"), 0);
	assert_int_equal(cmdline_apply(&cl, table, table + 2, report), 0);
	assert_string_equal(seen, "1=2");
	assert_string_equal(reports, "");
	assert_int_equal(split("a.b"), 0);
	assert_int_equal(cmdline_apply(&cl, table, table + 2, report), 0);
	assert_string_equal(seen, "(null)");
}

static void test_apply_reports_problems(void **state)
{
	(void)state;
	reports[0] = '\0';
	assert_int_equal(split("a.bc=1 picky=no a=1 -- picky=yes"), 0);
	assert_int_equal(cmdline_apply(&cl, table, table + 2, report), 3);
	assert_string_equal(reports, "[a.bc=1: unknown kernel option]"
				     "[picky=no: invalid value]"
				     "[a=1: unknown kernel option]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_and_args),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quoted_separator_is_a_word),
		cmocka_unit_test(test_single_quotes_are_literal),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_apply_reports_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
