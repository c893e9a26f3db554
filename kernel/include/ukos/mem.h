/* SPDX-License-Identifier: MIT */
/*
 * mem.h: memory bring-up — free RAM from the boot map, page tables, the
 * main thread's stack (with a guard page) and the heap.
 */
#ifndef UKOS_MEM_H
#define UKOS_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <ukos/bootinfo.h>

#define MEM_MAIN_STACK_SIZE (1u << 20)

struct mem_stack {
	uintptr_t base;
	size_t size;
};

/* Set up memory from bi and return the main stack in *stack. Panics when
 * there is too little RAM to run at all. Boot context, once. */
void mem_init(const struct bootinfo *bi, struct mem_stack *stack);

#endif
