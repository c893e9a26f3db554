/* SPDX-License-Identifier: MIT */
/*
 * initrd.c: where the root file system's archive is. Modules lie in RAM
 * the physical allocator keeps out of the heap, identity-mapped.
 */
#include <stdint.h>
#include <ukos/initrd.h>

static const void *initrd;
static size_t initrd_len;

void initrd_init(const struct bootinfo *bi)
{
	if (bi->module_count && bi->modules[0].end > bi->modules[0].start) {
		initrd = (const void *)(uintptr_t)bi->modules[0].start;
		initrd_len =
			(size_t)(bi->modules[0].end - bi->modules[0].start);
	}
}

const void *initrd_get(size_t *len)
{
	*len = initrd_len;
	return initrd;
}
