/* SPDX-License-Identifier: MIT */
/*
 * test_physmem.c: free physical ranges (kernel/physmem.c), against
 * hand-made maps, awkward ones, and a page-by-page model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ukos/physmem.h>

#define PAGE  4096ull
#define MiB   (1ull << 20)
#define GiB   (1ull << 30)
#define LIMIT (1ull << 52)

static struct bootinfo bi;
static struct physmem pm;

static void reset(void)
{
	memset(&bi, 0, sizeof(bi));
}

static void mem(uint64_t base, uint64_t len, uint32_t type)
{
	assert_true(bi.mem_count < BOOTINFO_MAX_MEM);
	bi.mem[bi.mem_count++] = (struct bootinfo_mem){ base, len, type };
}

static void module(uint64_t start, uint64_t end)
{
	bi.modules[bi.module_count++] =
		(struct bootinfo_module){ .start = start, .end = end };
}

/* What physmem.h promises of pm at all times. */
static void check_invariants(void)
{
	assert_true(pm.count <= PHYSMEM_MAX_RANGES);
	for (unsigned i = 0; i < pm.count; i++) {
		const struct physmem_range *r = &pm.free[i];

		assert_true(r->base < r->end);
		assert_int_equal(r->base % PAGE, 0);
		assert_int_equal(r->end % PAGE, 0);
		assert_true(r->base >= MiB);
		assert_true(r->end <= LIMIT);
		if (i) /* sorted, apart: touching ones are merged */
			assert_true(pm.free[i - 1].end < r->base);
	}
}

static void expect_ranges(unsigned n, ...)
{
	va_list ap;

	check_invariants();
	assert_int_equal(pm.count, n);
	va_start(ap, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(pm.free[i].base, va_arg(ap, uint64_t));
		assert_int_equal(pm.free[i].end, va_arg(ap, uint64_t));
	}
	va_end(ap);
}

static uint64_t free_total(void)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < pm.count; i++)
		sum += pm.free[i].end - pm.free[i].base;
	return sum;
}

/* ---- physmem_init --------------------------------------------------- */

static void test_typical_map(void **state)
{
	(void)state;
	reset();
	mem(0, 0x9fc00, BOOTINFO_MEM_RAM);
	mem(0x9fc00, 0x400, BOOTINFO_MEM_RESERVED);
	mem(0xf0000, 0x10000, BOOTINFO_MEM_RESERVED);
	mem(MiB, 127 * MiB, BOOTINFO_MEM_RAM);
	mem(0xfffc0000, 0x40000, BOOTINFO_MEM_RESERVED);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(1, MiB, 128 * MiB); /* below 1 MiB is never free */
}

static void test_unsorted_overlapping_unaligned(void **state)
{
	(void)state;
	reset();
	mem(64 * MiB, 64 * MiB, BOOTINFO_MEM_RAM);
	mem(MiB + 123, 80 * MiB, BOOTINFO_MEM_RAM); /* overlaps the first */
	mem(100 * MiB, 4096, BOOTINFO_MEM_ACPI);    /* a hole inside RAM */
	mem(20 * MiB, 2 * MiB, BOOTINFO_MEM_RAM);   /* inside another */
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(2, MiB + PAGE, 100 * MiB, /* rounded inward */
		      100 * MiB + PAGE, 128 * MiB);
}

static void test_adjacent_merge(void **state)
{
	(void)state;
	reset();
	mem(3 * MiB, MiB, BOOTINFO_MEM_RAM);
	mem(MiB, MiB, BOOTINFO_MEM_RAM);
	mem(2 * MiB, MiB, BOOTINFO_MEM_RAM); /* fills the gap */
	mem(8 * MiB, MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(2, MiB, 4 * MiB, 8 * MiB, 9 * MiB);
}

/* Every type but RAM is not free, wherever it sits in the list. */
static void test_non_ram_types(void **state)
{
	static const uint32_t types[] = { BOOTINFO_MEM_RESERVED,
					  BOOTINFO_MEM_ACPI,
					  BOOTINFO_MEM_NVS,
					  BOOTINFO_MEM_BAD,
					  0,
					  7,
					  20,
					  0xffffffff };
	(void)state;
	for (unsigned i = 0; i < 8; i++) {
		reset();
		mem(16 * MiB, MiB, types[i]); /* before the RAM it cuts */
		mem(MiB, 63 * MiB, BOOTINFO_MEM_RAM);
		mem(32 * MiB + 100, 10, types[i]); /* rounded outward */
		mem(128 * MiB, MiB, types[i]);     /* outside RAM */
		assert_int_equal(physmem_init(&pm, &bi), 0);
		expect_ranges(3, MiB, 16 * MiB, 17 * MiB, 32 * MiB,
			      32 * MiB + PAGE, 64 * MiB);
	}
}

/* Nothing at or above 2^52 (the architectural limit), and no wrap. */
static void test_high_limit(void **state)
{
	(void)state;
	reset();
	mem(LIMIT - 2 * PAGE, 1ull << 60, BOOTINFO_MEM_RAM); /* cut */
	mem(LIMIT, GiB, BOOTINFO_MEM_RAM);                   /* dropped */
	mem(LIMIT + GiB, GiB, BOOTINFO_MEM_RAM);             /* dropped */
	mem(UINT64_MAX - PAGE, 2 * PAGE, BOOTINFO_MEM_RAM);  /* wraps */
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(1, LIMIT - 2 * PAGE, LIMIT);

	reset();
	mem(4 * GiB, UINT64_MAX, BOOTINFO_MEM_RAM);      /* wraps: cut */
	mem(8 * GiB, UINT64_MAX, BOOTINFO_MEM_RESERVED); /* to the end */
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(1, 4 * GiB, 8 * GiB);
}

static void test_modules_reserved(void **state)
{
	(void)state;
	reset();
	mem(MiB, 63 * MiB, BOOTINFO_MEM_RAM);
	module(8 * MiB + 10, 9 * MiB + 1); /* rounded outward */
	module(0x1000, 0x2000);            /* below 1 MiB anyway */
	module(20 * MiB, 20 * MiB);        /* empty: reserves nothing */
	module(60 * MiB, 70 * MiB);        /* past the end of RAM */
	assert_int_equal(physmem_init(&pm, &bi), 0);
	expect_ranges(2, MiB, 8 * MiB, 9 * MiB + PAGE, 60 * MiB);
}

static void test_no_ram(void **state)
{
	(void)state;
	reset();
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	mem(0, 640 << 10, BOOTINFO_MEM_RAM); /* only low memory */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	mem(2 * MiB + 1, PAGE, BOOTINFO_MEM_RAM); /* no whole page */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	mem(4 * MiB, MiB, BOOTINFO_MEM_RAM);
	mem(4 * MiB, MiB, BOOTINFO_MEM_BAD); /* all of it bad */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
	assert_int_equal(pm.count, 0);
	reset();
	mem(MiB, MiB, BOOTINFO_MEM_RAM);
	module(0, 4 * MiB); /* a module covering all RAM */
	assert_int_equal(physmem_init(&pm, &bi), -ENOMEM);
}

/* A map of 64 scattered RAM regions, cut by reserved ones: the table
 * keeps the largest ranges and stays consistent. */
static void test_init_past_capacity(void **state)
{
	(void)state;
	reset();
	mem(MiB, 63 * MiB, BOOTINFO_MEM_RAM);
	for (unsigned i = 1; i < BOOTINFO_MAX_MEM; i++)
		mem(MiB + i * 3 * PAGE / 4 * 4, PAGE, BOOTINFO_MEM_RESERVED);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	check_invariants();
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	assert_int_equal(pm.free[pm.count - 1].end, 64 * MiB); /* the big one */
}

/* ---- physmem_reserve ----------------------------------------------- */

static void init_simple(void)
{
	reset();
	mem(MiB, 15 * MiB, BOOTINFO_MEM_RAM);
	mem(32 * MiB, 16 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
}

static void test_reserve(void **state)
{
	(void)state;
	init_simple();
	physmem_reserve(&pm, 0, MiB); /* nothing there */
	physmem_reserve(&pm, 20 * MiB, 30 * MiB);
	expect_ranges(2, MiB, 16 * MiB, 32 * MiB, 48 * MiB);
	physmem_reserve(&pm, 4 * MiB + 1, 4 * MiB + 2); /* one page */
	expect_ranges(3, MiB, 4 * MiB, 4 * MiB + PAGE, 16 * MiB, 32 * MiB,
		      48 * MiB);
	physmem_reserve(&pm, 15 * MiB, 40 * MiB); /* across a gap */
	expect_ranges(3, MiB, 4 * MiB, 4 * MiB + PAGE, 15 * MiB, 40 * MiB,
		      48 * MiB);
	physmem_reserve(&pm, 0, UINT64_MAX); /* everything */
	expect_ranges(0);
}

/* An empty or backwards range reserves nothing (and must not spin). */
static void test_reserve_empty(void **state)
{
	(void)state;
	init_simple();
	physmem_reserve(&pm, 8 * MiB, 8 * MiB);
	physmem_reserve(&pm, 9 * MiB, 8 * MiB);
	physmem_reserve(&pm, 8 * MiB + 10, 8 * MiB + 5);
	expect_ranges(2, MiB, 16 * MiB, 32 * MiB, 48 * MiB);
}

/* Reserving holes until the table is full drops the smallest ranges; the
 * table stays sorted and never overflows. */
static void test_reserve_past_capacity(void **state)
{
	(void)state;
	reset();
	mem(MiB, 1024 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	for (unsigned i = 1; i < 3 * PHYSMEM_MAX_RANGES; i++) {
		physmem_reserve(&pm, MiB + i * 3 * PAGE,
				MiB + i * 3 * PAGE + 1);
		check_invariants();
	}
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	assert_int_equal(pm.free[pm.count - 1].end, 1025 * MiB);
}

/* A split of a range in a full table drops the smallest range, which may
 * be one of the two new pieces. */
static void test_split_when_full(void **state)
{
	(void)state;
	reset();
	mem(MiB, 1024 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	/* 63 holes make 64 ranges: 63 of 2 pages, then the big rest. */
	for (unsigned i = 0; i < PHYSMEM_MAX_RANGES - 1; i++)
		physmem_reserve(&pm, MiB + (3 * i + 2) * PAGE,
				MiB + (3 * i + 3) * PAGE);
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	uint64_t before = free_total();
	/* Split the big one into 1 page and the rest: the 1 page goes. */
	uint64_t big = pm.free[PHYSMEM_MAX_RANGES - 1].base;
	physmem_reserve(&pm, big + PAGE, big + 2 * PAGE);
	check_invariants();
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	assert_int_equal(free_total(), before - 2 * PAGE);
	assert_int_equal(pm.free[PHYSMEM_MAX_RANGES - 1].base, big + 2 * PAGE);
	/* Cut 1 page off near its end: the new 1-page piece goes. */
	uint64_t end = pm.free[PHYSMEM_MAX_RANGES - 1].end;
	physmem_reserve(&pm, end - 2 * PAGE, end - PAGE);
	check_invariants();
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	assert_int_equal(free_total(), before - 4 * PAGE);
	assert_int_equal(pm.free[PHYSMEM_MAX_RANGES - 1].end, end - 2 * PAGE);
	before -= 2 * PAGE;
	/* Split it evenly in two: a 2-page range goes instead. */
	big = pm.free[PHYSMEM_MAX_RANGES - 1].base;
	physmem_reserve(&pm, big + 100 * PAGE, big + 101 * PAGE);
	check_invariants();
	assert_int_equal(pm.count, PHYSMEM_MAX_RANGES);
	assert_int_equal(free_total(), before - 2 * PAGE - 3 * PAGE);
}

/* ---- physmem_alloc and physmem_take_largest -------------------------- */

static void test_alloc(void **state)
{
	(void)state;
	reset();
	mem(MiB, 3 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(physmem_alloc(&pm, 100, 4096), MiB); /* a page */
	assert_int_equal(physmem_alloc(&pm, 4096, 2 * MiB), 2 * MiB);
	expect_ranges(2, MiB + PAGE, 2 * MiB, 2 * MiB + PAGE, 4 * MiB);
	assert_int_equal(physmem_alloc(&pm, 4 * MiB, 4096), 0); /* no fit */
	assert_int_equal(physmem_alloc(&pm, 4096, 4 * MiB), 0); /* no align */
	assert_int_equal(free_total(), 3 * MiB - 2 * PAGE);
	/* The lowest range that fits, not the first one. */
	assert_int_equal(physmem_alloc(&pm, MiB, 4096), 2 * MiB + PAGE);
	/* A range used up exactly disappears. */
	assert_int_equal(physmem_alloc(&pm, MiB - PAGE, PAGE), MiB + PAGE);
	expect_ranges(1, 3 * MiB + PAGE, 4 * MiB);
}

static void test_alloc_bad_requests(void **state)
{
	(void)state;
	init_simple();
	assert_int_equal(physmem_alloc(&pm, 0, PAGE), 0);
	assert_int_equal(physmem_alloc(&pm, PAGE, 3 * PAGE), 0);
	assert_int_equal(physmem_alloc(&pm, UINT64_MAX, PAGE), 0);
	assert_int_equal(physmem_alloc(&pm, UINT64_MAX - PAGE, PAGE), 0);
	assert_int_equal(physmem_alloc(&pm, PAGE, 1ull << 63), 0);
	expect_ranges(2, MiB, 16 * MiB, 32 * MiB, 48 * MiB); /* untouched */
	/* Alignment below a page means a page. */
	assert_int_equal(physmem_alloc(&pm, 1, 16), MiB);
	assert_int_equal(physmem_alloc(&pm, 1, 0), MiB + PAGE);
}

static void test_take_largest(void **state)
{
	struct physmem_range r = { 1, 2 };

	(void)state;
	reset();
	mem(MiB, MiB, BOOTINFO_MEM_RAM);
	mem(16 * MiB, 8 * MiB, BOOTINFO_MEM_RAM);
	mem(32 * MiB, 4 * MiB, BOOTINFO_MEM_RAM);
	assert_int_equal(physmem_init(&pm, &bi), 0);
	assert_int_equal(physmem_take_largest(&pm, &r), 1);
	assert_int_equal(r.base, 16 * MiB);
	assert_int_equal(r.end, 24 * MiB);
	expect_ranges(2, MiB, 2 * MiB, 32 * MiB, 36 * MiB);
	assert_int_equal(physmem_take_largest(&pm, &r), 1);
	assert_int_equal(r.base, 32 * MiB);
	assert_int_equal(physmem_take_largest(&pm, &r), 1);
	assert_int_equal(physmem_take_largest(&pm, &r), 0);
	assert_int_equal(r.base, MiB); /* left alone */
}

/* ---- against a model -------------------------------------------------- */

/* Random maps, then random reservations, allocations and takes, checked
 * page by page against a bitmap of the first 48 MiB (where all of it
 * happens). While the table has room the two agree exactly; after it
 * dropped ranges, physmem's free memory must still be free in the model. */
#define MODEL_PAGES (48 * MiB / PAGE)

static uint8_t model[MODEL_PAGES]; /* 1: free */
static bool exact;
static uint64_t rng = 88172645463325252ull;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng % n;
}

static uint64_t up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

static void model_set(uint64_t base, uint64_t end, uint8_t v)
{
	for (uint64_t p = base / PAGE; p < end / PAGE && p < MODEL_PAGES; p++)
		model[p] = v;
}

static void check_model(void)
{
	static uint8_t seen[MODEL_PAGES];

	check_invariants();
	memset(seen, 0, sizeof(seen));
	for (unsigned i = 0; i < pm.count; i++) {
		assert_true(pm.free[i].end <= MODEL_PAGES * PAGE);
		for (uint64_t p = pm.free[i].base / PAGE;
		     p < pm.free[i].end / PAGE; p++) {
			assert_int_equal(model[p], 1); /* never a used page */
			seen[p] = 1;
		}
	}
	if (exact)
		assert_memory_equal(seen, model, MODEL_PAGES);
}

/* Up to 20 RAM regions (unaligned, overlapping) and 10 others. */
static void random_map(void)
{
	reset();
	memset(model, 0, sizeof(model));
	for (unsigned n = 1 + rnd(20); n; n--) {
		uint64_t b = rnd(32 * MiB / PAGE) * PAGE + rnd(2) * rnd(PAGE);
		uint64_t l = rnd(8 * MiB / PAGE) * PAGE + rnd(2) * rnd(PAGE);

		mem(b, l, BOOTINFO_MEM_RAM);
		model_set(up(b), (b + l) & ~(PAGE - 1), 1);
	}
	for (unsigned n = rnd(10); n; n--) {
		uint64_t b = rnd(40 * MiB);
		uint64_t l = rnd(2 * MiB);

		mem(b, l, 2 + rnd(4));
		model_set(b & ~(PAGE - 1), up(b + l), 0);
	}
	model_set(0, MiB, 0);
}

/* The lowest align-aligned run of n free pages in the model, or 0. */
static uint64_t model_fit(uint64_t n, uint64_t align)
{
	for (uint64_t a = align; a / PAGE + n <= MODEL_PAGES; a += align) {
		uint64_t k = 0;

		while (k < n && model[a / PAGE + k])
			k++;
		if (k == n)
			return a;
	}
	return 0;
}

static void random_alloc(void)
{
	uint64_t size = 1 + rnd(64 * PAGE), align = PAGE << rnd(10);
	uint64_t want = exact ? model_fit(up(size) / PAGE, align) : 0;
	uint64_t got = physmem_alloc(&pm, size, align);

	if (exact)
		assert_int_equal(got, want);
	if (got) {
		assert_int_equal(got % align, 0);
		for (uint64_t p = got / PAGE; p < (got + up(size)) / PAGE; p++)
			assert_int_equal(model[p], 1);
		model_set(got, got + up(size), 0);
	}
}

static void random_take(void)
{
	struct physmem_range r;
	uint64_t largest = 0;

	for (unsigned i = 0; i < pm.count; i++)
		if (pm.free[i].end - pm.free[i].base > largest)
			largest = pm.free[i].end - pm.free[i].base;
	if (!physmem_take_largest(&pm, &r)) {
		assert_int_equal(pm.count, 0);
		return;
	}
	assert_int_equal(r.end - r.base, largest);
	model_set(r.base, r.end, 0);
}

static void random_op(void)
{
	uint64_t b, l;

	if (pm.count >= PHYSMEM_MAX_RANGES - 1)
		exact = false; /* the next split may drop a range */
	switch (rnd(8)) {
	case 0:
		random_take();
		break;
	case 1:
	case 2:
	case 3:
		random_alloc();
		break;
	default:
		b = rnd(48 * MiB);
		l = rnd(4) ? rnd(8 * PAGE) : rnd(4 * MiB);
		physmem_reserve(&pm, b, b + l);
		model_set(b & ~(PAGE - 1), up(b + l), 0);
	}
}

static void test_model(void **state)
{
	unsigned inexact = 0;

	(void)state;
	for (int round = 0; round < 400; round++) {
		random_map();
		exact = true;
		int err = physmem_init(&pm, &bi);
		check_model();
		assert_int_equal(err, pm.count ? 0 : -ENOMEM);
		for (int op = 0; op < 60; op++) {
			random_op();
			check_model();
		}
		inexact += !exact;
	}
	assert_true(inexact < 400); /* the exact comparison did happen */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typical_map),
		cmocka_unit_test(test_unsorted_overlapping_unaligned),
		cmocka_unit_test(test_adjacent_merge),
		cmocka_unit_test(test_non_ram_types),
		cmocka_unit_test(test_high_limit),
		cmocka_unit_test(test_modules_reserved),
		cmocka_unit_test(test_no_ram),
		cmocka_unit_test(test_init_past_capacity),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_reserve_empty),
		cmocka_unit_test(test_reserve_past_capacity),
		cmocka_unit_test(test_split_when_full),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_alloc_bad_requests),
		cmocka_unit_test(test_take_largest),
		cmocka_unit_test(test_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
