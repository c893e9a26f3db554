/* SPDX-License-Identifier: MIT */
/*
 * traps.S: entry stubs for the 32 exception vectors. Each stub gives every
 * vector the same frame (a zero where the CPU pushes no error code, Intel
 * SDM 3A §6.13), saves the general registers and calls x86_trap_exception(),
 * which reports the crash or hands the fault to the program's handler.
 */

#include "gprs.inc"

	.text
	.code64

.macro stub vec, has_error
trap_stub_\vec:
	.if !\has_error
	push $0
	.endif
	push $\vec
	jmp trap_common
.endm

/* Vectors with an error code: SDM 3A Table 6-1. */
stub 0, 0
stub 1, 0
stub 2, 0
stub 3, 0
stub 4, 0
stub 5, 0
stub 6, 0
stub 7, 0
stub 8, 1
stub 9, 0
stub 10, 1
stub 11, 1
stub 12, 1
stub 13, 1
stub 14, 1
stub 15, 0
stub 16, 0
stub 17, 1
stub 18, 0
stub 19, 0
stub 20, 0
stub 21, 1
stub 22, 0
stub 23, 0
stub 24, 0
stub 25, 0
stub 26, 0
stub 27, 0
stub 28, 0
stub 29, 1
stub 30, 1
stub 31, 0

/* Layout must match struct trapframe in trap.c. */
trap_common:
	push_gprs
	mov %rsp, %rdi
	cld
	call x86_trap_exception
	/* Back only for a fault the program's handler takes: %rax is a
	 * copy of this frame on the stack the handler runs on (16-byte
	 * aligned), off this IST stack for good. */
	mov %rax, %rsp
	mov %rsp, %rbp
	fpu_save
	mov %rbp, %rdi
	call x86_trap_signal
	fpu_restore
	pop_gprs
	add $16, %rsp			/* the vector and the error code */
	iretq

	.section .rodata
	.balign 8
	.globl x86_trap_stubs
x86_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_stub_\v
	.endr
