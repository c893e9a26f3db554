/* SPDX-License-Identifier: MIT */
/*
 * pic.c: the legacy 8259A pair. ukos uses the APICs, but the PICs may
 * still raise (spurious) interrupts: move them off the exception vectors
 * (8259A data sheet, ICW1-ICW4) and mask every line.
 */
#include <ukos/arch.h>

#include "irq_arch.h"

#define PIC1_CMD        0x20
#define PIC1_DATA       0x21
#define PIC2_CMD        0xa0
#define PIC2_DATA       0xa1
#define ICW1_INIT_ICW4  0x11
#define ICW4_8086       0x01
#define PIC_VECTOR_BASE 0x20 /* 0x20-0x2f: below the GSI vectors */

void x86_pic_disable(void)
{
	arch_outb(PIC1_CMD, ICW1_INIT_ICW4);
	arch_outb(PIC2_CMD, ICW1_INIT_ICW4);
	arch_outb(PIC1_DATA, PIC_VECTOR_BASE);
	arch_outb(PIC2_DATA, PIC_VECTOR_BASE + 8);
	arch_outb(PIC1_DATA, 4); /* slave on IRQ2 */
	arch_outb(PIC2_DATA, 2); /* its cascade identity */
	arch_outb(PIC1_DATA, ICW4_8086);
	arch_outb(PIC2_DATA, ICW4_8086);
	arch_outb(PIC1_DATA, 0xff);
	arch_outb(PIC2_DATA, 0xff);
}
