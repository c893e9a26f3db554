/* SPDX-License-Identifier: MIT */
/*
 * irq.h: device interrupts by global system interrupt (GSI) number, as
 * ACPI numbers them. ISA devices use irq_isa() to find theirs.
 */
#ifndef UKOS_IRQ_H
#define UKOS_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#define IRQ_MAX 176 /* GSIs 0..175 get vectors 0x30..0xdf */

/* Find the interrupt controllers (ACPI MADT) and set them up; interrupts
 * stay disabled. Boot context, once. */
void irq_init(void);

/*
 * Call handler(arg) for each interrupt on gsi, in interrupt context
 * (interrupts off, no sleeping, no SSE in ukos code). A level-triggered
 * line may be shared by handlers that agree on its polarity: each is
 * called on every interrupt and must ask its device whether it was the
 * one. Returns 0, -EINVAL for a bad gsi or handler, -EBUSY if gsi has a
 * handler it cannot share with, -ENOENT if no interrupt controller serves
 * it, -ENOMEM. Thread context.
 */
int irq_register(unsigned gsi, void (*handler)(void *arg), void *arg,
		 bool level, bool active_low);

/* The GSI, trigger and polarity of ISA IRQ isa_irq (MADT overrides). */
unsigned irq_isa(unsigned isa_irq, bool *level, bool *active_low);

/* The GSI, trigger and polarity of the PCI INTx that firmware routed to
 * interrupt line `line` (MADT overrides; PCI's level/active low by
 * default). */
unsigned irq_pci(unsigned line, bool *level, bool *active_low);

/* From the arch code: an interrupt arrived on gsi. Interrupt context. */
void irq_dispatch(unsigned gsi);

/*
 * A message-signalled interrupt (PCI MSI/MSI-X) calling handler(arg) in
 * interrupt context: the device is to write *data to *addr. Returns its
 * number (>= 0), -EINVAL without a handler, -ENOSPC when all are taken.
 * Thread context.
 */
int irq_msi_register(void (*handler)(void *arg), void *arg, uint64_t *addr,
		     uint32_t *data);

/* From the arch code: MSI number n arrived. Interrupt context. */
void irq_msi_dispatch(unsigned n);

/* Interrupts taken so far, by kind (statistics for tests). */
struct irq_stats {
	uint64_t device;
	uint64_t timer;
	uint64_t spurious;
	uint64_t unexpected;
};
extern struct irq_stats irq_stats;

#endif
