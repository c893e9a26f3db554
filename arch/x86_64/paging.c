/* SPDX-License-Identifier: MIT */
/*
 * paging.c: ukos's own identity-mapped page tables (Intel SDM 3A §4.5).
 * The image gets 4 KiB pages with per-section rights (text RX, rodata R,
 * data RW, all NX but text); the first 64 KiB are absent so that NULL,
 * and a field or index off NULL, faults (as Linux's mmap_min_addr); the rest of
 * the low 4 GiB and all RAM use 2 MiB pages, RW and NX, MMIO uncached.
 */
#include <errno.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/bootinfo.h>
#include <ukos/crash.h>
#include <ukos/physmem.h>

#include "cpu.h"

#define PTE_P    0x1ull
#define PTE_W    0x2ull
#define PTE_PWT  0x8ull
#define PTE_PCD  0x10ull
#define PTE_PS   0x80ull
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

#define SZ_4K        0x1000ull
#define SZ_2M        0x200000ull
#define SZ_1G        0x40000000ull
#define SZ_4G        0x100000000ull
#define LEGACY_VIDEO 0xa0000ull /* VGA and option ROMs up to 1 MiB */

static uint64_t *pml4;
static uint64_t nx;
static bool have_1g;
static struct physmem *tables_from;

/* Entries for n pages from pa on, step bytes apart. */
static void fill(uint64_t *e, unsigned n, uint64_t pa, uint64_t step,
		 uint64_t flags)
{
	for (unsigned i = 0; i < n; i++)
		e[i] = (pa + i * step) | flags;
}

/* A table page; zeroed only when the caller will not fill all of it. */
static uint64_t *table_new(bool zeroed)
{
	uint64_t pa = physmem_alloc(tables_from, SZ_4K, SZ_4K);

	if (!pa)
		ukos_panic("out of memory for page tables");
	if (zeroed)
		fill((uint64_t *)(uintptr_t)pa, 512, 0, 0, 0);
	return (uint64_t *)(uintptr_t)pa;
}

/* The next-level table under entry e, made if absent. Upper levels allow
 * everything; the leaf decides. */
static uint64_t *table_under(uint64_t *e)
{
	if (!(*e & PTE_P))
		*e = (uintptr_t)table_new(true) | PTE_P | PTE_W;
	return (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
}

static uint64_t *pdpt_entry(uint64_t va)
{
	uint64_t *pdpt = table_under(&pml4[va >> 39 & 511]);
	return &pdpt[va >> 30 & 511];
}

static uint64_t *pd_entry(uint64_t va)
{
	uint64_t *pd = table_under(pdpt_entry(va));
	return &pd[va >> 21 & 511];
}

/* Bytes of [base, base + len) that the map calls RAM (entries are assumed
 * not to overlap each other, as firmware maps are). */
static uint64_t ram_bytes(const struct bootinfo *bi, uint64_t base,
			  uint64_t len)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < bi->mem_count; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];
		uint64_t lo = m->base > base ? m->base : base;
		uint64_t hi = m->base + m->len < base + len ? m->base + m->len
							    : base + len;
		if (m->type == BOOTINFO_MEM_RAM && lo < hi)
			sum += hi - lo;
	}
	return sum;
}

static bool is_ram(const struct bootinfo *bi, uint64_t base, uint64_t len)
{
	return ram_bytes(bi, base, len) != 0;
}

/* The 4 KiB entries of pt (mapping base..base+2 MiB) in [lo, hi). */
static void fill_range(uint64_t *pt, uint64_t base, uint64_t lo, uint64_t hi,
		       uint64_t flags)
{
	lo = lo > base ? lo : base;
	hi = hi < base + SZ_2M ? hi : base + SZ_2M;
	if (lo < hi)
		fill(pt + (lo - base) / SZ_4K, (hi - lo) / SZ_4K, lo, SZ_4K,
		     flags);
}

/* 4 KiB pages over one 2 MiB region that holds the image or page 0. */
static void map_small(uint64_t base, const struct bootinfo *bi)
{
	const uint64_t wb = PTE_P | PTE_W | nx, uc = wb | PTE_PCD | PTE_PWT;
	uint64_t *pt = table_new(false);
	uint64_t ram = ram_bytes(bi, base, SZ_2M);

	if (ram == 0 || ram == SZ_2M)
		fill(pt, 512, base, SZ_4K, ram ? wb : uc);
	else
		for (unsigned i = 0; i < 512; i++)
			pt[i] = (base + i * SZ_4K) |
				(is_ram(bi, base + i * SZ_4K, SZ_4K) ? wb : uc);
	fill_range(pt, base, LEGACY_VIDEO, 0x100000, uc);
	fill_range(pt, base, (uintptr_t)__image_start,
		   (uintptr_t)__rodata_start, PTE_P); /* text: RX */
	fill_range(pt, base, (uintptr_t)__rodata_start, (uintptr_t)__data_start,
		   PTE_P | nx);
	fill_range(pt, base, (uintptr_t)__data_start, (uintptr_t)__image_end,
		   wb);
	if (base == 0) /* NULL dereferences must fault */
		fill(pt, ARCH_NULL_GUARD / SZ_4K, 0, 0, 0);
	*pd_entry(base) = (uintptr_t)pt | PTE_P | PTE_W;
}

/* 2 MiB pages over [lo, hi) inside one GiB: halves that are all RAM or
 * all MMIO are filled at once, so a big map costs a few splits, not a RAM
 * lookup per page. A page with any RAM is cached. */
static void map_large(uint64_t lo, uint64_t hi, const struct bootinfo *bi)
{
	uint64_t ram = ram_bytes(bi, lo, hi - lo);

	if (ram == 0 || ram == hi - lo || hi - lo == SZ_2M) {
		uint64_t f = PTE_P | PTE_W | PTE_PS | nx;
		if (!ram)
			f |= PTE_PCD | PTE_PWT;
		fill(pd_entry(lo), (hi - lo) / SZ_2M, lo, SZ_2M, f);
		return;
	}
	uint64_t mid = lo + (hi - lo) / SZ_2M / 2 * SZ_2M;
	map_large(lo, mid, bi);
	map_large(mid, hi, bi);
}

/* One GiB: a single 1 GiB page when it is all RAM or all MMIO and the CPU
 * has such pages (fewer entries to write and fewer TLB misses), else
 * 2 MiB pages that each get their own caching. */
static void map_gigabyte(uint64_t base, const struct bootinfo *bi)
{
	uint64_t ram = ram_bytes(bi, base, SZ_1G);

	if (have_1g && (ram == 0 || ram == SZ_1G)) {
		uint64_t f = PTE_P | PTE_W | PTE_PS | nx;
		if (!ram)
			f |= PTE_PCD | PTE_PWT;
		*pdpt_entry(base) = base | f;
		return;
	}
	map_large(base, base + SZ_1G, bi);
}

void arch_mm_init(struct physmem *pm, const struct bootinfo *bi)
{
	uint64_t small_end =
		((uintptr_t)__image_end + SZ_2M - 1) & ~(SZ_2M - 1);
	uint32_t r[4];

	if (small_end > SZ_1G)
		ukos_panic("image ends above 1 GiB");
	tables_from = pm;
	nx = (rdmsr(MSR_EFER) & EFER_NXE) ? PTE_NX : 0;
	cpuid(0x80000001, 0, r);
	have_1g = r[3] & CPUID81_EDX_PDPE1GB;
	pml4 = table_new(true);
	/* The GiB that holds page 0 and the image, in small pieces. */
	for (uint64_t a = 0; a < small_end; a += SZ_2M)
		map_small(a, bi);
	map_large(small_end, SZ_1G, bi);
	/* The rest of the low 4 GiB (MMIO lives there) and, above it,
	 * only what the memory map names (RAM, ACPI tables). */
	for (uint64_t g = SZ_1G; g < SZ_4G; g += SZ_1G)
		map_gigabyte(g, bi);
	for (unsigned i = 0; i < bi->mem_count; i++) {
		uint64_t b = bi->mem[i].base & ~(SZ_1G - 1);
		uint64_t e = bi->mem[i].base + bi->mem[i].len;
		for (b = b < SZ_4G ? SZ_4G : b; b < e && b < (1ull << 46);
		     b += SZ_1G)
			if (!(*pdpt_entry(b) & PTE_P))
				map_gigabyte(b, bi);
	}
	write_cr3((uintptr_t)pml4);
}

/* A table page for a split, or NULL when none is left. */
static uint64_t *table_try_new(void)
{
	uint64_t pa = physmem_alloc(tables_from, SZ_4K, SZ_4K);

	return (uint64_t *)(uintptr_t)pa;
}

/* Turn a 1 GiB page into 512 2 MiB pages with the same rights. */
static int split_gigabyte(uint64_t *pdpte)
{
	uint64_t *pd = table_try_new();
	uint64_t base = *pdpte & PTE_ADDR & ~(SZ_1G - 1);
	uint64_t f = *pdpte & ~PTE_ADDR;

	if (!pd)
		return -ENOMEM;
	fill(pd, 512, base, SZ_2M, f);
	*pdpte = (uintptr_t)pd | PTE_P | PTE_W;
	return 0;
}

/* Turn a 2 MiB page into 512 4 KiB pages with the same rights. */
static int split_large(uint64_t *pde)
{
	uint64_t *pt = table_try_new();
	uint64_t f = *pde & ~(PTE_ADDR | PTE_PS);

	if (!pt)
		return -ENOMEM;
	fill(pt, 512, *pde & PTE_ADDR, SZ_4K, f);
	*pde = (uintptr_t)pt | PTE_P | PTE_W;
	return 0;
}

/* The 4 KiB page-table entry for va, splitting large pages on the way. */
static uint64_t *pte_of(uintptr_t va)
{
	uint64_t *pdpte = pdpt_entry(va);
	uint64_t *pde;
	bool split = false;

	if ((*pdpte & PTE_P) && (*pdpte & PTE_PS)) {
		if (split_gigabyte(pdpte))
			return NULL;
		split = true;
	}
	pde = pd_entry(va);
	if (*pde & PTE_PS) {
		if (split_large(pde))
			return NULL;
		split = true;
	}
	if (split)
		write_cr3(read_cr3()); /* drop the large TLB entries */
	return (uint64_t *)(uintptr_t)(*pde & PTE_ADDR) + (va >> 12 & 511);
}

int arch_mm_unmap_page(uintptr_t va)
{
	uint64_t *pte = pte_of(va);

	if (!pte)
		return -ENOMEM;
	*pte = 0;
	invlpg(va);
	return 0;
}

void arch_mm_map_page(uintptr_t va)
{
	uint64_t *pte = pte_of(va);

	/* Unmapped before, so the tables down to it exist. */
	*pte = (va & PTE_ADDR) | PTE_P | PTE_W | nx;
	invlpg(va);
}
