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

/* The main thread's stack unless ukos.stack= says otherwise. 512 KiB keeps
 * it, the page tables and the heap's start inside the 2 MiB that the image
 * starts, so booting touches no further 2 MiB of RAM (a host backing guest
 * RAM with huge pages zeroes one on first touch: about 1 ms). */
#define MEM_MAIN_STACK_DEFAULT (512u << 10)

/* The image's own default, when ukos-cc --stack=SIZE defines it (an
 * undefined weak symbol otherwise: its address is 0). */
extern const unsigned long ukos_stack_default __attribute__((weak));

struct mem_stack {
	uintptr_t base;
	size_t size;
};

/* Set up memory from bi and return the main stack in *stack. Panics when
 * there is too little RAM to run at all. Boot context, once. */
void mem_setup(const struct bootinfo *bi, struct mem_stack *stack);

#endif
