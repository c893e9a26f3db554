/* SPDX-License-Identifier: MIT */
/*
 * stack.c: running on a new stack, and walking the frame-pointer chain
 * (everything is built with -fno-omit-frame-pointer).
 */
#include <string.h>
#include <ukos/arch.h>

#include "cpu.h"

#define MXCSR_DEFAULT 0x1f80 /* all exceptions masked (SDM 1 §10.2.3) */
#define FCW_DEFAULT   0x037f /* as FNINIT leaves it (SDM 1 §8.1.5) */

void x86_thread_entry(void);

/* The frame arch_thread_switch() pops (switch.S), returning into
 * x86_thread_entry with %rsp at the 16-byte aligned top. */
uintptr_t arch_thread_stack_init(uintptr_t base, size_t size)
{
	uint64_t *sp = (uint64_t *)((base + size) & ~(uintptr_t)15) - 8;

	memset(sp, 0, 8 * sizeof(*sp));
	sp[0] = MXCSR_DEFAULT | (uint64_t)FCW_DEFAULT << 32;
	sp[7] = (uintptr_t)x86_thread_entry;
	return (uintptr_t)sp;
}

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
