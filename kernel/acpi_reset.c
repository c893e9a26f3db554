/* SPDX-License-Identifier: MIT */
/*
 * acpi_reset.c: resetting the machine through the FADT's reset register
 * (ACPI 6.4 §4.8.3.6): a generic address and the value to write there.
 */
#include <stdint.h>
#include <string.h>
#include <ukos/acpi.h>
#include <ukos/arch.h>
#include <ukos/exit.h>

/* FADT fields, ACPI 6.4 Table 5.9. */
#define FADT_FLAGS       112
#define FADT_RESET_REG   116 /* a 12-byte generic address structure */
#define FADT_RESET_VALUE 128
#define FADT_RESET_SUP   (1u << 10)

/* Generic address structure address spaces (§5.2.3.2). */
#define GAS_MEMORY 0
#define GAS_IO     1
#define GAS_PCI    2 /* bus 0; device 47:32, function 31:16, offset 15:0 */

#define PCI_CONFIG_ADDR 0xcf8 /* configuration mechanism #1 */
#define PCI_CONFIG_DATA 0xcfc

bool acpi_reset(void)
{
	uint32_t len, flags;
	const uint8_t *fadt = acpi_find_table("FACP", &len);
	uint64_t addr;
	uint8_t value;

	if (!fadt || len < FADT_RESET_VALUE + 1)
		return false;
	memcpy(&flags, fadt + FADT_FLAGS, 4);
	memcpy(&addr, fadt + FADT_RESET_REG + 4, 8);
	value = fadt[FADT_RESET_VALUE];
	if (!(flags & FADT_RESET_SUP) || !addr)
		return false;
	switch (fadt[FADT_RESET_REG]) {
	case GAS_IO:
		if (addr > 0xffff)
			return false;
		arch_outb((uint16_t)addr, value);
		break;
	case GAS_MEMORY:
		if (addr >= (1ull << 32)) /* what is identity-mapped */
			return false;
		*(volatile uint8_t *)(uintptr_t)addr = value;
		break;
	case GAS_PCI: {
		uint32_t dev = (uint32_t)(addr >> 32) & 0x1f;
		uint32_t fn = (uint32_t)(addr >> 16) & 7, off = addr & 0xff;
		arch_outl(PCI_CONFIG_ADDR,
			  0x80000000u | dev << 11 | fn << 8 | (off & ~3u));
		arch_outb((uint16_t)(PCI_CONFIG_DATA + (off & 3)), value);
		break;
	}
	default:
		return false;
	}
	/* The reset is not instant on every board: give it a moment. */
	for (int i = 0; i < 10000000; i++)
		arch_cpu_relax();
	return true;
}
