/* SPDX-License-Identifier: MIT */
/*
 * mem.c: memory bring-up. The boot map's RAM minus the image and modules
 * goes to page tables and the main stack first; the heap takes the
 * largest free range, less a small reserve kept for later page-table
 * splits (guard pages).
 */
#include <errno.h>
#include <stdlib.h>
#include <ukos/arch.h>
#include <ukos/cmdline.h>
#include <ukos/crash.h>
#include <ukos/kmain.h>
#include <ukos/mem.h>
#include <ukos/physmem.h>

#define PAGE          4096u
#define TABLE_RESERVE (256u << 10)

extern char __image_start[], __image_end[];

struct heap_range ukos_heap;
static struct physmem pm;
static uint64_t main_stack_size; /* ukos.stack=, 0 if not given */

/* "ukos.stack=SIZE": bytes, or with a K, M or G suffix; 64 KiB to 1 GiB. */
static int set_stack_size(const char *v)
{
	unsigned long long n;

	if (cmdline_size(v, &n) || n < (64u << 10) || n > (1u << 30))
		return -EINVAL;
	main_stack_size = (n + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	return 0;
}
KERNEL_OPTION(
	stack, "ukos.stack", set_stack_size,
	"main thread stack size, e.g. 8M (default 512K, or ukos-cc --stack's)");

static void heap_init(void)
{
	struct physmem_range best = { 0, 0 };

	for (unsigned i = 0; i < pm.count; i++)
		if (pm.free[i].end - pm.free[i].base > best.end - best.base)
			best = pm.free[i];
	if (best.end - best.base <= 2 * TABLE_RESERVE)
		ukos_panic("no RAM left for the heap");
	best.end -= TABLE_RESERVE;
	physmem_reserve(&pm, best.base, best.end);
	ukos_heap.start = best.base;
	ukos_heap.end = best.end;
}

void mem_setup(const struct bootinfo *bi, struct mem_stack *stack)
{
	if (physmem_init(&pm, bi) != 0)
		ukos_panic("no usable RAM in the boot memory map");
	physmem_reserve(&pm, (uintptr_t)__image_start, (uintptr_t)__image_end);
	arch_mm_init(&pm, bi);
	if (!main_stack_size) /* the image's default, else ukos's */
		main_stack_size = &ukos_stack_default
					  ? (ukos_stack_default + PAGE - 1) &
						    ~(uint64_t)(PAGE - 1)
					  : MEM_MAIN_STACK_DEFAULT;

	uint64_t base = physmem_alloc(&pm, main_stack_size + PAGE, PAGE);
	if (!base)
		ukos_panic("no RAM for the main stack");
	/* An overflow faults instead of corrupting. */
	if (arch_mm_unmap_page(base) != 0)
		ukos_panic("no RAM for the main stack's guard page");
	stack->base = base + PAGE;
	stack->size = main_stack_size;

	heap_init();
}
