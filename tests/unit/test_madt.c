/* SPDX-License-Identifier: MIT */
/*
 * test_madt.c: the MADT reader (kernel/madt.c) on a table laid out like
 * QEMU's pc one, and on broken tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <ukos/madt.h>

static uint8_t t[256];
static size_t tlen;

static void put(const void *p, size_t n)
{
	memcpy(t + tlen, p, n);
	tlen += n;
}

/* Header, LAPIC at 0xfee00000, PCAT_COMPAT; two CPUs (one disabled), an
 * I/O APIC, IRQ0 → GSI2 and IRQ9 level/active-high overrides. */
static void build(void)
{
	static const uint8_t cpu0[] = { 0, 8, 0, 0, 1, 0, 0, 0 };
	static const uint8_t cpu1[] = { 0, 8, 1, 1, 0, 0, 0, 0 };
	static const uint8_t x2[] = { 9, 16, 0, 0, 0x00, 0x01, 0, 0,
				      1, 0,  0, 0, 2,    0,    0, 0 };
	static const uint8_t ioapic[] = { 1,    12,   0, 0, 0x00, 0x00,
					  0xc0, 0xfe, 0, 0, 0,    0 };
	static const uint8_t irq0[] = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
	static const uint8_t irq9[] = { 2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0 };
	uint32_t lapic = 0xfee00000, flags = 1;

	memset(t, 0, sizeof(t));
	memcpy(t, "APIC", 4);
	tlen = 36;
	put(&lapic, 4);
	put(&flags, 4);
	put(cpu0, sizeof(cpu0));
	put(cpu1, sizeof(cpu1));
	put(x2, sizeof(x2));
	put(ioapic, sizeof(ioapic));
	put(irq0, sizeof(irq0));
	put(irq9, sizeof(irq9));
}

static void test_qemu_like(void **state)
{
	struct madt_info mi;
	bool level, low;
	(void)state;
	build();
	assert_int_equal(madt_parse(t, tlen, &mi), 0);
	assert_int_equal(mi.lapic_addr, 0xfee00000);
	assert_true(mi.has_8259);
	assert_int_equal(mi.cpu_count, 2); /* the disabled one is left out */
	assert_int_equal(mi.apic_ids[0], 0);
	assert_int_equal(mi.apic_ids[1], 0x100); /* the x2APIC entry */
	assert_int_equal(mi.ioapic_count, 1);
	assert_int_equal(mi.ioapics[0].addr, 0xfec00000);
	assert_int_equal(mi.ioapics[0].gsi_base, 0);
	assert_int_equal(madt_isa_gsi(&mi, 0, &level, &low), 2);
	assert_false(level);
	assert_int_equal(madt_isa_gsi(&mi, 9, &level, &low), 9);
	assert_true(level);
	assert_false(low);
	assert_int_equal(madt_isa_gsi(&mi, 4, &level, &low), 4);
	assert_false(level || low);
}

/* PCI INTx through the firmware's line: QEMU overrides IRQs 5, 9, 10 and
 * 11 as level/active high; "conforms" means PCI's level/active low there;
 * without an override the line is the GSI, level, active low. */
static void test_pci_line(void **state)
{
	static const uint8_t irq11_edge[] = {
		2, 10, 0, 11, 19, 0, 0, 0, 0x05, 0
	};
	struct madt_info mi;
	bool level, low;
	(void)state;
	build();
	put(irq11_edge, sizeof(irq11_edge));
	assert_int_equal(madt_parse(t, tlen, &mi), 0);
	assert_int_equal(madt_pci_gsi(&mi, 9, &level, &low), 9);
	assert_true(level);
	assert_false(low);
	assert_int_equal(madt_pci_gsi(&mi, 0, &level, &low), 2);
	assert_true(level && low); /* flags 0: conforms to PCI */
	assert_int_equal(madt_pci_gsi(&mi, 10, &level, &low), 10);
	assert_true(level && low);
	assert_int_equal(madt_pci_gsi(&mi, 11, &level, &low), 19);
	assert_false(level); /* edge, active high, as the table says */
	assert_false(low);
}

static void test_lapic_override(void **state)
{
	static const uint8_t e5[] = { 5, 12, 0, 0, 0, 0x10, 0, 0, 1, 0, 0, 0 };
	struct madt_info mi;
	(void)state;
	build();
	put(e5, sizeof(e5));
	assert_int_equal(madt_parse(t, tlen, &mi), 0);
	assert_int_equal(mi.lapic_addr, 0x100001000ull);
}

static void test_broken(void **state)
{
	struct madt_info mi;
	(void)state;
	build();
	assert_int_equal(madt_parse(t, 40, &mi), -EINVAL); /* too short */
	t[0] = 'X';
	assert_int_equal(madt_parse(t, tlen, &mi), -EINVAL); /* signature */
	build();
	t[44 + 1] = 0; /* an entry of length 0 would loop forever */
	assert_int_equal(madt_parse(t, tlen, &mi), -EINVAL);
	build();
	t[44 + 1] = 200; /* runs past the end */
	assert_int_equal(madt_parse(t, tlen, &mi), -EINVAL);
	build();
	t[44 + 1] = 4; /* a LAPIC entry too short for its fields */
	assert_int_equal(madt_parse(t, tlen, &mi), -EINVAL);
	build();
	for (size_t n = 44; n < tlen; n++) /* every truncation: no crash */
		(void)madt_parse(t, n, &mi);
}

/* qboot's MP table (QEMU 7.2's microvm with acpi=off; its entry count
 * left 0, walked by length), then damaged copies. */
static size_t load_mp(uint8_t *buf, size_t max)
{
	FILE *f = fopen(DATA_DIR "/microvm-mptable.bin", "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, max, f);
	fclose(f);
	return n;
}

static void fix_sum(uint8_t *c, size_t len)
{
	uint8_t s = 0;

	c[7] = 0;
	for (size_t i = 0; i < len; i++)
		s = (uint8_t)(s + c[i]);
	c[7] = (uint8_t)-s;
}

static void test_mptable(void **state)
{
	uint8_t c[512], fp[64] = { 0 };
	struct madt_info mi;
	size_t n = load_mp(c, sizeof(c));
	bool level, low;

	(void)state;
	assert_int_equal(n, 216);
	assert_int_equal(mptable_parse(c, n, &mi), 0);
	assert_int_equal(mi.lapic_addr, 0xfee00000);
	assert_int_equal(mi.cpu_count, 1);
	assert_int_equal(mi.ioapic_count, 1);
	assert_int_equal(mi.ioapics[0].addr, 0xfec00000);
	assert_int_equal(mi.ioapics[0].gsi_base, 0);
	assert_int_equal(madt_isa_gsi(&mi, 0, &level, &low), 2); /* the PIT */
	assert_int_equal(madt_isa_gsi(&mi, 12, &level, &low), 12);
	assert_false(level);

	/* the floating pointer: found at a 16-byte step, checksummed */
	memcpy(fp + 32, "_MP_\x10\xfc\x09\x00\x01\x04", 10);
	uint8_t s = 0;
	for (int i = 32; i < 48; i++)
		s = (uint8_t)(s + fp[i]);
	fp[42] = (uint8_t)-s;
	assert_int_equal(mptable_find(fp, sizeof(fp)), 0x9fc10);
	assert_int_equal(mptable_find(fp, 40), 0); /* cut short */
	fp[43] ^= 1;
	assert_int_equal(mptable_find(fp, sizeof(fp)), 0);

	c[60] ^= 1; /* the checksum no longer holds */
	assert_int_equal(mptable_parse(c, n, &mi), -EINVAL);
	load_mp(c, sizeof(c));
	assert_int_equal(mptable_parse(c, n - 8, &mi), -EINVAL); /* length */
	c[44] = 9; /* an entry of a type with no known size */
	fix_sum(c, n);
	assert_int_equal(mptable_parse(c, n, &mi), -EINVAL);
	load_mp(c, sizeof(c));
	for (size_t off = 64; off + 8 <= n; off += 8)
		if (c[off] == 2)
			c[off + 3] = 0; /* the I/O APIC disabled */
	fix_sum(c, n);
	assert_int_equal(mptable_parse(c, n, &mi), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_like),
		cmocka_unit_test(test_pci_line),
		cmocka_unit_test(test_lapic_override),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_mptable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
