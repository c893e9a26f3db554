/* SPDX-License-Identifier: MIT */
/*
 * madt.h: the interrupt controllers ACPI's MADT describes (ACPI 6.4
 * §5.2.12): local APIC address, I/O APICs, and how ISA IRQs map to GSIs.
 */
#ifndef UKOS_MADT_H
#define UKOS_MADT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MADT_MAX_CPUS      64
#define MADT_MAX_IOAPICS   8
#define MADT_MAX_OVERRIDES 16

struct madt_ioapic {
	uint8_t id;
	uint32_t addr;     /* physical MMIO base */
	uint32_t gsi_base; /* first global system interrupt it serves */
};
/* gsi_base of an I/O APIC an MP table lists after the first: its lines
 * follow the previous one's (the table gives no number). */
#define MADT_GSI_NEXT UINT32_MAX

struct madt_override {
	uint8_t isa_irq;
	uint32_t gsi;
	uint16_t flags; /* MPS INTI flags: polarity bits 1:0, trigger 3:2 */
};

struct madt_info {
	uint64_t lapic_addr;
	bool has_8259; /* PCAT_COMPAT: legacy PICs present (to be masked) */
	unsigned cpu_count;
	uint32_t apic_ids[MADT_MAX_CPUS];
	unsigned ioapic_count;
	struct madt_ioapic ioapics[MADT_MAX_IOAPICS];
	unsigned override_count;
	struct madt_override overrides[MADT_MAX_OVERRIDES];
};

/*
 * Parse a whole MADT (header included, len bytes). Returns 0, or -EINVAL
 * if it is too short or an entry runs past its end. Entries beyond the
 * arrays' sizes are dropped. Pure; host-testable.
 */
int madt_parse(const uint8_t *madt, size_t len, struct madt_info *out);

/*
 * The GSI an ISA IRQ arrives on and its trigger: an override's, else the
 * ISA default (same number, edge, active high). Pure.
 */
uint32_t madt_isa_gsi(const struct madt_info *mi, unsigned isa_irq, bool *level,
		      bool *active_low);

/*
 * The GSI a PCI function whose interrupt line register firmware set to
 * line (an ISA IRQ number, as PC-compatible firmware routes INTx) raises,
 * and its trigger: an override's, with "conforms to the bus" read as PCI's
 * level/active low; else the same number, level, active low. Pure.
 */
uint32_t madt_pci_gsi(const struct madt_info *mi, unsigned line, bool *level,
		      bool *active_low);

/* mptable.c: the same from an MP table (Intel MP spec 1.4), where a VMM
 * gives one instead of ACPI. Find the floating pointer among the len bytes
 * at from (16-byte steps, checksummed): the configuration table's
 * physical address (between 64 KiB and 1 MiB), or 0. Pure. */
uint32_t mptable_find(const uint8_t *from, size_t len);

/* Parse a configuration table (checksummed, len bytes) into out: 0, or
 * -EINVAL (malformed, or no enabled I/O APIC). Pure; host-testable. */
int mptable_parse(const uint8_t *cfg, size_t len, struct madt_info *out);

#endif
