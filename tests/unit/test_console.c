/* SPDX-License-Identifier: MIT */
/*
 * test_console.c: which stream reaches which console (kernel/console.c):
 * everything everywhere until a messages console comes; then the kernel's
 * messages and the program's stderr go there and to screens, and the
 * serial line carries stdout alone, raw unless ONLCR.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ukos/console.h>

void arch_cpu_relax(void)
{
}

void debugcon_init(void)
{
}

void uart16550_init(void)
{
}

/* What each fake console was given, "w:" for write, "r:" for write_raw. */
static char serial[256], screen[256], debug[256];

static void put(char *log, const char *how, const char *buf, size_t len)
{
	size_t n = strlen(log);

	snprintf(log + n, 256 - n, "%s%.*s|", how, (int)len, buf);
}

static void serial_write(const char *b, size_t n)
{
	put(serial, "w:", b, n);
}

static void serial_raw(const char *b, size_t n)
{
	put(serial, "r:", b, n);
}

static void screen_write(const char *b, size_t n)
{
	put(screen, "w:", b, n);
}

static void debug_write(const char *b, size_t n)
{
	put(debug, "w:", b, n);
}

static const struct console_ops serial_ops = { .name = "com1",
					       .write = serial_write,
					       .write_raw = serial_raw };
static const struct console_ops screen_ops = { .name = "fb",
					       .write = screen_write };
static const struct console_ops debug_ops = { .name = "debugcon",
					      .write = debug_write,
					      .messages = true };

static void clear(void)
{
	serial[0] = screen[0] = debug[0] = '\0';
}

static void test_one_stream(void **state)
{
	(void)state;
	assert_int_equal(console_register(&serial_ops), 0);
	assert_int_equal(console_register(&screen_ops), 0);
	assert_string_equal(screen, "w:|"); /* the boot log: empty yet */
	clear();
	assert_false(console_split());
	console_write("k", 1);
	console_write_app(1, "o", 1, true);
	console_write_app(2, "e", 1, false);
	assert_string_equal(serial, "w:k|w:o|r:e|");
	assert_string_equal(screen, "w:k|w:o|w:e|");
}

static void test_split(void **state)
{
	(void)state;
	clear();
	assert_int_equal(console_register(&debug_ops), 0);
	assert_true(console_split());
	assert_string_equal(debug, "w:k|"); /* shown the boot's messages */
	clear();
	console_write("k", 1);
	console_write_app(1, "o", 1, false);
	console_write_app(1, "n", 1, true);
	console_write_app(2, "e", 1, false);
	assert_string_equal(serial, "r:o|w:n|");
	assert_string_equal(debug, "w:k|w:e|");
	assert_string_equal(screen, "w:k|w:o|w:n|w:e|");
	assert_int_equal(console_register(&debug_ops), 0); /* once only */
	assert_int_equal(console_register(NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_stream),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
