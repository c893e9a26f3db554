/* SPDX-License-Identifier: MIT */
/*
 * sys_mem.c: sbrk over the heap range that the kernel set aside.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ukos/kmain.h>
#include <unistd.h>

#include "fd.h"

void *sbrk(ptrdiff_t incr)
{
	static uintptr_t brk;

	if (!brk)
		brk = ukos_heap.start;
	if ((incr > 0 && (uintptr_t)incr > ukos_heap.end - brk) ||
	    (incr < 0 && (uintptr_t)-incr > brk - ukos_heap.start)) {
		fd_ret(-ENOMEM);
		return (void *)-1;
	}
	uintptr_t old = brk;
	brk += incr;
	return (void *)old;
}
