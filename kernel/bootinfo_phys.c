/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_phys.c: the kernel's view of physical memory for the boot-info
 * parsers: the identity map.
 */
#include <ukos/bootinfo.h>

static const void *identity(void *ctx, uint64_t pa, size_t len)
{
	(void)ctx;
	if (pa == 0 || pa + len < pa || pa + len > (1ull << 46))
		return NULL;
	return (const void *)(uintptr_t)pa;
}

const struct bootinfo_phys bootinfo_phys_identity = { identity, NULL };
