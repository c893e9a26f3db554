/* SPDX-License-Identifier: MIT */
/*
 * test_kprintf.c: the kernel's printf formatting (kernel/kprintf.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>
#include <ukos/console.h>

/* kprintf.c writes to consoles; collect that output here. */
static char out[256];
static size_t out_len;

void console_write(const char *buf, size_t len)
{
	if (out_len + len < sizeof(out)) {
		memcpy(out + out_len, buf, len);
		out_len += len;
		out[out_len] = '\0';
	}
}

static void check(const char *expect, const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_string_equal(buf, expect);
	assert_int_equal(n, (int)strlen(expect));
}

static void test_conversions(void **state)
{
	(void)state;
	check("42 -7 255 ff FF", "%d %i %u %x %X", 42, -7, 255u, 255u, 255u);
	check("-9223372036854775808", "%ld", (long)INT64_MIN);
	check("18446744073709551615", "%lu", (unsigned long)UINT64_MAX);
	check("0x1000", "%p", (void *)0x1000);
	check("a|str|(null)|%", "%c|%s|%s|%%", 'a', "str", (char *)NULL);
	check("12", "%zu", (size_t)12);
	check("ok%q", "ok%q");
}

static void test_width_and_flags(void **state)
{
	(void)state;
	check("   42|42   |00042|-0042", "%5d|%-5d|%05d|%05d", 42, 42, 42, -42);
	check("0000000000001000", "%016lx", 0x1000ul);
	check("  ab|ab  ", "%4s|%-4s", "ab", "ab");
}

static void test_truncation(void **state)
{
	char buf[6];
	(void)state;
	int n = ksnprintf(buf, sizeof(buf), "hello world");
	assert_int_equal(n, 11);
	assert_string_equal(buf, "hello");
	assert_int_equal(ksnprintf(NULL, 0, "%d", 1234), 4);
}

static void test_console_output(void **state)
{
	(void)state;
	out_len = 0;
	kprintf("x=%d %s\n", 3, "y");
	assert_string_equal(out, "x=3 y\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_console_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
