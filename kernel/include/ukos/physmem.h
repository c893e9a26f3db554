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
 * Build pm from bi's RAM regions (rounded inward to pages), then remove
 * [0, 1 MiB) and every module. Returns 0, or -ENOMEM if no RAM is left.
 */
int physmem_init(struct physmem *pm, const struct bootinfo *bi);

/* Remove [base, end) from the free ranges (any alignment; rounded outward). */
void physmem_reserve(struct physmem *pm, uint64_t base, uint64_t end);

/*
 * Take size bytes aligned to align (a power of two, ≥ 4096) from the lowest
 * free range that fits. Returns the physical address, or 0 if none fits.
 */
uint64_t physmem_alloc(struct physmem *pm, uint64_t size, uint64_t align);

/* The largest free range, removed from pm; false if pm is empty. */
int physmem_take_largest(struct physmem *pm, struct physmem_range *out);

#endif
