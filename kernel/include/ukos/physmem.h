/* SPDX-License-Identifier: MIT */
/*
 * Free physical memory: the RAM of the boot memory map minus what is in use
 * (the first MiB, the image, boot modules, the boot structures). Boot code
 * carves page tables and stacks from it; the heap takes the largest rest.
 */
#ifndef UKOS_PHYSMEM_H
#define UKOS_PHYSMEM_H

#include <stdint.h>
#include <ukos/bootinfo.h>

#define PHYSMEM_MAX_RANGES 64

struct physmem_range {
	uint64_t base; /* page aligned */
	uint64_t end;  /* page aligned, exclusive */
};

struct physmem {
	struct physmem_range free[PHYSMEM_MAX_RANGES];
	unsigned count; /* sorted by base, non-overlapping */
};

/*
 * Build pm from bi's RAM regions (in any order, overlapping or not; rounded
 * inward to pages, cut at 2^52), then remove every non-RAM region (where
 * the map contradicts itself, not-RAM wins), [0, 1 MiB) and every module.
 * Returns 0, or -ENOMEM if no RAM is left.
 */
int physmem_init(struct physmem *pm, const struct bootinfo *bi);

/*
 * Remove [base, end) from the free ranges (any alignment; rounded outward).
 * When a split needs more than PHYSMEM_MAX_RANGES ranges, the smallest
 * range is dropped (lost to the allocator, never corrupting the list).
 */
void physmem_reserve(struct physmem *pm, uint64_t base, uint64_t end);

/*
 * Take size bytes (rounded up to pages) aligned to align (a power of two;
 * less than 4096 means 4096) from the lowest free range that fits. Returns
 * the physical address, or 0 if none fits, size is 0 or align is not a
 * power of two (0 is never free memory).
 */
uint64_t physmem_alloc(struct physmem *pm, uint64_t size, uint64_t align);

/* Move the largest free range out of pm into *out. Returns 1, or 0 (and
 * leaves *out alone) if pm is empty. */
int physmem_take_largest(struct physmem *pm, struct physmem_range *out);

#endif
