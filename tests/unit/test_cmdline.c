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
static char buf[2048];

static int split(const char *s)
{
	snprintf(buf, sizeof(buf), "%s", s);
	memset(&cl, 0xa5, sizeof(cl)); /* split must set everything */
	return cmdline_split(buf, &cl);
}

/* Split s and expect exactly the options and arguments given, the
 * options first, then NULL, then the arguments, then NULL. */
static void expect(const char *s, ...)
{
	va_list ap;
	const char *w;
	int i;

	assert_int_equal(split(s), 0);
	va_start(ap, s);
	for (i = 0; (w = va_arg(ap, const char *)) != NULL; i++) {
		assert_true(i < cl.opt_count);
		assert_string_equal(cl.opts[i], w);
	}
	assert_int_equal(cl.opt_count, i);
	for (i = 0; (w = va_arg(ap, const char *)) != NULL; i++) {
		assert_true(i < cl.argc);
		assert_string_equal(cl.argv[i], w);
	}
	va_end(ap);
	assert_int_equal(cl.argc, i);
	assert_null(cl.argv[cl.argc]);
}

#define END NULL

static void test_options_and_args(void **state)
{
	(void)state;
	expect("  ukos.exit=halt  net.ip=1.2.3.4/24 -- a  b ", "ukos.exit=halt",
	       "net.ip=1.2.3.4/24", END, "a", "b", END);
	expect("ukos.dumpboot", "ukos.dumpboot", END, END);
	expect("-- a", END, "a", END);
	expect("x --", "x", END, END);
	/* Words are in buf itself, split in place. */
	assert_int_equal(split("opt -- arg"), 0);
	assert_ptr_equal(cl.opts[0], buf);
	assert_ptr_equal(cl.argv[0], buf + 7);
}

static void test_blanks(void **state)
{
	(void)state;
	expect("", END, END);
	expect("   \t \r\n ", END, END);
	expect("--", END, END);
	expect("\ta\tb\n--\r\nc\r", "a", "b", END, "c", END);
	expect("a\vb", "a\vb", END, END); /* only space, tab, CR, LF split */
}

/* Only the first bare "--" separates; quoted or escaped it is a word. */
static void test_separator(void **state)
{
	(void)state;
	expect("-- -- --", END, "--", "--", END);
	expect("'--' x", "--", "x", END, END);
	expect("\"--\" -- y", "--", END, "y", END);
	expect("\\-- -- z", "--", END, "z", END);
	expect("-\"\"- a", "--", "a", END, END);
	expect("--x -x- ---", "--x", "-x-", "---", END, END);
}

/* What a VMM appends after the app's arguments is still the kernel's;
 * the same word before other arguments is the app's. */
static void test_vmm_words(void **state)
{
	(void)state;
	expect("a -- x virtio_mmio.device=512@0xfeb00e00:12 "
	       "virtio_mmio.device=512@0xfeb00c00:11",
	       "a", "virtio_mmio.device=512@0xfeb00e00:12",
	       "virtio_mmio.device=512@0xfeb00c00:11", END, "x", END);
	expect("-- virtio_mmio.device=1 x", END, "virtio_mmio.device=1", "x",
	       END);
	expect("-- virtio_mmio.device=1", "virtio_mmio.device=1", END, END);
	expect("virtio_mmio.device=1", "virtio_mmio.device=1", END, END);
}

static void test_single_quotes(void **state)
{
	(void)state;
	expect("-- 'two words' 'a\\b\"c' '' 'it''s' x'y z'w", END, "two words",
	       "a\\b\"c", "", "its", "xy zw", END);
	expect("-- '\t\n'", END, "\t\n", END);
}

/* Inside "...", backslash escapes '"', '\' and '\'' (GRUB's quoting). */
static void test_double_quotes(void **state)
{
	(void)state;
	expect("-- \"a \\\"b\\\" \\\\ \\'c \\n\"", END, "a \"b\" \\ 'c \\n",
	       END);
	expect("-- \"it's\" \"\" a\"b c\"d", END, "it's", "", "ab cd", END);
	expect("-- \"x\\\\\"", END, "x\\", END); /* "x\\" ends after \\ */
}

/* Outside quotes, backslash escapes any one character. */
static void test_backslash(void **state)
{
	(void)state;
	expect("-- x\\ y \\'q\\' \\\"d \\\\ \\a", END, "x y", "'q'", "\"d",
	       "\\", "a", END);
	expect("-- end\\", END, "end\\", END); /* a final one stays */
	expect("-- \\", END, "\\", END);
	expect("k.ey=a\\ b", "k.ey=a b", END, END);
}

/* What tools/ukos-run produces for the app's args (kernel_quote). */
static void test_ukos_run_quoting(void **state)
{
	(void)state;
	expect("ukos.dumpboot -- \"arg one\" \"q\\\"x\\\\y'z\" plain",
	       "ukos.dumpboot", END, "arg one", "q\"x\\y'z", "plain", END);
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	assert_int_equal(split("a -- ok 'never closed"), -EINVAL);
	assert_int_equal(cl.opt_count, 1); /* what came before is kept */
	assert_int_equal(cl.argc, 1);
	assert_string_equal(cl.argv[0], "ok");
	assert_null(cl.argv[1]);
	assert_int_equal(split("-- \"also"), -EINVAL);
	assert_int_equal(cl.argc, 0);
	assert_int_equal(split("-- \"escaped end\\\""), -EINVAL);
	assert_int_equal(split("'"), -EINVAL);
	assert_int_equal(split("a'b c"), -EINVAL);
	assert_int_equal(cl.opt_count, 0);
}

static void test_too_many(void **state)
{
	char many[1024] = "--";

	(void)state;
	for (int i = 0; i < CMDLINE_MAX_ARGS; i++)
		strcat(many, " x");
	assert_int_equal(split(many), 0); /* exactly the maximum */
	assert_int_equal(cl.argc, CMDLINE_MAX_ARGS);
	assert_null(cl.argv[CMDLINE_MAX_ARGS]);
	strcat(many, " y");
	assert_int_equal(split(many), -E2BIG);
	assert_int_equal(cl.argc, CMDLINE_MAX_ARGS);
	assert_null(cl.argv[CMDLINE_MAX_ARGS]);

	many[0] = '\0';
	for (int i = 0; i < CMDLINE_MAX_OPTS; i++)
		strcat(many, " o");
	assert_int_equal(split(many), 0);
	assert_int_equal(cl.opt_count, CMDLINE_MAX_OPTS);
	strcat(many, " p -- a");
	assert_int_equal(split(many), -E2BIG);
	assert_int_equal(cl.opt_count, CMDLINE_MAX_OPTS);
	assert_int_equal(cl.argc, 0);
}

/* NAME=value words before "--" are the environment, not options. */
static void test_env_words(void **state)
{
	(void)state;
	assert_int_equal(split("A=1 ukos.x=2 _b=3 1c=4 d-e=5 'M=a b' f -- G=6"),
			 0);
	assert_int_equal(cl.envc, 3);
	assert_string_equal(cl.env[0], "A=1");
	assert_string_equal(cl.env[1], "_b=3");
	assert_string_equal(cl.env[2], "M=a b");
	assert_null(cl.env[3]);
	assert_int_equal(cl.opt_count, 4);
	assert_string_equal(cl.opts[0], "ukos.x=2");
	assert_string_equal(cl.opts[1], "1c=4");
	assert_string_equal(cl.opts[2], "d-e=5");
	assert_string_equal(cl.opts[3], "f");
	assert_int_equal(cl.argc, 1);
	assert_string_equal(cl.argv[0], "G=6"); /* after "--": an argument */
	assert_true(cmdline_env_word("X="));
	assert_true(cmdline_env_word("x9_=1=2"));
	assert_false(cmdline_env_word("X"));
	assert_false(cmdline_env_word("=X"));
	assert_false(cmdline_env_word("9X=1"));
	assert_false(cmdline_env_word("a.b=1"));
	assert_false(cmdline_env_word(""));
}

static void test_too_many_env(void **state)
{
	static char many[4 * (CMDLINE_MAX_ENV + 2)];

	(void)state;
	for (int i = 0; i < CMDLINE_MAX_ENV; i++)
		strcat(many, " E=1");
	assert_int_equal(split(many), 0);
	assert_int_equal(cl.envc, CMDLINE_MAX_ENV);
	strcat(many, " F=2");
	assert_int_equal(split(many), -E2BIG);
	assert_int_equal(cl.envc, CMDLINE_MAX_ENV);
	assert_null(cl.env[CMDLINE_MAX_ENV]);
}

/* ---- applying options ---------------------------------------------- */

static char seen[64];
static int calls;

static int set_ok(const char *v)
{
	calls++;
	snprintf(seen, sizeof(seen), "%s", v ? v : "(null)");
	return 0;
}

static int set_picky(const char *v)
{
	calls++;
	return v && strcmp(v, "yes") == 0 ? 0 : -EINVAL;
}

static const struct kernel_option table[] = {
	{ "a.b", set_ok, "" },
	{ "t.picky", set_picky, "" },
	{ "t.last", set_ok, "" },
};
#define TABLE_END (table + 3)

static char reports[1024];
#define NOT_ENV                                                                \
	"neither a kernel option nor an environment variable (NAME=value, "    \
	"NAME of letters, digits and _)"

static void report(const char *opt, const char *why)
{
	size_t n = strlen(reports);

	snprintf(reports + n, sizeof(reports) - n, "[%s: %s]", opt, why);
}

static int apply(const char *s, const struct kernel_option *last)
{
	reports[0] = '\0';
	seen[0] = '\0';
	calls = 0;
	assert_int_equal(split(s), 0);
	return cmdline_apply(&cl, table, last, report);
}

static void test_apply(void **state)
{
	(void)state;
	assert_int_equal(apply("a.b=1=2 t.picky=yes", TABLE_END), 0);
	assert_string_equal(seen, "1=2"); /* split at the first '=' */
	assert_int_equal(calls, 2);
	assert_string_equal(reports, "");
	assert_int_equal(apply("a.b", TABLE_END), 0);
	assert_string_equal(seen, "(null)"); /* bare key: NULL */
	assert_int_equal(apply("a.b=", TABLE_END), 0);
	assert_string_equal(seen, ""); /* empty value: "" */
	assert_int_equal(apply("'a.b=x y'", TABLE_END), 0);
	assert_string_equal(seen, "x y");
	assert_int_equal(apply("", TABLE_END), 0);
	assert_int_equal(calls, 0);
}

static void test_apply_reports_problems(void **state)
{
	(void)state;
	assert_int_equal(apply("a.bc=1 t.picky=no a.c=1 =x 1a=2 A.B t.picky "
			       "-- t.picky=yes",
			       TABLE_END),
			 7);
	assert_string_equal(reports, "[a.bc=1: unknown kernel option]"
				     "[t.picky=no: invalid value]"
				     "[a.c=1: unknown kernel option]"
				     "[=x: " NOT_ENV "]"
				     "[1a=2: " NOT_ENV "]"
				     "[A.B: unknown kernel option]"
				     "[t.picky: invalid value]");
	assert_int_equal(calls, 2); /* app args are never applied */
}

/* Only [first, last) is searched: an empty table knows nothing. */
static void test_apply_table_bounds(void **state)
{
	(void)state;
	assert_int_equal(apply("t.last=1", table + 2), 1);
	assert_string_equal(reports, "[t.last=1: unknown kernel option]");
	assert_int_equal(apply("a.b=1 t.picky=yes", table), 2);
	assert_int_equal(calls, 0);
	assert_int_equal(apply("t.last=1", TABLE_END), 0);
	assert_string_equal(seen, "1");
}

static void test_size(void **state)
{
	unsigned long long n = 7;

	(void)state;
	assert_int_equal(cmdline_size("0", &n), 0);
	assert_true(n == 0);
	assert_int_equal(cmdline_size("4096", &n), 0);
	assert_true(n == 4096);
	assert_int_equal(cmdline_size("64k", &n), 0);
	assert_true(n == 64ull << 10);
	assert_int_equal(cmdline_size("16M", &n), 0);
	assert_true(n == 16ull << 20);
	assert_int_equal(cmdline_size("2G", &n), 0);
	assert_true(n == 2ull << 30);
	assert_int_equal(cmdline_size("18446744073709551615", &n), 0);
	assert_true(n == ~0ull);
	n = 7;
	/* Nothing is stored on any failure. */
	assert_int_equal(cmdline_size("18446744073709551616", &n), -EINVAL);
	assert_int_equal(cmdline_size("17179869184G", &n), -EINVAL);
	assert_int_equal(cmdline_size("", &n), -EINVAL);
	assert_int_equal(cmdline_size(NULL, &n), -EINVAL);
	assert_int_equal(cmdline_size("M", &n), -EINVAL);
	assert_int_equal(cmdline_size("-1", &n), -EINVAL);
	assert_int_equal(cmdline_size(" 1", &n), -EINVAL);
	assert_int_equal(cmdline_size("1T", &n), -EINVAL);
	assert_int_equal(cmdline_size("1MB", &n), -EINVAL);
	assert_int_equal(cmdline_size("1.5M", &n), -EINVAL);
	assert_true(n == 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_and_args),
		cmocka_unit_test(test_blanks),
		cmocka_unit_test(test_separator),
		cmocka_unit_test(test_vmm_words),
		cmocka_unit_test(test_single_quotes),
		cmocka_unit_test(test_double_quotes),
		cmocka_unit_test(test_backslash),
		cmocka_unit_test(test_ukos_run_quoting),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_env_words),
		cmocka_unit_test(test_too_many_env),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_apply_reports_problems),
		cmocka_unit_test(test_apply_table_bounds),
		cmocka_unit_test(test_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
