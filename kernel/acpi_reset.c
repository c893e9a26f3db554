/* SPDX-License-Identifier: MIT */
/*
 * acpi_reset.c: resetting the machine through the FADT's reset register
 * (ACPI 6.4 §4.8.3.6): a generic address and the value to write there.
 * Only I/O and memory addresses are written (acpi_gas_write8()).
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

bool acpi_reset(void)
{
	uint32_t len, flags;
	const uint8_t *fadt = acpi_find_table("FACP", &len);
	uint8_t value;

	if (!fadt || len < FADT_RESET_VALUE + 1)
		return false;
	memcpy(&flags, fadt + FADT_FLAGS, 4);
	value = fadt[FADT_RESET_VALUE];
	if (!(flags & FADT_RESET_SUP))
		return false;
	/* A reset register in PCI configuration space is left to the
	 * chipset's reset control, which arch_reset() writes. */
	if (!acpi_gas_write8(fadt + FADT_RESET_REG, value))
		return false;
	/* The reset is not instant on every board: give it a moment. */
	for (int i = 0; i < 10000000; i++)
		arch_cpu_relax();
	return true;
}
