/* SPDX-License-Identifier: MIT */
/*
 * test_virtio_mmio.c: finding virtio-mmio devices (kernel/drivers/
 * virtio_mmio_find.c) — in a real DSDT, in hand-made and damaged AML, and
 * in the command line's virtio_mmio.device= words.
 *
 * data/microvm-dsdt.aml is the DSDT QEMU 7.2's microvm gave a guest with
 * a virtio-net-device and a virtio-blk-device (printed by a guest from
 * acpi_dsdt(), header included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/virtio.h>

#define HEADER 36
#define MAX    8

static struct virtio_mmio_res got[MAX];
static unsigned got_n;

static void collect(void *arg, const struct virtio_mmio_res *r)
{
	(void)arg;
	if (got_n < MAX)
		got[got_n] = *r;
	got_n++;
}

static unsigned scan(const uint8_t *aml, size_t len)
{
	got_n = 0;
	unsigned n = virtio_mmio_acpi_scan(aml, len, collect, NULL);
	assert_int_equal(n, got_n);
	return n;
}

static uint8_t *load(size_t *len)
{
	FILE *f = fopen(DATA_DIR "/microvm-dsdt.aml", "rb");
	static uint8_t buf[4096];

	assert_non_null(f);
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(*len > HEADER);
	return buf;
}

static void test_qemu_microvm(void **state)
{
	size_t len;
	uint8_t *d = load(&len);

	(void)state;
	assert_int_equal(scan(d + HEADER, len - HEADER), 2);
	assert_int_equal(got[0].base, 0xfeb02e00);
	assert_int_equal(got[0].size, 0x200);
	assert_int_equal(got[0].gsi, 47);
	assert_true(got[0].level);
	assert_false(got[0].active_low);
	assert_int_equal(got[1].base, 0xfeb02c00);
	assert_int_equal(got[1].gsi, 46);
}

/* Every prefix of the table and every single-byte change: never a read
 * outside it (ASan), never more devices than there are. */
static void test_damaged(void **state)
{
	size_t len;
	uint8_t *d = load(&len);
	uint8_t *copy = malloc(len);

	(void)state;
	for (size_t n = 0; n <= len - HEADER; n++) {
		uint8_t *exact = malloc(n ? n : 1);
		memcpy(exact, d + HEADER, n);
		assert_true(scan(exact, n) <= 2);
		free(exact);
	}
	srand(1);
	for (size_t i = HEADER; i < len; i++) {
		for (int k = 0; k < 8; k++) {
			memcpy(copy, d, len);
			copy[i] = (uint8_t)rand();
			assert_true(scan(copy + HEADER, len - HEADER) <= 2);
		}
	}
	free(copy);
}

/* One device in AML: _HID, then a _CRS buffer holding tmpl. */
static size_t device(uint8_t *out, const uint8_t *tmpl, size_t n)
{
	static const uint8_t head[] = { 0x08, '_',  'H', 'I', 'D', 0x0d, 'L',
					'N',  'R',  'O', '0', '0', '0',  '5',
					0,    0x08, '_', 'C', 'R', 'S',  0x11 };
	size_t k = 0;

	memcpy(out, head, sizeof(head));
	k = sizeof(head);
	out[k++] = (uint8_t)(n + 3); /* PkgLength: itself, the size, bytes */
	out[k++] = 0x0a;
	out[k++] = (uint8_t)n;
	memcpy(out + k, tmpl, n);
	return k + n;
}

static void test_handmade(void **state)
{
	/* Edge, active low; and a QWord-free template. */
	static const uint8_t edge[] = { 0x86, 9, 0, 1, 0x00, 0x10, 0, 0,
					0,    2, 0, 0, 0x89, 6,    0, 0x06,
					1,    5, 0, 0, 0,    0x79, 0 };
	/* No interrupt: skipped. */
	static const uint8_t noirq[] = { 0x86, 9, 0, 1, 0, 0x20, 0,
					 0,    0, 2, 0, 0, 0x79, 0 };
	/* A descriptor claiming more bytes than the buffer has. */
	static const uint8_t lying[] = { 0x86, 0xff, 0x7f, 1, 0, 0x20, 0, 0 };
	uint8_t aml[256];
	size_t n;

	(void)state;
	n = device(aml, edge, sizeof(edge));
	assert_int_equal(scan(aml, n), 1);
	assert_int_equal(got[0].base, 0x1000);
	assert_int_equal(got[0].size, 0x200);
	assert_int_equal(got[0].gsi, 5);
	assert_false(got[0].level);
	assert_true(got[0].active_low);

	n = device(aml, noirq, sizeof(noirq));
	n += device(aml + n, edge, sizeof(edge));
	assert_int_equal(scan(aml, n), 1);
	assert_int_equal(got[0].base, 0x1000);

	n = device(aml, lying, sizeof(lying));
	assert_int_equal(scan(aml, n), 0);

	/* A buffer whose PkgLength runs past the table. */
	n = device(aml, edge, sizeof(edge));
	aml[21] = 0x7f;
	assert_int_equal(scan(aml, n), 0);
	assert_int_equal(scan(aml, 0), 0);
}

static void parse_ok(const char *v, uint64_t base, uint64_t size, unsigned gsi)
{
	struct virtio_mmio_res r;

	assert_int_equal(virtio_mmio_parse(v, &r), 0);
	assert_int_equal(r.base, base);
	assert_int_equal(r.size, size);
	assert_int_equal(r.gsi, gsi);
}

static void test_cmdline_words(void **state)
{
	static const char *const bad[] = {
		NULL,
		"",
		"512",
		"512@0xfeb00e00",
		"@0xfeb00e00:12",
		"512@:12",
		"512@0xfeb00e00:",
		"16@0xfeb00e00:12",      /* smaller than the registers */
		"512@0xfeb00e01:12",     /* unaligned */
		"4K@0xfffff000:12:",     /* empty ID */
		"4K@0xfffffe00:12",      /* past 4 GiB */
		"512@0x100000000:12",    /* above 4 GiB */
		"512@0xfeb00e00:176",    /* no such GSI */
		"512@0xfeb00e00:12x",    /* junk */
		"512@0xfeb00e00:12:3:4", /* junk */
		"512x@0xfeb00e00:12",    /* bad size */
		"99999999999999999999999@0:1",
		"512@0xfeb00e00:"
		"12aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct virtio_mmio_res r;

	(void)state;
	parse_ok("512@0xfeb00e00:12", 0xfeb00e00, 512, 12);
	parse_ok("4K@0xd0000000:5:0", 0xd0000000, 4096, 5);
	parse_ok("0x200@4096:1", 4096, 0x200, 1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(virtio_mmio_parse(bad[i], &r), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_microvm),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_cmdline_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
