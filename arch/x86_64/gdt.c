/* SPDX-License-Identifier: MIT */
/*
 * gdt.c: the final GDT (64-bit code and data, one TSS) and the TSS's
 * interrupt stacks, so that a fault on a broken or overflowed stack still
 * runs its handler on good memory (Intel SDM 3A §6.14.5).
 */
#include <stdint.h>

#include "cpu.h"

#define IST_SIZE 16384

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

static struct tss tss;
static uint8_t ist_stacks[3][IST_SIZE] __attribute__((aligned(64)));

/* SDM 3A §3.4.5: 0x08 code (L=1), 0x10 data, 0x18 a 16-byte TSS. */
static uint64_t gdt[5] = {
	0,
	0x00af9a000000ffffull,
	0x00cf92000000ffffull,
};

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static uint64_t tss_desc_low(uint64_t base, uint32_t limit)
{
	return (limit & 0xffff) | ((base & 0xffffff) << 16) |
	       (0x89ull << 40) /* present, 64-bit TSS available */ |
	       ((uint64_t)(limit >> 16 & 0xf) << 48) |
	       ((base >> 24 & 0xff) << 56);
}

void x86_gdt_init(void)
{
	uint64_t base = (uintptr_t)&tss;
	struct gdt_ptr p = { sizeof(gdt) - 1, (uintptr_t)gdt };

	tss.ist[0] = (uintptr_t)ist_stacks[0] + IST_SIZE; /* IST1: faults */
	tss.ist[1] = (uintptr_t)ist_stacks[1] + IST_SIZE; /* IST2: #DF, NMI */
	tss.ist[2] = (uintptr_t)ist_stacks[2] + IST_SIZE; /* IST3: IRQs */
	tss.iomap_base = sizeof(tss);                     /* no I/O bitmap */
	gdt[3] = tss_desc_low(base, sizeof(tss) - 1);
	gdt[4] = base >> 32;
	__asm__ volatile("lgdt %0\n\t"
			 "ltr %w1"
			 :
			 : "m"(p), "r"(0x18)
			 : "memory");
}
