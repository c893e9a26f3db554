/* SPDX-License-Identifier: MIT */
/*
 * acpi_gas.c: writing the register an ACPI generic address structure
 * names (ACPI 6.4 §5.2.3.2): how the FADT points at its sleep control and
 * reset registers.
 */
#include <string.h>
#include <ukos/acpi.h>
#include <ukos/arch.h>

#define GAS_SYSTEM_MEMORY 0
#define GAS_SYSTEM_IO     1
#define GAS_ADDRESS       4 /* u64 after space, width, offset, access size */

bool acpi_gas_write8(const uint8_t *gas, uint8_t v)
{
	uint64_t addr;

	memcpy(&addr, gas + GAS_ADDRESS, 8);
	if (gas[0] == GAS_SYSTEM_IO && addr && addr < 0x10000) {
		arch_outb((uint16_t)addr, v);
		return true;
	}
	if (gas[0] == GAS_SYSTEM_MEMORY && addr && addr < (1ull << 32)) {
		*(volatile uint8_t *)(uintptr_t)addr = v; /* identity-mapped */
		return true;
	}
	return false;
}
