/* SPDX-License-Identifier: MIT */
/*
 * irq.c: interrupt bring-up and the C side of interrupt entry: sort each
 * vector into timer, device (GSI), spurious or unexpected.
 */
#include <stdbool.h>
#include <stdint.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/irq.h>
#include <ukos/madt.h>
#include <ukos/thread.h>
#include <ukos/timer.h>

#include "cpu.h"
#include "irq_arch.h"

#define LEGACY_PIC_BASE 0x20

void arch_irq_init(const struct madt_info *mi)
{
	x86_fpu_init();
	x86_pic_disable(); /* whether or not the MADT says they exist */
	x86_lapic_init(mi ? mi->lapic_addr : 0);
	uint32_t next = 0;
	for (unsigned i = 0; mi && i < mi->ioapic_count; i++) {
		uint32_t base = mi->ioapics[i].gsi_base == MADT_GSI_NEXT
					? next
					: mi->ioapics[i].gsi_base;
		next = base + x86_ioapic_add(mi->ioapics[i].addr, base);
	}
}

void x86_irq_entry(uint64_t vector);
void x86_irq_entry(uint64_t vector)
{
	sched_irq_enter();
	if (vector == VEC_TIMER) {
		irq_stats.timer++;
		x86_lapic_eoi();
		timer_interrupt();
	} else if (vector == VEC_SPURIOUS) {
		irq_stats.spurious++; /* SDM 3A §11.9: no EOI for these */
	} else if (vector >= VEC_GSI_BASE && vector < VEC_GSI_BASE + IRQ_MAX) {
		irq_dispatch(vector - VEC_GSI_BASE);
		x86_lapic_eoi();
	} else if (vector >= VEC_MSI_BASE &&
		   vector < VEC_MSI_BASE + ARCH_MSI_MAX) {
		irq_msi_dispatch(vector - VEC_MSI_BASE);
		x86_lapic_eoi();
	} else if (vector >= LEGACY_PIC_BASE && vector < LEGACY_PIC_BASE + 16) {
		irq_stats.spurious++; /* a masked 8259's spurious IRQ 7/15 */
	} else {
		irq_stats.unexpected++;
		kprintf("ukos: unexpected interrupt vector %lu\n",
			(unsigned long)vector);
		x86_lapic_eoi();
	}
	sched_irq_exit(); /* after the EOI: it may switch threads */
}

/* SDM 3A §11.11.1-2: the message address names the destination local
 * APIC (physical mode, 8-bit ID: ukos runs on the boot CPU); the data is
 * the vector, fixed delivery, edge triggered. */
void arch_msi_message(unsigned n, uint64_t *addr, uint32_t *data)
{
	*addr = 0xfee00000u | (x86_lapic_id() & 0xff) << 12;
	*data = VEC_MSI_BASE + n;
}

unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags)::"memory");
	return flags;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & (1u << 9)) /* RFLAGS.IF */
		__asm__ volatile("sti" ::: "memory");
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

bool arch_irq_enabled(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq; pop %0" : "=r"(flags));
	return flags & (1u << 9); /* RFLAGS.IF */
}

/* STI's one-instruction interrupt shadow makes "sti; hlt" atomic: an
 * interrupt pending at the sti wakes the hlt (SDM 2B "STI"). */
void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}
