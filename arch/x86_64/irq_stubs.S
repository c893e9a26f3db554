/* SPDX-License-Identifier: MIT */
/*
 * irq_stubs.S: entry for the interrupt vectors 32-255. They arrive on an
 * IST stack, so that code running with a red zone below %rsp (the host
 * gcc's libgcc) is never overwritten; the entry at once moves the frame
 * to the interrupted thread's own stack below that red zone, so that the
 * handler can switch threads and resume this one later from there. Then
 * it saves the general registers and the FPU/SSE/AVX state (C called from
 * here may touch SSE registers) and calls x86_irq_entry(vector).
 */

#include "gprs.inc"
	.text
	.code64

	.altmacro
.macro irq_stub vec
irq_stub_\vec:
	push $\vec
	jmp irq_common
.endm

	.set v, 32
	.rept 224
	irq_stub %v
	.set v, v + 1
	.endr

#define RED_ZONE 128			/* SysV ABI §3.2.2 */

irq_common:
	/* IST stack: rdx rcx rax | vector rip cs rflags rsp ss */
	push %rax
	push %rcx
	push %rdx
	mov 7 * 8(%rsp), %rax		/* the interrupted %rsp */
	sub $RED_ZONE, %rax
	and $~15, %rax
	sub $10 * 8, %rax		/* 9 words, 16-byte aligned top */
	.irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8
	mov \i * 8(%rsp), %rcx
	mov %rcx, \i * 8(%rax)
	.endr
	mov %rax, %rsp
	pop %rdx
	pop %rcx
	pop %rax
	push_gprs
	mov %rsp, %rbp			/* frame base, for the restore below */
	fpu_save
	mov 15 * 8(%rbp), %rdi		/* the vector pushed by the stub */
	cld
	call x86_irq_entry
	fpu_restore
	pop_gprs
	add $8, %rsp			/* the vector */
	iretq

	.section .rodata
	.balign 8
	.globl x86_irq_stubs
x86_irq_stubs:
.macro irq_stub_ptr vec
	.quad irq_stub_\vec
.endm
	.set v, 32
	.rept 224
	irq_stub_ptr %v
	.set v, v + 1
	.endr
