/* SPDX-License-Identifier: MIT */
/*
 * lowmem.c: the fixed low arena (see lowmem.h).
 */
#define _GNU_SOURCE
#include "lowmem.h"

#include <string.h>
#include <sys/mman.h>

uint8_t *lowmem_get(void)
{
	static uint8_t *arena;
	void *p;

	if (!arena) {
		/* NOREPLACE: fail rather than clobber a mapping already
		 * there; the kernel ignores the hint if it is too old. */
		p = mmap((void *)(uintptr_t)LOWMEM_BASE, LOWMEM_SIZE,
			 PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
			 0);
		if (p == MAP_FAILED)
			return NULL;
		if (p != (void *)(uintptr_t)LOWMEM_BASE) {
			munmap(p, LOWMEM_SIZE);
			return NULL;
		}
		arena = p;
	}
	memset(arena, 0, LOWMEM_SIZE);
	return arena;
}
