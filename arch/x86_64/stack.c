/* SPDX-License-Identifier: MIT */
/*
 * stack.c: running on a new stack, and walking the frame-pointer chain
 * (everything is built with -fno-omit-frame-pointer).
 */
#include <ukos/arch.h>

#include "cpu.h"

void arch_run_on_stack(void (*fn)(void *), void *arg, uintptr_t base,
		       size_t size)
{
	uintptr_t top = (base + size) & ~(uintptr_t)15;

	/* %rbp = 0 ends backtraces here; the SysV ABI wants %rsp 16-byte
	 * aligned at the call. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "call *%1\n\t"
			 "ud2"
			 :
			 : "r"(top), "r"(fn), "D"(arg)
			 : "memory");
	__builtin_unreachable();
}

/* A frame is { saved rbp, return address }. Stop at a NULL, misaligned or
 * non-increasing link, so a corrupt stack ends the walk instead of
 * faulting in it. */
void arch_backtrace_from(uintptr_t rbp, void (*print)(uintptr_t), int max)
{
	for (int i = 0; i < max && rbp && !(rbp & 7); i++) {
		const uintptr_t *frame = (const uintptr_t *)rbp;
		if (rbp < (uintptr_t)__image_start || !frame[1])
			break;
		print(frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

void arch_backtrace_here(void (*print)(uintptr_t addr), int max)
{
	arch_backtrace_from((uintptr_t)__builtin_frame_address(0), print, max);
}
