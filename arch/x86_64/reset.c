/* SPDX-License-Identifier: MIT */
/*
 * reset.c: resetting a PC without ACPI's help — the chipset's reset
 * control register, then the keyboard controller's reset line.
 */
#include <ukos/arch.h>

/* Reset control register of PIIX/ICH chipsets (Intel ICH9 datasheet
 * §13.7.5): SYS_RST (bit 1) chooses a full reset, RST_CPU (bit 2) going
 * 0 -> 1 starts it. */
#define RST_CNT 0xcf9
#define RST_SYS 0x02
#define RST_CPU 0x04
/* 8042 keyboard controller: command 0xfe pulses the CPU reset line. */
#define KBC_STATUS 0x64
#define KBC_IBF    0x02 /* input buffer full: not ready for a command */
#define KBC_RESET  0xfe

static void settle(void)
{
	for (int i = 0; i < 10000000; i++)
		arch_cpu_relax();
}

void arch_reset(void)
{
	arch_outb(RST_CNT, RST_SYS);
	arch_outb(RST_CNT, RST_SYS | RST_CPU);
	settle();
	for (int i = 0; i < 100000 && (arch_inb(KBC_STATUS) & KBC_IBF); i++)
		arch_cpu_relax();
	arch_outb(KBC_STATUS, KBC_RESET);
	settle();
}
