/* SPDX-License-Identifier: MIT */
/*
 * test_pci_mcfg.c: finding the ECAM window in ACPI's MCFG table
 * (kernel/drivers/pci_mcfg.c): QEMU q35's table, and every way a table can
 * be wrong or unusable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>
#include <ukos/pci.h>

static uint8_t t[44 + 3 * 16];

/* A table of n entries; entry i: base, segment, start bus, end bus. */
static uint32_t table(unsigned n)
{
	uint32_t len = 44 + 16 * n;

	memset(t, 0, sizeof(t));
	memcpy(t, "MCFG", 4);
	memcpy(t + 4, &len, 4);
	return len;
}

static void entry(unsigned i, uint64_t base, uint16_t seg, uint8_t start,
		  uint8_t end)
{
	uint8_t *e = t + 44 + 16 * i;

	memcpy(e, &base, 8);
	memcpy(e + 8, &seg, 2);
	e[10] = start;
	e[11] = end;
}

static void test_q35(void **state)
{
	struct pci_ecam ecam;
	uint32_t len = table(1);

	(void)state;
	entry(0, 0xb0000000, 0, 0, 255); /* what QEMU's q35 publishes */
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), 0);
	assert_int_equal(ecam.base, 0xb0000000);
	assert_int_equal(ecam.end_bus, 255);
}

static void test_first_usable_entry(void **state)
{
	struct pci_ecam ecam;
	uint32_t len = table(3);

	(void)state;
	entry(0, 0xc0000000, 1, 0, 255);      /* another segment */
	entry(1, 0x1000000000ull, 0, 0, 255); /* above 4 GiB: not mapped */
	entry(2, 0xe0000000, 0, 0, 63);
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), 0);
	assert_int_equal(ecam.base, 0xe0000000);
	assert_int_equal(ecam.end_bus, 63);
}

static void test_unusable(void **state)
{
	struct pci_ecam ecam;
	uint32_t len;

	(void)state;
	assert_int_equal(pci_mcfg_parse(NULL, 0, &ecam), -1);
	len = table(0);
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1); /* no entries */
	len = table(1);
	entry(0, 0xb0000000, 0, 0, 255);
	assert_int_equal(pci_mcfg_parse(t, len - 1, &ecam), -1); /* length */
	assert_int_equal(pci_mcfg_parse(t, 40, &ecam), -1);      /* truncated */
	entry(0, 0xb0000000, 0, 1, 255); /* not from bus 0 */
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1);
	entry(0, 0xb0000000, 0, 9, 3); /* end before start */
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1);
	entry(0, 0xb0001000, 0, 0, 255); /* not 1 MiB aligned */
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1);
	entry(0, 0xf8000000, 0, 0, 255); /* runs past 4 GiB */
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1);
	entry(0, 0, 0, 0, 255);
	assert_int_equal(pci_mcfg_parse(t, len, &ecam), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_q35),
		cmocka_unit_test(test_first_usable_entry),
		cmocka_unit_test(test_unusable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
