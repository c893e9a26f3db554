/* SPDX-License-Identifier: MIT */
/*
 * test_acpi_aml.c: finding the \_S5 package in AML (kernel/acpi.c), on
 * well-formed, odd and malformed byte streams.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/acpi.h>

/* Name(_S5, Package(4) {5, 5, 0, 0}) as iasl writes it, after filler. */
static const uint8_t s5_byteprefix[] = { 0x10, 0x42, 0x08, '_',  'S',  '5',
					 '_',  0x12, 0x0a, 0x04, 0x0a, 0x05,
					 0x0a, 0x05, 0x00, 0x00 };
/* QEMU's pc DSDT: Name(\_S5, Package(4) {Zero, Zero, Zero, Zero}). */
static const uint8_t s5_root_zero[] = { 0x08, '\\', '_',  'S',  '5',  '_', 0x12,
					0x06, 0x04, 0x00, 0x00, 0x00, 0x00 };

static void test_byteprefix(void **state)
{
	uint8_t typ[2];
	(void)state;
	assert_int_equal(
		acpi_aml_find_s5(s5_byteprefix, sizeof(s5_byteprefix), typ), 0);
	assert_int_equal(typ[0], 5);
	assert_int_equal(typ[1], 5);
}

static void test_root_prefix_and_zero_op(void **state)
{
	uint8_t typ[2] = { 9, 9 };
	(void)state;
	assert_int_equal(
		acpi_aml_find_s5(s5_root_zero, sizeof(s5_root_zero), typ), 0);
	assert_int_equal(typ[0], 0);
	assert_int_equal(typ[1], 0);
}

static void test_absent(void **state)
{
	static const uint8_t aml[] = { 0x08, '_', 'S', '3', '_', 0x12, 0x06 };
	uint8_t typ[2];
	(void)state;
	assert_int_equal(acpi_aml_find_s5(aml, sizeof(aml), typ), -ENOENT);
	assert_int_equal(acpi_aml_find_s5(aml, 0, typ), -ENOENT);
}

/* "_S5_" text that is not a NameOp is not the package. */
static void test_not_a_name(void **state)
{
	static const uint8_t aml[] = { 0x70, '_',  'S',  '5',  '_',
				       0x12, 0x06, 0x04, 0x0a, 0x07 };
	uint8_t typ[2];
	(void)state;
	assert_int_equal(acpi_aml_find_s5(aml, sizeof(aml), typ), -ENOENT);
}

/* Every truncation of a good stream fails cleanly (ASan checks bounds). */
static void test_truncated(void **state)
{
	uint8_t typ[2];
	(void)state;
	for (size_t n = 0; n < 12; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, s5_byteprefix, n);
		assert_int_equal(acpi_aml_find_s5(copy, n, typ), -ENOENT);
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byteprefix),
		cmocka_unit_test(test_root_prefix_and_zero_op),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_not_a_name),
		cmocka_unit_test(test_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
