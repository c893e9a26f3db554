/* SPDX-License-Identifier: MIT */
/*
 * pci_mcfg.c: reading ACPI's MCFG table, which says where PCI Express's
 * memory-mapped configuration space (ECAM) lies (PCI Firmware
 * Specification 3.0 §4.1.2). Pure: fed the table, host-tested.
 */
#include <ukos/pci.h>
#include <ukos/unaligned.h>

#define MCFG_ENTRIES 44 /* ACPI header (36) and 8 reserved bytes */
#define MCFG_ENTRY_LEN                                                         \
	16 /* base u64, segment u16, start bus, end bus, 4 reserved */
#define LOW_4G 0x100000000ull

int pci_mcfg_parse(const uint8_t *t, uint32_t len, struct pci_ecam *out)
{
	if (!t || len < MCFG_ENTRIES || load_le32(t, 4) != len)
		return -1;
	for (uint32_t off = MCFG_ENTRIES; off + MCFG_ENTRY_LEN <= len;
	     off += MCFG_ENTRY_LEN) {
		const uint8_t *e = t + off;
		uint64_t base = load_le64(e, 0);
		uint8_t start = e[10], end = e[11];
		/* Segment 0 from bus 0, where ukos looks; and mapped: ukos
		 * maps MMIO in the low 4 GiB only. */
		if (load_le16(e, 8) != 0 || start != 0 || end < start ||
		    !base || base & 0xfffff ||
		    base + (((uint64_t)end + 1) << 20) > LOW_4G)
			continue;
		out->base = base;
		out->end_bus = end;
		return 0;
	}
	return -1;
}
