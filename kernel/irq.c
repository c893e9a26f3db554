/* SPDX-License-Identifier: MIT */
/*
 * irq.c: the table of device interrupt handlers, and finding the
 * interrupt controllers through ACPI.
 */
#include <errno.h>
#include <stdlib.h>
#include <ukos/acpi.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/irq.h>
#include <ukos/madt.h>
#include <ukos/unaligned.h>

struct handler {
	void (*fn)(void *arg);
	void *arg;
	struct handler *next; /* more on a shared line */
};

struct line {
	struct handler first;
	bool level, active_low;
};

static struct line lines[IRQ_MAX];
static struct madt_info madt;
static bool have_madt;
struct irq_stats irq_stats;

/* Where the MP spec (§4.1) puts the floating pointer that VMMs without
 * ACPI use: the last KiB of base memory, then the BIOS ROM. (The EBDA
 * pointer sits in the unmapped first 64 KiB.) */
static int mp_table(struct madt_info *mi)
{
	static const uintptr_t where[][2] = { { 0x9fc00, 0x400 },
					      { 0xf0000, 0x10000 } };
	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		uint32_t at =
			mptable_find((const uint8_t *)where[i][0], where[i][1]);
		const uint8_t *c = (const uint8_t *)(uintptr_t)at;
		if (at) /* its length, then the whole of it, checked */
			return mptable_parse(c, load_le16(c, 4), mi);
	}
	return -ENOENT;
}

void irq_init(void)
{
	uint32_t len;
	const uint8_t *t = acpi_find_table("APIC", &len);

	if (t && madt_parse(t, len, &madt) == 0) {
		have_madt = true;
	} else if (mp_table(&madt) == 0) {
		have_madt = true;
		kprintf("ukos: interrupts as the MP table says (no ACPI)\n");
	} else {
		kprintf("ukos: no usable ACPI MADT or MP table: timer only, "
			"no device interrupts\n");
	}
	arch_irq_init(have_madt ? &madt : NULL);
}

unsigned irq_isa(unsigned isa_irq, bool *level, bool *active_low)
{
	if (!have_madt) {
		*level = *active_low = false;
		return isa_irq;
	}
	return madt_isa_gsi(&madt, isa_irq, level, active_low);
}

unsigned irq_pci(unsigned line, bool *level, bool *active_low)
{
	if (!have_madt) {
		*level = *active_low = true;
		return line;
	}
	return madt_pci_gsi(&madt, line, level, active_low);
}

int irq_register(unsigned gsi, void (*handler)(void *arg), void *arg,
		 bool level, bool active_low)
{
	struct line *l = gsi < IRQ_MAX ? &lines[gsi] : NULL;
	struct handler *extra;
	unsigned long flags;
	int err = 0;

	if (!l || !handler)
		return -EINVAL;
	extra = malloc(sizeof(*extra)); /* in case the line is shared */
	if (!extra)
		return -ENOMEM;
	*extra = (struct handler){ handler, arg, NULL };
	flags = arch_irq_save();
	if (!l->first.fn) {
		l->first = *extra;
		l->level = level;
		l->active_low = active_low;
		err = arch_irq_unmask(gsi, level, active_low);
		if (err)
			l->first.fn = NULL;
	} else if (level && l->level && active_low == l->active_low) {
		/* Level-triggered lines can be shared (an edge would be
		 * lost); each handler asks its device. */
		extra->next = l->first.next;
		l->first.next = extra;
		extra = NULL;
	} else {
		err = -EBUSY;
	}
	arch_irq_restore(flags);
	free(extra);
	return err;
}

static struct handler msi_handlers[ARCH_MSI_MAX];

int irq_msi_register(void (*handler)(void *arg), void *arg, uint64_t *addr,
		     uint32_t *data)
{
	unsigned long flags;
	int n = -ENOSPC;

	if (!handler)
		return -EINVAL;
	flags = arch_irq_save();
	for (unsigned i = 0; i < ARCH_MSI_MAX && n < 0; i++) {
		if (!msi_handlers[i].fn) {
			msi_handlers[i] =
				(struct handler){ handler, arg, NULL };
			n = (int)i;
		}
	}
	arch_irq_restore(flags);
	if (n >= 0)
		arch_msi_message((unsigned)n, addr, data);
	return n;
}

void irq_msi_dispatch(unsigned n)
{
	if (n < ARCH_MSI_MAX && msi_handlers[n].fn) {
		irq_stats.device++;
		msi_handlers[n].fn(msi_handlers[n].arg);
	} else {
		irq_stats.unexpected++;
		kprintf("ukos: unexpected message-signalled interrupt %u\n", n);
	}
}

void irq_dispatch(unsigned gsi)
{
	if (gsi < IRQ_MAX && lines[gsi].first.fn) {
		irq_stats.device++;
		for (struct handler *h = &lines[gsi].first; h; h = h->next)
			h->fn(h->arg);
		return;
	}
	/* Nobody asked for it: say so once and keep it quiet from now on. */
	irq_stats.unexpected++;
	kprintf("ukos: unexpected interrupt on GSI %u (masked)\n", gsi);
	arch_irq_mask(gsi);
}
