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

void irq_init(void)
{
	uint32_t len;
	const uint8_t *t = acpi_find_table("APIC", &len);

	if (t && madt_parse(t, len, &madt) == 0) {
		have_madt = true;
	} else {
		kprintf("ukos: no usable ACPI MADT: timer only, no device "
			"interrupts\n");
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
