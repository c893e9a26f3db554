/* SPDX-License-Identifier: MIT */
/*
 * switch.S: switching threads. A thread that is not running has, on its
 * own stack: its FPU control words, the callee-saved registers of the
 * System V ABI (rbp, rbx, r12-r15), and where to return. MXCSR's control
 * bits and the x87 control word are callee-saved too (SysV ABI §3.2.3);
 * the rest of the FPU/SSE state is caller-saved, or already saved by the
 * interrupt entry when a thread is preempted.
 */
	.text
	.code64

/* void arch_thread_switch(uintptr_t *save_sp [rdi], uintptr_t sp [rsi]) */
	.globl arch_thread_switch
	.type arch_thread_switch, @function
arch_thread_switch:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	sub $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	add $8, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size arch_thread_switch, . - arch_thread_switch

/* A new thread's first return from arch_thread_switch lands here, with
 * %rsp 16-byte aligned; %rbp = 0 ends its backtraces. */
	.globl x86_thread_entry
	.type x86_thread_entry, @function
x86_thread_entry:
	xor %ebp, %ebp
	call sched_thread_start
	ud2
	.size x86_thread_entry, . - x86_thread_entry

/* void arch_call_on_stack(void (*fn)(void *), void *arg, uintptr_t top):
 * fn(arg) with %rsp at top (aligned down to 16), then back. %rbp keeps
 * the caller's frame, so a backtrace from fn goes on into it. */
	.globl arch_call_on_stack
	.type arch_call_on_stack, @function
arch_call_on_stack:
	push %rbp
	mov %rsp, %rbp
	and $~15, %rdx
	mov %rdx, %rsp
	mov %rdi, %rax
	mov %rsi, %rdi
	call *%rax
	mov %rbp, %rsp
	pop %rbp
	ret
	.size arch_call_on_stack, . - arch_call_on_stack
