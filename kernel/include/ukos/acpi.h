/* SPDX-License-Identifier: MIT */
/*
 * acpi.h: finding ACPI tables (ACPI 6.4 §5.2). Only what ukos uses: the
 * table lookup, and the FADT/DSDT facts power-off needs.
 */
#ifndef UKOS_ACPI_H
#define UKOS_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bootinfo;

/* Remember where the RSDP is: the loader's copy, else a scan of the BIOS
 * area (§5.2.5.1). Boot context, once. */
void acpi_init(const struct bootinfo *bi);

/* The first table with the 4-character signature whose checksum is right,
 * or NULL. Sets *len to its length. Any context after acpi_init(). */
const void *acpi_find_table(const char sig[4], uint32_t *len);

/* Every table starts with this much header (ACPI 6.4 §5.2.6); the AML of
 * a DSDT or SSDT follows it. */
#define ACPI_SDT_HEADER_LEN 36

/* The DSDT the FADT points at (header included), or NULL. Sets *len to
 * its length, more than ACPI_SDT_HEADER_LEN. Any context after
 * acpi_init(). */
const void *acpi_dsdt(uint32_t *len);

/* Write byte v to the register a 12-byte generic address structure
 * (§5.2.3.2) names, in I/O space or memory below 4 GiB. false if it names
 * another space or no address. Any context. */
bool acpi_gas_write8(const uint8_t *gas, uint8_t v);

/*
 * Find the \_S5 sleep package in an AML byte stream (DSDT or SSDT body)
 * and return its first two values (SLP_TYPa, SLP_TYPb). Returns 0, or
 * -ENOENT if there is none or it is malformed. Pure; host-testable.
 */
int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t typ[2]);

#endif
