/* SPDX-License-Identifier: MIT */
/*
 * idt.c: the interrupt descriptor table. Every exception goes through an
 * IST stack (gdt.c) to x86_trap_exception(), which reports and ends the VM.
 */
#include <stdint.h>

#include "cpu.h"

#define IDT_ENTRIES    256
#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define VEC_NMI        2
#define VEC_DF         8
#define VEC_MC         18

struct idt_gate {
	uint16_t off_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_high;
	uint32_t reserved;
} __attribute__((packed));

static struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(16)));
extern const uint64_t x86_trap_stubs[32]; /* traps.S */
extern const uint64_t x86_irq_stubs[224]; /* irq_stubs.S: vectors 32-255 */

static void set_gate(int vec, uint64_t handler, int ist)
{
	idt[vec] = (struct idt_gate){
		.off_low = handler & 0xffff,
		.selector = 0x08,
		.ist = ist,
		.type = GATE_INTERRUPT,
		.off_mid = handler >> 16 & 0xffff,
		.off_high = handler >> 32,
	};
}

void x86_idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) p = { sizeof(idt) - 1, (uintptr_t)idt };

	/* IST2 for the faults that can strike while IST1 is in use or the
	 * machine is in trouble; IST1 for the rest (a stack overflow's #PF
	 * must not run on the overflowed stack). */
	for (int v = 0; v < 32; v++) {
		int ist = (v == VEC_DF || v == VEC_NMI || v == VEC_MC) ? 2 : 1;
		set_gate(v, x86_trap_stubs[v], ist);
	}
	/* Interrupts on their own stack: never below a red zone, never on
	 * a stack that just overflowed. Interrupt gates keep IF clear, so
	 * they do not nest on it. */
	for (int v = 32; v < IDT_ENTRIES; v++)
		set_gate(v, x86_irq_stubs[v - 32], 3);
	__asm__ volatile("lidt %0" ::"m"(p));
}
