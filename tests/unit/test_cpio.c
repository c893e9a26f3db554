/* SPDX-License-Identifier: MIT */
/*
 * test_cpio.c: the newc reader (kernel/cpio.c) on an archive laid out as
 * `cpio -H newc` writes one, and on every way of breaking it: another
 * format, bad hex, a name without its NUL, a size past the end, and every
 * truncation — reported, never read past.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ukos/cpio.h>

#include "newc.h"

static uint8_t arc[4096];
static size_t arc_len;

static void add(const char *name, unsigned mode, const char *data)
{
	newc_add(arc, &arc_len, name, mode, data);
}

static void build(void)
{
	memset(arc, 0, sizeof(arc));
	arc_len = 0;
	add(".", 040755, NULL);
	add("etc", 040755, NULL);
	add("etc/motd", 0100644, "hello, ukos\n");
	add("odd", 0100600, "abc"); /* data not a multiple of 4 */
	add("TRAILER!!!", 0, NULL);
}

static void test_walk(void **state)
{
	struct cpio_entry e;
	size_t off = 0;

	(void)state;
	build();
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), 1);
	assert_string_equal(e.name, ".");
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), 1);
	assert_string_equal(e.name, "etc");
	assert_int_equal(e.mode, 040755);
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), 1);
	assert_string_equal(e.name, "etc/motd");
	assert_int_equal(e.name_len, 8);
	assert_int_equal(e.size, 12);
	assert_memory_equal(e.data, "hello, ukos\n", 12);
	assert_int_equal(e.mtime, 1700000000u);
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), 1);
	assert_memory_equal(e.data, "abc", 3);
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), 0);
}

static void test_broken(void **state)
{
	struct cpio_entry e;
	size_t off;

	(void)state;
	build();
	off = 0;
	arc[5] = '7'; /* "070707": the old binary-ish format */
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), -EINVAL);
	build();
	arc[6 + 8 + 3] = 'g'; /* mode not hex */
	off = 0;
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), -EINVAL);
	build();
	off = 0;
	arc[110 + 1] = 'x'; /* the name "." loses its NUL */
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), -EINVAL);
	build();
	/* etc/motd claims more data than there is */
	size_t third = 0;
	for (int i = 0; i < 2; i++)
		assert_int_equal(cpio_next(arc, arc_len, &third, &e), 1);
	memcpy(arc + third + 6 + 8 * 6, "0000FFFF", 8);
	assert_int_equal(cpio_next(arc, arc_len, &third, &e), -EINVAL);
	build();
	memcpy(arc + 6 + 8 * 11, "00000000", 8); /* no name at all */
	off = 0;
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), -EINVAL);
	/* Every truncation of a good archive: an error or a short walk,
	 * never past the end (ASan watches). */
	build();
	for (size_t n = 0; n < arc_len; n++) {
		int r;
		off = 0;
		while ((r = cpio_next(arc, n, &off, &e)) == 1)
			assert_true(off <= n && e.data + e.size <= arc + n);
		assert_true(r == -EINVAL || r == 0);
	}
	off = arc_len + 1; /* an offset beyond the end */
	assert_int_equal(cpio_next(arc, arc_len, &off, &e), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
