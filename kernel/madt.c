/* SPDX-License-Identifier: MIT */
/*
 * madt.c: reading the MADT (ACPI 6.4 §5.2.12). Firmware data: every entry
 * length is checked before it is used.
 */
#include <errno.h>
#include <string.h>
#include <ukos/madt.h>
#include <ukos/unaligned.h>

#define MADT_LAPIC_ADDR  36 /* u32, right after the 36-byte SDT header */
#define MADT_FLAGS       40
#define MADT_ENTRIES     44
#define MADT_PCAT_COMPAT 1u

/* Interrupt controller structure types, Table 5.21. */
#define E_LAPIC              0
#define E_IOAPIC             1
#define E_OVERRIDE           2
#define E_LAPIC_ADDR         5
#define E_X2APIC             9
#define LAPIC_ENABLED        1u
#define LAPIC_ONLINE_CAPABLE 2u

/* MPS INTI flags (§5.2.12.5): polarity 01 high, 11 low; trigger 01 edge,
 * 11 level; 00 "conforms to the bus" (ISA: edge, high; PCI: level, low). */
#define INTI_POLARITY_LOW  3u
#define INTI_POLARITY_HIGH 1u
#define INTI_TRIGGER_LEVEL (3u << 2)
#define INTI_TRIGGER_EDGE  (1u << 2)
#define INTI_TRIGGER_MASK  (3u << 2)
#define INTI_POLARITY_MASK 3u

static void add_cpu(struct madt_info *mi, uint32_t apic_id, uint32_t flags)
{
	if ((flags & (LAPIC_ENABLED | LAPIC_ONLINE_CAPABLE)) &&
	    mi->cpu_count < MADT_MAX_CPUS)
		mi->apic_ids[mi->cpu_count++] = apic_id;
}

static int entry(struct madt_info *mi, const uint8_t *e, uint8_t len)
{
	switch (e[0]) {
	case E_LAPIC:
		if (len < 8)
			return -EINVAL;
		add_cpu(mi, e[3], load_le32(e, 4));
		return 0;
	case E_X2APIC:
		if (len < 16)
			return -EINVAL;
		add_cpu(mi, load_le32(e, 4), load_le32(e, 8));
		return 0;
	case E_IOAPIC:
		if (len < 12)
			return -EINVAL;
		if (mi->ioapic_count < MADT_MAX_IOAPICS)
			mi->ioapics[mi->ioapic_count++] =
				(struct madt_ioapic){ e[2], load_le32(e, 4),
						      load_le32(e, 8) };
		return 0;
	case E_OVERRIDE:
		if (len < 10)
			return -EINVAL;
		if (mi->override_count < MADT_MAX_OVERRIDES) {
			uint16_t flags = load_le16(e, 8);
			mi->overrides[mi->override_count++] =
				(struct madt_override){ e[3], load_le32(e, 4),
							flags };
		}
		return 0;
	case E_LAPIC_ADDR:
		if (len < 12)
			return -EINVAL;
		mi->lapic_addr = load_le64(e, 4);
		return 0;
	default:
		return 0; /* NMI sources, GIC, ...: not used */
	}
}

int madt_parse(const uint8_t *madt, size_t len, struct madt_info *out)
{
	memset(out, 0, sizeof(*out));
	if (len < MADT_ENTRIES || memcmp(madt, "APIC", 4) != 0)
		return -EINVAL;
	out->lapic_addr = load_le32(madt, MADT_LAPIC_ADDR);
	out->has_8259 = load_le32(madt, MADT_FLAGS) & MADT_PCAT_COMPAT;
	for (size_t off = MADT_ENTRIES; off < len;) {
		uint8_t elen;
		if (len - off < 2 || (elen = madt[off + 1]) < 2 ||
		    elen > len - off)
			return -EINVAL;
		int err = entry(out, madt + off, elen);
		if (err)
			return err;
		off += elen;
	}
	return 0;
}

/* The GSI irq arrives on: an override's, with its trigger and polarity
 * where it gives them and the bus's (bus_level, bus_low) where it
 * "conforms"; else irq itself, as the bus has it. */
static uint32_t route(const struct madt_info *mi, unsigned irq, bool bus_level,
		      bool bus_low, bool *level, bool *active_low)
{
	*level = bus_level;
	*active_low = bus_low;
	for (unsigned i = 0; i < mi->override_count; i++) {
		const struct madt_override *o = &mi->overrides[i];
		unsigned trigger = o->flags & INTI_TRIGGER_MASK;
		unsigned polarity = o->flags & INTI_POLARITY_MASK;
		if (o->isa_irq != irq)
			continue;
		if (trigger == INTI_TRIGGER_LEVEL ||
		    trigger == INTI_TRIGGER_EDGE)
			*level = trigger == INTI_TRIGGER_LEVEL;
		if (polarity == INTI_POLARITY_LOW ||
		    polarity == INTI_POLARITY_HIGH)
			*active_low = polarity == INTI_POLARITY_LOW;
		return o->gsi;
	}
	return irq;
}

uint32_t madt_isa_gsi(const struct madt_info *mi, unsigned isa_irq, bool *level,
		      bool *active_low)
{
	return route(mi, isa_irq, false, false, level, active_low);
}

uint32_t madt_pci_gsi(const struct madt_info *mi, unsigned line, bool *level,
		      bool *active_low)
{
	/* PCI INTx: level-triggered, active low (PCI 3.0 §2.2.6). */
	return route(mi, line, true, true, level, active_low);
}
