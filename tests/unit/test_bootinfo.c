/* SPDX-License-Identifier: MIT */
/*
 * test_bootinfo.c: the multiboot2 and PVH parsers (kernel/bootinfo_*.c)
 * fed structures captured from real boots (the .dump files in data/) and broken ones.
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
#include <ukos/bootinfo.h>

#include "dump_loader.h"

#define MiB (1ull << 20)
/* What data/capture.sh passes on every boot. */
#define CAPTURED_CMDLINE "ukos.dumpboot -- \"arg one\""

static struct bootinfo bi;

static int parse(struct dump *d)
{
	struct bootinfo_phys phys = { dump_map, d };
	return d->is_pvh ? bootinfo_from_pvh(&bi, d->info_pa, &phys)
			 : bootinfo_from_multiboot2(&bi, d->info_pa, &phys);
}

static void load(struct dump *d, const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s.dump", DATA_DIR, name);
	assert_int_equal(dump_load(d, path), 0);
}

static uint64_t ram_total(void)
{
	uint64_t sum = 0;
	for (unsigned i = 0; i < bi.mem_count; i++)
		if (bi.mem[i].type == BOOTINFO_MEM_RAM)
			sum += bi.mem[i].len;
	return sum;
}

static int ram_covers(uint64_t base, uint64_t end)
{
	for (unsigned i = 0; i < bi.mem_count; i++)
		if (bi.mem[i].type == BOOTINFO_MEM_RAM &&
		    bi.mem[i].base <= base &&
		    bi.mem[i].base + bi.mem[i].len >= end)
			return 1;
	return 0;
}

/* Every capture comes from a 128 MiB guest booted with the same line. */
static void check_common(const char *loader)
{
	assert_string_equal(bi.loader, loader);
	assert_string_equal(bi.cmdline, CAPTURED_CMDLINE);
	assert_false(bi.cmdline_truncated);
	assert_true(ram_covers(MiB, 2 * MiB)); /* where the image loads */
	assert_in_range(ram_total(), 120 * MiB, 128 * MiB);
	assert_int_equal(bi.module_count, 0);
}

static void test_pvh_microvm(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "pvh-microvm");
	assert_int_equal(parse(&d), 0);
	check_common("pvh");
	dump_free(&d);
}

static void test_pvh_pc(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "pvh-pc");
	assert_int_equal(parse(&d), 0);
	check_common("pvh");
	assert_true(bi.rsdp_addr != 0); /* SeaBIOS-less pc still has ACPI */
	dump_free(&d);
}

static void check_rsdp(void)
{
	assert_true(bi.rsdp_len == 20 || bi.rsdp_len == 36);
	assert_memory_equal(bi.rsdp, "RSD PTR ", 8);
}

static void test_mb2_bios(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "mb2-bios");
	assert_int_equal(parse(&d), 0);
	check_common("multiboot2");
	check_rsdp();
	dump_free(&d);
}

static void test_mb2_uefi(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "mb2-uefi");
	assert_int_equal(parse(&d), 0);
	check_common("multiboot2");
	check_rsdp();
	assert_int_equal(bi.rsdp_len, 36); /* OVMF gives ACPI 2.0+ */
	dump_free(&d);
}

/* Every shortened copy of a real structure is refused, never misread. */
static void test_mb2_truncated(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "mb2-bios");
	struct dump_seg *s = &d.seg[0];
	size_t full = s->len;
	uint32_t total;
	memcpy(&total, s->bytes, 4);
	assert_int_equal(s->pa, d.info_pa);
	for (size_t n = 0; n < total; n += 1) {
		s->len = n; /* memory past n is not there */
		assert_int_equal(parse(&d), -EINVAL);
	}
	s->len = full;
	assert_int_equal(parse(&d), 0);
	dump_free(&d);
}

/* A hand-built multiboot2 structure: header, one tag, end tag. */
static uint8_t mbi[256];
static struct dump hand;

static void build_mbi(uint32_t tag_type, uint32_t tag_size, uint32_t end_size)
{
	uint32_t total = 8 + ((tag_size + 7) & ~7u) + 8;
	memset(mbi, 0, sizeof(mbi));
	memcpy(mbi, &total, 4);
	memcpy(mbi + 8, &tag_type, 4);
	memcpy(mbi + 12, &tag_size, 4);
	uint32_t end_off = 8 + ((tag_size + 7) & ~7u);
	if (end_off + 8 <= sizeof(mbi))
		memcpy(mbi + end_off + 4, &end_size, 4);
	hand = (struct dump){ .info_pa = 0x10000, .nseg = 1 };
	hand.seg[0] = (struct dump_seg){ 0x10000, sizeof(mbi), mbi };
}

static void test_mb2_malformed(void **state)
{
	(void)state;
	build_mbi(1, 12, 8); /* cmdline tag "abc" */
	memcpy(mbi + 16, "abc", 4);
	assert_int_equal(parse(&hand), 0);
	assert_string_equal(bi.cmdline, "abc");

	build_mbi(1, 4, 8); /* tag smaller than its header */
	assert_int_equal(parse(&hand), -EINVAL);
	build_mbi(1, 12, 16); /* end tag of the wrong size */
	assert_int_equal(parse(&hand), -EINVAL);
	build_mbi(1, 12, 8);
	uint32_t big = 200; /* tag runs past total_size */
	memcpy(mbi + 12, &big, 4);
	assert_int_equal(parse(&hand), -EINVAL);
	build_mbi(1, 12, 8);
	uint32_t total = 20; /* no room for the end tag */
	memcpy(mbi, &total, 4);
	assert_int_equal(parse(&hand), -EINVAL);
	total = 1u << 30; /* larger than memory that exists */
	memcpy(mbi, &total, 4);
	assert_int_equal(parse(&hand), -EINVAL);
	build_mbi(6, 16 + 8, 8); /* memory map with entry_size 8 */
	uint32_t esize = 8;
	memcpy(mbi + 16, &esize, 4);
	assert_int_equal(parse(&hand), -EINVAL);
	build_mbi(3, 16, 8); /* module without room for its name */
	assert_int_equal(parse(&hand), -EINVAL);
	hand.info_pa = 0x20000; /* nothing there at all */
	assert_int_equal(parse(&hand), -EINVAL);
}

static void test_mb2_cmdline_truncated(void **state)
{
	static uint8_t big[8 + 8 + 2000 + 8];
	uint32_t total = sizeof(big), type = 1, size = 8 + 2000;
	(void)state;
	memset(big, 0, sizeof(big));
	memcpy(big, &total, 4);
	memcpy(big + 8, &type, 4);
	memcpy(big + 12, &size, 4);
	memset(big + 16, 'x', 1999);
	memcpy(big + 16 + 2000 + 4, &(uint32_t){ 8 }, 4);
	struct dump d = { .info_pa = 0x1000, .nseg = 1 };
	d.seg[0] = (struct dump_seg){ 0x1000, sizeof(big), big };
	assert_int_equal(parse(&d), 0);
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
}

static void test_pvh_malformed(void **state)
{
	struct dump d;
	(void)state;
	load(&d, "pvh-microvm");
	uint8_t *si = d.seg[0].bytes;

	si[0] ^= 1; /* bad magic */
	assert_int_equal(parse(&d), -EINVAL);
	si[0] ^= 1;
	uint32_t v = 0x10000; /* more modules than exist */
	memcpy(si + 12, &v, 4);
	memcpy(si + 16, &(uint64_t){ 0x5000 }, 8);
	assert_int_equal(parse(&d), -EINVAL);
	memset(si + 12, 0, 12);
	uint64_t bad = 0xdead0000; /* memory map nowhere */
	memcpy(si + 40, &bad, 8);
	assert_int_equal(parse(&d), -EINVAL);
	memcpy(si + 40, &(uint64_t){ 0 }, 8); /* no map: parsed, map empty */
	assert_int_equal(parse(&d), 0);
	assert_int_equal(bi.mem_count, 0);
	memcpy(si + 24, &bad, 8); /* command line nowhere */
	assert_int_equal(parse(&d), -EINVAL);
	d.info_pa += 4; /* start_info itself cut short */
	assert_int_equal(parse(&d), -EINVAL);
	dump_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pvh_microvm),
		cmocka_unit_test(test_pvh_pc),
		cmocka_unit_test(test_mb2_bios),
		cmocka_unit_test(test_mb2_uefi),
		cmocka_unit_test(test_mb2_truncated),
		cmocka_unit_test(test_mb2_malformed),
		cmocka_unit_test(test_mb2_cmdline_truncated),
		cmocka_unit_test(test_pvh_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
