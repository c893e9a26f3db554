/* SPDX-License-Identifier: MIT */
/*
 * irq_arch.h: vectors and the contract between the interrupt files of
 * arch/x86_64 (irq.c, lapic.c, ioapic.c, pic.c).
 */
#ifndef ARCH_X86_64_IRQ_ARCH_H
#define ARCH_X86_64_IRQ_ARCH_H

#include <stdint.h>

#define VEC_GSI_BASE 0x30 /* GSI n → vector 0x30 + n (ukos/irq.h IRQ_MAX) */
#define VEC_MSI_BASE 0xe0 /* MSI n → vector 0xe0 + n (ARCH_MSI_MAX) */
#define VEC_TIMER    0xef
#define VEC_SPURIOUS 0xff

/* lapic.c */
void x86_lapic_init(uint64_t madt_addr);
void x86_lapic_eoi(void);
uint32_t x86_lapic_id(void);

/* ioapic.c */
unsigned x86_ioapic_add(uint32_t addr, uint32_t gsi_base); /* its lines */

/* pic.c: remap the 8259s away from the exception vectors and mask them. */
void x86_pic_disable(void);

#endif
