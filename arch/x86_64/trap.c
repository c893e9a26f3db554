/* SPDX-License-Identifier: MIT */
/*
 * trap.c: CPU exceptions. A fault the program handles (sigaction for
 * SIGSEGV and kin) runs its handler; every other one is fatal: print the
 * crash report (cause, RIP with function+offset, CR2 for page faults,
 * registers, backtrace) and end the VM.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/thread.h>

#include "cpu.h"

/* Pushed by traps.S and the CPU (Intel SDM 3A §6.14.1), lowest first. */
struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define BACKTRACE_MAX 32
#define RFLAGS_IF     (1u << 9)

/* Vectors, SDM 3A Table 6-1. */
enum {
	VEC_DE = 0,
	VEC_DB = 1,
	VEC_BP = 3,
	VEC_OF = 4,
	VEC_BR = 5,
	VEC_UD = 6,
	VEC_SS = 12,
	VEC_GP = 13,
	VEC_PF = 14,
	VEC_MF = 16,
	VEC_AC = 17,
	VEC_XM = 19,
};

/* SDM 3A Table 6-1. */
static const char *const names[32] = {
	"divide error (#DE)",
	"debug (#DB)",
	"non-maskable interrupt (NMI)",
	"breakpoint (#BP)",
	"overflow (#OF)",
	"bound range exceeded (#BR)",
	"invalid opcode (#UD)",
	"device not available (#NM)",
	"double fault (#DF)",
	"coprocessor segment overrun",
	"invalid TSS (#TS)",
	"segment not present (#NP)",
	"stack-segment fault (#SS)",
	"general protection fault (#GP)",
	"page fault (#PF)",
	"reserved vector 15",
	"x87 floating-point error (#MF)",
	"alignment check (#AC)",
	"machine check (#MC)",
	"SIMD floating-point exception (#XM)",
	"virtualization exception (#VE)",
	"control protection exception (#CP)",
};

/* Page-fault error code bits, SDM 3A §4.7. */
#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_RSVD    0x8
#define PF_FETCH   0x10

static void describe_page_fault(uint64_t err, uint64_t cr2)
{
	const char *what = err & PF_FETCH   ? "instruction fetch"
			   : err & PF_WRITE ? "write"
					    : "read";
	const char *why = err & PF_RSVD         ? "reserved bit set"
			  : !(err & PF_PRESENT) ? "page not present"
			  : err & PF_FETCH      ? "page not executable"
						: "page protection";
	kprintf(": %s at 0x%lx, %s%s", what, (unsigned long)cr2, why,
		cr2 < ARCH_NULL_GUARD ? " (NULL pointer)" : "");
}

static void dump_registers(const struct trapframe *f)
{
	kprintf("rax %016lx rbx %016lx rcx %016lx\n", f->rax, f->rbx, f->rcx);
	kprintf("rdx %016lx rsi %016lx rdi %016lx\n", f->rdx, f->rsi, f->rdi);
	kprintf("rbp %016lx rsp %016lx r8  %016lx\n", f->rbp, f->rsp, f->r8);
	kprintf("r9  %016lx r10 %016lx r11 %016lx\n", f->r9, f->r10, f->r11);
	kprintf("r12 %016lx r13 %016lx r14 %016lx\n", f->r12, f->r13, f->r14);
	kprintf("r15 %016lx rflags %08lx err %lx\n", f->r15, f->rflags,
		f->error);
}

void arch_backtrace_from(uintptr_t rbp, void (*print)(uintptr_t), int max);

static bool in_text(uintptr_t a)
{
	return a >= (uintptr_t)__text_start && a < (uintptr_t)__text_end;
}

/*
 * The frame-pointer chain misses the caller of a function that has no
 * frame of its own: a leaf (GCC builds none for it) or a call into
 * non-code (NULL, the heap). Its return address is then on the stack top;
 * print it if it is one: after a direct call (E8 rel32, Intel SDM 2A
 * "CALL") of the faulting function, or any code address when RIP is
 * outside code.
 */
static void stack_top_caller(const struct trapframe *f)
{
	uintptr_t ret, off;
	int32_t rel;

	if (f->rsp < (uintptr_t)__image_start || (f->rsp & 7))
		return;
	/* A stack overflow faults on the stack top itself: do not read it. */
	if (f->vector == VEC_PF && (read_cr2() >> 12) == (f->rsp >> 12))
		return;
	ret = *(const uintptr_t *)f->rsp;
	if (!in_text(ret) || !in_text(ret - 5)) {
		return;
	}
	if (!in_text(f->rip)) {
		crash_frame(ret);
		return;
	}
	const uint8_t *call = (const uint8_t *)(ret - 5);
	memcpy(&rel, call + 1, 4);
	if (call[0] == 0xe8 && ksym_lookup(f->rip, &off) &&
	    ret + rel == f->rip - off)
		crash_frame(ret);
}

/* The fault a program's handler may take for f, as Linux sorts the
 * vectors into signals; false for the rest (NMI, #DF, #MC, ...). */
static bool fault_of(const struct trapframe *f, uint64_t cr2,
		     struct thread_fault *tf)
{
	static const unsigned char kinds[32] = {
		/* kind + 1; 0: none */
		[VEC_DE] = 1 + FAULT_FPE_INTDIV,  [VEC_DB] = 1 + FAULT_TRAP,
		[VEC_BP] = 1 + FAULT_TRAP,        [VEC_OF] = 1 + FAULT_SEGV,
		[VEC_BR] = 1 + FAULT_SEGV,        [VEC_UD] = 1 + FAULT_ILL,
		[VEC_SS] = 1 + FAULT_BUS,         [VEC_GP] = 1 + FAULT_SEGV,
		[VEC_PF] = 1 + FAULT_SEGV_MAPERR, [VEC_MF] = 1 + FAULT_FPE,
		[VEC_AC] = 1 + FAULT_BUS,         [VEC_XM] = 1 + FAULT_FPE,
	};

	if (f->vector >= 32 || !kinds[f->vector])
		return false;
	tf->kind = (enum thread_fault_kind)(kinds[f->vector] - 1);
	tf->addr = f->rip;
	tf->sp = f->rsp;
	if (f->vector == VEC_PF) {
		tf->addr = cr2;
		if (f->error & PF_PRESENT)
			tf->kind = FAULT_SEGV_ACCERR;
	}
	return true;
}

/*
 * From traps.S. A fault a program's handler takes: returns where the
 * handler runs, a copy of f with the fault after it on that stack
 * (traps.S moves there and calls x86_trap_signal). Otherwise the crash
 * report, ending with the status of the signal (128 + N) or 112.
 */
uintptr_t x86_trap_exception(struct trapframe *f);
uintptr_t x86_trap_exception(struct trapframe *f)
{
	uint64_t cr2 = read_cr2();
	const char *name = f->vector < 32 ? names[f->vector] : NULL;
	struct thread_fault tf;
	bool known = fault_of(f, cr2, &tf);
	uintptr_t top;

	if (known && thread_fault_stack(&tf, f->rflags & RFLAGS_IF, &top)) {
		struct trapframe *copy =
			(struct trapframe *)((top - sizeof(tf) - sizeof(*f)) &
					     ~(uintptr_t)15);
		*copy = *f;
		*(struct thread_fault *)(copy + 1) = tf;
		return (uintptr_t)copy;
	}
	crash_begin();
	if (name)
		kprintf("%s", name);
	else
		kprintf("exception %lu", (unsigned long)f->vector);
	if (f->vector == VEC_PF)
		describe_page_fault(f->error, cr2);
	kprintf("\n");
	crash_addr("rip", f->rip);
	if (f->vector == VEC_PF) {
		kprintf("cr2: 0x%016lx\n", (unsigned long)cr2);
		crash_fault_address(cr2);
	}
	dump_registers(f);
	crash_frame(f->rip);
	stack_top_caller(f);
	arch_backtrace_from(f->rbp, crash_frame, BACKTRACE_MAX - 2);
	crash_end_status(known ? thread_fault_status(tf.kind)
			       : UKOS_EXIT_CRASH);
}

/* On the handler's stack, the interrupted FPU state saved below f: run
 * it with interrupts on, as the faulting code had them. */
void x86_trap_signal(struct trapframe *f);
void x86_trap_signal(struct trapframe *f)
{
	struct thread_fault tf = *(struct thread_fault *)(f + 1);

	arch_irq_enable();
	thread_fault_ops->run(&tf);
	arch_irq_save();
}
