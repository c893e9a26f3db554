/* SPDX-License-Identifier: MIT */
/*
 * acpi_poweroff.c: S5 soft-off from the FADT's PM1 control blocks, or the
 * sleep control register on hardware-reduced ACPI (QEMU microvm).
 */
#include <stdbool.h>
#include <string.h>
#include <ukos/acpi.h>
#include <ukos/arch.h>
#include <ukos/exit.h>

/* FADT field offsets, ACPI 6.4 Table 5.9. */
#define FADT_SMI_CMD       48
#define FADT_ACPI_ENABLE   52
#define FADT_PM1A_CNT      64
#define FADT_PM1B_CNT      68
#define FADT_FLAGS         112
#define FADT_SLEEP_CONTROL 244
#define FADT_HW_REDUCED    (1u << 20)

#define PM1_SLP_TYP_SHIFT       10 /* §4.8.3.2.1 */
#define PM1_SLP_EN              (1u << 13)
#define PM1_SCI_EN              1u
#define SLEEP_CTL_SLP_TYP_SHIFT 2 /* §4.8.3.7 */
#define SLEEP_CTL_SLP_EN        (1u << 5)

static uint32_t field32(const uint8_t *fadt, uint32_t len, unsigned off)
{
	uint32_t v = 0;
	if (off + 4 <= len)
		memcpy(&v, fadt + off, 4);
	return v;
}

/* \_S5 lives in the DSDT or, on some firmware, an SSDT. */
static bool find_s5(uint8_t typ[2])
{
	uint32_t len;
	const uint8_t *t = acpi_dsdt(&len);
	const unsigned h = ACPI_SDT_HEADER_LEN;

	if (t && acpi_aml_find_s5(t + h, len - h, typ) == 0)
		return true;
	t = acpi_find_table("SSDT", &len);
	return t && len > h && acpi_aml_find_s5(t + h, len - h, typ) == 0;
}

/* Firmware may leave ACPI in legacy mode: §4.8.2.1, hand it over via
 * SMI_CMD and wait a bounded time for SCI_EN. */
static void acpi_enable(const uint8_t *fadt, uint32_t flen, uint16_t pm1a)
{
	uint32_t smi = field32(fadt, flen, FADT_SMI_CMD);
	uint8_t on = flen > FADT_ACPI_ENABLE ? fadt[FADT_ACPI_ENABLE] : 0;

	if ((arch_inw(pm1a) & PM1_SCI_EN) || !smi || !on || smi > 0xffff)
		return;
	arch_outb((uint16_t)smi, on);
	for (int i = 0; i < 1000000 && !(arch_inw(pm1a) & PM1_SCI_EN); i++)
		arch_cpu_relax();
}

void acpi_poweroff(void)
{
	uint32_t flen;
	const uint8_t *fadt = acpi_find_table("FACP", &flen);
	uint8_t typ[2];

	if (!fadt || !find_s5(typ))
		return;
	if ((field32(fadt, flen, FADT_FLAGS) & FADT_HW_REDUCED) &&
	    FADT_SLEEP_CONTROL + 12 <= flen) {
		acpi_gas_write8(
			fadt + FADT_SLEEP_CONTROL,
			(uint8_t)((typ[0] & 7) << SLEEP_CTL_SLP_TYP_SHIFT |
				  SLEEP_CTL_SLP_EN));
	} else {
		uint32_t a = field32(fadt, flen, FADT_PM1A_CNT);
		uint32_t b = field32(fadt, flen, FADT_PM1B_CNT);
		if (!a || a > 0xffff)
			return;
		acpi_enable(fadt, flen, (uint16_t)a);
		arch_outw((uint16_t)a,
			  (uint16_t)((typ[0] & 7) << PM1_SLP_TYP_SHIFT |
				     PM1_SLP_EN));
		if (b && b <= 0xffff)
			arch_outw((uint16_t)b,
				  (uint16_t)((typ[1] & 7) << PM1_SLP_TYP_SHIFT |
					     PM1_SLP_EN));
	}
	/* Power-off is not instant on every board: give it a moment. */
	for (int i = 0; i < 10000000; i++)
		arch_cpu_relax();
}
