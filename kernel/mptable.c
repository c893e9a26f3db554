/* SPDX-License-Identifier: MIT */
/*
 * mptable.c: the MultiProcessor Specification's tables (Intel MP spec
 * 1.4, §4), which VMMs without ACPI give instead of a MADT (QEMU's
 * microvm with acpi=off, Firecracker): the floating pointer in the last
 * KiB of base memory or the BIOS ROM, and the configuration table it
 * points at, read into the same struct madt_info — local APIC, I/O APICs,
 * and where ISA IRQs arrive.
 */
#include <errno.h>
#include <string.h>
#include <ukos/madt.h>
#include <ukos/unaligned.h>

#define FP_SIG      0x5f504d5f /* "_MP_" */
#define FP_LEN      16
#define CFG_SIG     0x504d4350 /* "PCMP" */
#define CFG_HEADER  44
#define CFG_LAPIC   36
#define E_CPU       0 /* §4.3: entries and their sizes */
#define E_BUS       1
#define E_IOAPIC    2
#define E_IOINT     3
#define E_LOCALINT  4
#define CPU_LEN     20
#define OTHER_LEN   8
#define CPU_ENABLED 1
#define INT_INT     0 /* a vectored interrupt (not NMI, SMI, ExtINT) */
#define BUSES       256

static bool sums_to_zero(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s == 0;
}

uint32_t mptable_find(const uint8_t *from, size_t len)
{
	for (size_t off = 0; off + FP_LEN <= len; off += 16) {
		const uint8_t *f = from + off;
		if (load_le32(f, 0) != FP_SIG || f[8] != 1 ||
		    !sums_to_zero(f, FP_LEN))
			continue;
		uint32_t cfg = load_le32(f, 4);
		/* A table below 1 MiB, past the unmapped first 64 KiB: where
		 * VMMs and firmware put one. */
		return cfg >= 0x10000 && cfg < 0x100000 ? cfg : 0;
	}
	return 0;
}

int mptable_parse(const uint8_t *c, size_t len, struct madt_info *mi)
{
	bool isa[BUSES] = { false };
	size_t off = CFG_HEADER;

	memset(mi, 0, sizeof(*mi));
	if (len < CFG_HEADER || load_le32(c, 0) != CFG_SIG ||
	    load_le16(c, 4) != len || !sums_to_zero(c, len))
		return -EINVAL;
	mi->lapic_addr = load_le32(c, CFG_LAPIC);
	mi->has_8259 = true;
	/* By the table's length, not its entry count, as Linux walks it:
	 * qboot (QEMU's microvm firmware) leaves the count 0. */
	while (off < len) {
		const uint8_t *e = c + off;
		size_t n = e[0] == E_CPU ? CPU_LEN : OTHER_LEN;

		if (e[0] > E_LOCALINT || off + n > len)
			return -EINVAL; /* no size to step over it by */
		switch (e[0]) {
		case E_CPU:
			if ((e[3] & CPU_ENABLED) &&
			    mi->cpu_count < MADT_MAX_CPUS)
				mi->apic_ids[mi->cpu_count++] = e[1];
			break;
		case E_BUS:
			isa[e[1]] = !memcmp(e + 2, "ISA", 3);
			break;
		case E_IOAPIC:
			if ((e[3] & 1) && mi->ioapic_count < MADT_MAX_IOAPICS) {
				unsigned k = mi->ioapic_count++;
				mi->ioapics[k] = (struct madt_ioapic){
					e[1], load_le32(e, 4),
					k ? MADT_GSI_NEXT : 0
				};
			}
			break;
		case E_IOINT:
			/* An ISA IRQ on the first I/O APIC: an override (its
			 * lines are GSIs from 0). */
			if (e[1] == INT_INT && isa[e[4]] && mi->ioapic_count &&
			    e[6] == mi->ioapics[0].id && e[5] < 16 &&
			    mi->override_count < MADT_MAX_OVERRIDES)
				mi->overrides[mi->override_count++] =
					(struct madt_override){
						e[5], e[7], load_le16(e, 2)
					};
			break;
		}
		off += n;
	}
	return mi->ioapic_count ? 0 : -EINVAL;
}
