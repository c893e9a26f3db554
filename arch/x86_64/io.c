/* SPDX-License-Identifier: MIT */
/*
 * io.c: port I/O and the time stamp counter for portable code (arch.h).
 */
#include <ukos/arch.h>

#include "cpu.h"

void arch_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

void arch_outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port));
}

void arch_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port));
}

uint8_t arch_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

uint16_t arch_inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

uint32_t arch_inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

uint64_t arch_cycles(void)
{
	return rdtsc();
}

extern uint64_t x86_boot_tsc; /* boot.S */

uint64_t arch_boot_cycles(void)
{
	return x86_boot_tsc;
}

void arch_cpu_relax(void)
{
	__asm__ volatile("pause");
}
