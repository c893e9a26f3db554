/* SPDX-License-Identifier: MIT */
/*
 * ioapic.c: I/O APICs (Intel 82093AA data sheet §3): each serves a range
 * of GSIs through its redirection table.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <ukos/arch.h>

#include "irq_arch.h"

#define IOAPIC_MAX       8
#define REG_SEL          0x00 /* byte offsets of IOREGSEL and IOWIN */
#define REG_WIN          0x10
#define IOAPIC_VER       0x01
#define IOAPIC_REDIR     0x10 /* entry n: 0x10 + 2n (low), + 1 (high) */
#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL      (1u << 15)
#define REDIR_MASKED     (1u << 16)

struct ioapic {
	volatile uint32_t *base;
	uint32_t gsi_base;
	unsigned count; /* redirection entries */
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned ioapic_count;

static uint32_t rd(const struct ioapic *io, uint32_t reg)
{
	io->base[REG_SEL / 4] = reg;
	return io->base[REG_WIN / 4];
}

static void wr(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->base[REG_SEL / 4] = reg;
	io->base[REG_WIN / 4] = v;
}

unsigned x86_ioapic_add(uint32_t addr, uint32_t gsi_base)
{
	if (ioapic_count == IOAPIC_MAX)
		return 0;
	struct ioapic *io = &ioapics[ioapic_count++];
	io->base = (volatile uint32_t *)(uintptr_t)addr;
	io->gsi_base = gsi_base;
	io->count = (rd(io, IOAPIC_VER) >> 16 & 0xff) + 1;
	for (unsigned i = 0; i < io->count; i++) /* all quiet until asked */
		wr(io, IOAPIC_REDIR + 2 * i, REDIR_MASKED);
	return io->count;
}

static const struct ioapic *serving(unsigned gsi)
{
	for (unsigned i = 0; i < ioapic_count; i++)
		if (gsi >= ioapics[i].gsi_base &&
		    gsi < ioapics[i].gsi_base + ioapics[i].count)
			return &ioapics[i];
	return NULL;
}

int arch_irq_unmask(unsigned gsi, bool level, bool active_low)
{
	const struct ioapic *io = serving(gsi);

	if (!io)
		return -ENOENT;
	unsigned n = gsi - io->gsi_base;
	uint32_t low = VEC_GSI_BASE + gsi;
	if (level)
		low |= REDIR_LEVEL;
	if (active_low)
		low |= REDIR_ACTIVE_LOW;
	/* Fixed delivery, physical destination: the boot CPU, APIC ID 0. */
	wr(io, IOAPIC_REDIR + 2 * n + 1, 0);
	wr(io, IOAPIC_REDIR + 2 * n, low);
	return 0;
}

void arch_irq_mask(unsigned gsi)
{
	const struct ioapic *io = serving(gsi);

	if (io)
		wr(io, IOAPIC_REDIR + 2 * (gsi - io->gsi_base), REDIR_MASKED);
}
