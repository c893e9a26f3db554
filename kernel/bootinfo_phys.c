/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_phys.c: the kernel's view of physical memory for the boot-info
 * parsers and bootinfo_dump(): the identity map of the early page tables.
 */
#include <ukos/bootinfo.h>

/*
 * boot.S identity-maps only the low 4 GiB until mem_setup() builds the final
 * tables, and the parsers and the dump run before that. Both protocols enter
 * the kernel in 32-bit mode, so a loader's structures are all below 4 GiB;
 * a pointer beyond that is malformed and must fail, not fault.
 */
#define MAPPED_END (1ull << 32)

static const void *identity(void *ctx, uint64_t pa, size_t len)
{
	(void)ctx;
	if (pa == 0 || pa >= MAPPED_END || len > MAPPED_END - pa)
		return NULL; /* page 0 is NULL; beyond the map would fault */
	return (const void *)(uintptr_t)pa;
}

const struct bootinfo_phys bootinfo_phys_identity = { identity, NULL };
