/* SPDX-License-Identifier: MIT */
/*
 * test_physmem.c: free physical ranges (kernel/physmem.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include <ukos/physmem.h>

#define MiB (1ull << 20)

static struct bootinfo bi;
static struct physmem pm;

static void mem(uint64_t base, uint64_t len, uint32_t type)
{
	bi.mem[bi.mem_count++] = (struct bootinfo_mem){ base, len, type };
}

static void reset(void)
{
	memset(&bi, 0, sizeof(bi));
}

static void test_typical_map(void **state)
{
	(void)state;
	reset();
	mem(0, 0x9fc00, BOOTINFO_MEM_RAM);
	mem(0xf0000, 0x10000, BOOTINFO_MEM_RESERVED);
	mem(MiB, 127 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(pm.count, 1); /* below 1 MiB is never handed out */
	assert_int_equal(pm.free[0].base, MiB);
	assert_int_equal(pm.free[0].end, 128 * MiB);
}

static void test_unsorted_overlapping_unaligned(void **state)
{
	(void)state;
	reset();
	mem(64 * MiB, 64 * MiB, BOOTINFO_MEM_RAM);
	mem(MiB + 123, 80 * MiB, BOOTINFO_MEM_RAM); /* overlaps the first */
	mem(100 * MiB, 4096, BOOTINFO_MEM_ACPI);    /* a hole inside RAM */
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(pm.count, 2);
	assert_int_equal(pm.free[0].base, MiB + 4096); /* rounded inward */
	assert_int_equal(pm.free[0].end, 100 * MiB);
	assert_int_equal(pm.free[1].base, 100 * MiB + 4096);
	assert_int_equal(pm.free[1].end, 128 * MiB);
}

static void test_modules_reserved(void **state)
{
	(void)state;
	reset();
	mem(MiB, 63 * MiB, BOOTINFO_MEM_RAM);
	bi.modules[0] = (struct bootinfo_module){ .start = 8 * MiB + 10,
						  .end = 9 * MiB + 1 };
	bi.module_count = 1;
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(pm.count, 2);
	assert_int_equal(pm.free[0].end, 8 * MiB);
	assert_int_equal(pm.free[1].base, 9 * MiB + 4096);
}

static void test_no_ram(void **state)
{
	(void)state;
	reset();
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	mem(0, 640 << 10, BOOTINFO_MEM_RAM); /* only low memory */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	reset();
	mem(UINT64_MAX - 4096, 8192, BOOTINFO_MEM_RAM); /* wraps */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
}

static void test_alloc(void **state)
{
	(void)state;
	reset();
	mem(MiB, 3 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(physmem_alloc(&pm, 100, 4096), MiB); /* a page */
	assert_int_equal(physmem_alloc(&pm, 4096, 2 * MiB), 2 * MiB);
	assert_int_equal(pm.count, 2);
	assert_int_equal(physmem_alloc(&pm, 4 * MiB, 4096), 0); /* no fit */
	uint64_t total = 0;
	for (unsigned i = 0; i < pm.count; i++)
		total += pm.free[i].end - pm.free[i].base;
	assert_int_equal(total, 3 * MiB - 2 * 4096);
}

/* Reserving holes until the table is full drops the smallest ranges; the
 * table stays sorted and never overflows. */
static void test_reserve_past_capacity(void **state)
{
	(void)state;
	reset();
	mem(MiB, 1024 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	for (unsigned i = 1; i < 3 * PHYSMEM_MAX_RANGES; i++)
		physmem_reserve(&pm, MiB + i * 3 * 4096,
				MiB + i * 3 * 4096 + 1);
	assert_true(pm.count <= PHYSMEM_MAX_RANGES);
	for (unsigned i = 1; i < pm.count; i++)
		assert_true(pm.free[i - 1].end < pm.free[i].base);
	/* The big range at the end survives. */
	assert_int_equal(pm.free[pm.count - 1].end, 1025 * MiB);
}

static void test_take_largest(void **state)
{
	struct physmem_range r;
	(void)state;
	reset();
	mem(MiB, MiB, BOOTINFO_MEM_RAM);
	mem(16 * MiB, 8 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(physmem_take_largest(&pm, &r), 1);
	assert_int_equal(r.base, 16 * MiB);
	assert_int_equal(pm.count, 1);
	assert_int_equal(physmem_take_largest(&pm, &r), 1);
	assert_int_equal(physmem_take_largest(&pm, &r), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typical_map),
		cmocka_unit_test(test_unsorted_overlapping_unaligned),
		cmocka_unit_test(test_modules_reserved),
		cmocka_unit_test(test_no_ram),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_reserve_past_capacity),
		cmocka_unit_test(test_take_largest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
