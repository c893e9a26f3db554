/* SPDX-License-Identifier: MIT */
/*
 * physmem.c: free physical memory as a short sorted list of page-aligned
 * ranges (see physmem.h). Boot-time only, so simple beats clever.
 */
#include <errno.h>
#include <string.h>
#include <ukos/physmem.h>

#define PAGE       4096ull
#define LOW_LIMIT  0x100000ull  /* BIOS data, EBDA, VGA, option ROMs */
#define HIGH_LIMIT (1ull << 52) /* the architectural physical limit */

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return v > UINT64_MAX - (a - 1) ? UINT64_MAX & ~(a - 1)
					: (v + a - 1) & ~(a - 1);
}

static uint64_t round_down(uint64_t v, uint64_t a)
{
	return v & ~(a - 1);
}

static void remove_at(struct physmem *pm, unsigned i)
{
	memmove(&pm->free[i], &pm->free[i + 1],
		(pm->count - i - 1) * sizeof(pm->free[0]));
	pm->count--;
}

/* Insert keeping the order; merge with touching or overlapping
 * neighbours. A full table drops its smallest range. */
static void add_range(struct physmem *pm, uint64_t base, uint64_t end)
{
	unsigned i = 0;

	if (base >= end)
		return;
	while (i < pm->count && pm->free[i].end < base)
		i++;
	while (i < pm->count && pm->free[i].base <= end) {
		if (pm->free[i].base < base)
			base = pm->free[i].base;
		if (pm->free[i].end > end)
			end = pm->free[i].end;
		remove_at(pm, i);
	}
	if (pm->count == PHYSMEM_MAX_RANGES) {
		unsigned s = 0;
		for (unsigned j = 1; j < pm->count; j++)
			if (pm->free[j].end - pm->free[j].base <
			    pm->free[s].end - pm->free[s].base)
				s = j;
		if (pm->free[s].end - pm->free[s].base > end - base)
			return; /* the new range is the smallest */
		remove_at(pm, s);
		if (s < i)
			i--;
	}
	memmove(&pm->free[i + 1], &pm->free[i],
		(pm->count - i) * sizeof(pm->free[0]));
	pm->free[i] = (struct physmem_range){ base, end };
	pm->count++;
}

int physmem_init(struct physmem *pm, const struct bootinfo *bi)
{
	memset(pm, 0, sizeof(*pm));
	for (unsigned i = 0; i < bi->mem_count; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];
		if (m->type != BOOTINFO_MEM_RAM || m->base >= HIGH_LIMIT)
			continue;
		uint64_t end = m->len > HIGH_LIMIT - m->base ? HIGH_LIMIT
							     : m->base + m->len;
		add_range(pm, round_up(m->base, PAGE), round_down(end, PAGE));
	}
	/* Other maps may overlap RAM (reserved wins), as firmware reports. */
	for (unsigned i = 0; i < bi->mem_count; i++) {
		const struct bootinfo_mem *m = &bi->mem[i];
		if (m->type != BOOTINFO_MEM_RAM)
			physmem_reserve(pm, m->base,
					m->base + m->len < m->base
						? UINT64_MAX
						: m->base + m->len);
	}
	physmem_reserve(pm, 0, LOW_LIMIT);
	for (unsigned i = 0; i < bi->module_count; i++)
		physmem_reserve(pm, bi->modules[i].start, bi->modules[i].end);
	return pm->count ? 0 : -ENOMEM;
}

void physmem_reserve(struct physmem *pm, uint64_t base, uint64_t end)
{
	if (base >= end)
		return; /* empty: the split below would give back all of r */
	base = round_down(base, PAGE);
	end = round_up(end, PAGE);
	if (base >= end)
		return; /* the last page of the address space */
	for (unsigned i = 0; i < pm->count;) {
		struct physmem_range r = pm->free[i];
		if (r.end <= base || r.base >= end) {
			i++;
			continue;
		}
		remove_at(pm, i);
		add_range(pm, r.base, base < r.base ? r.base : base);
		add_range(pm, end > r.end ? r.end : end, r.end);
		i = 0; /* the pieces re-entered in order; the list is short */
	}
}

uint64_t physmem_alloc(struct physmem *pm, uint64_t size, uint64_t align)
{
	if (size == 0 || size > HIGH_LIMIT || align & (align - 1))
		return 0;
	if (align < PAGE)
		align = PAGE;
	size = round_up(size, PAGE);
	/* Free ranges lie below 2^52, so rounding up cannot wrap. */
	for (unsigned i = 0; i < pm->count; i++) {
		uint64_t base = round_up(pm->free[i].base, align);
		if (base < pm->free[i].end && pm->free[i].end - base >= size) {
			physmem_reserve(pm, base, base + size);
			return base;
		}
	}
	return 0;
}

int physmem_take_largest(struct physmem *pm, struct physmem_range *out)
{
	unsigned best = 0;

	if (!pm->count)
		return 0;
	for (unsigned i = 1; i < pm->count; i++)
		if (pm->free[i].end - pm->free[i].base >
		    pm->free[best].end - pm->free[best].base)
			best = i;
	*out = pm->free[best];
	remove_at(pm, best);
	return 1;
}
