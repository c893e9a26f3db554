/* SPDX-License-Identifier: MIT */
/*
 * pci.c: configuration space through the memory-mapped ECAM window ACPI's
 * MCFG names (PCI Express), else I/O ports 0xcf8/0xcfc (PCI Local Bus 3.0
 * §3.2.2.3.2, "configuration mechanism #1", on every PC); enumeration from
 * bus 0 through PCI-to-PCI bridges, BAR decoding, the driver table,
 * MSI-X.
 */
#include <errno.h>
#include <stddef.h>
#include <ukos/acpi.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/irq.h>
#include <ukos/pci.h>

#define CFG_ADDRESS 0xcf8
#define CFG_DATA    0xcfc
#define CFG_ENABLE  0x80000000u

/* Configuration header offsets and bits (PCI 3.0 §6.1, §6.2). */
#define REG_VENDOR        0x00
#define REG_COMMAND       0x04
#define REG_STATUS        0x06
#define REG_CLASS         0x08 /* revision, prog-if, subclass, class */
#define REG_HEADER        0x0e
#define REG_BAR0          0x10
#define REG_SECONDARY_BUS 0x19 /* type 1 (bridge) headers */
#define REG_CAP_PTR       0x34
#define REG_IRQ_LINE      0x3c
#define REG_IRQ_PIN       0x3d
#define CMD_IO            0x1
#define CMD_MEMORY        0x2
#define CMD_BUS_MASTER    0x4
#define CMD_INTX_DISABLE  0x400
#define STATUS_CAP_LIST   0x10
#define HEADER_MULTIFN    0x80
#define HEADER_TYPE       0x7f
#define CLASS_BRIDGE      0x06
#define SUBCLASS_PCI_PCI  0x04

/* MSI-X capability (PCI 3.0 §6.8.2). */
#define CAP_MSIX          0x11
#define MSIX_CTRL         2
#define MSIX_CTRL_SIZE    0x7ff
#define MSIX_CTRL_MASKALL 0x4000
#define MSIX_CTRL_ENABLE  0x8000
#define MSIX_TABLE        4
#define MSIX_BIR          0x7
#define MSIX_ENTRY_SIZE   16

#define DEVICES_MAX 64

extern const struct pci_driver *const __pcidrv_start[], *const __pcidrv_end[];

static struct pci_dev devices[DEVICES_MAX];
static unsigned device_count;
static bool scanned;
static struct pci_ecam ecam; /* base 0: none, use the ports */

static uint32_t cfg_addr(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	return CFG_ENABLE | bus << 16 | dev << 11 | fn << 8 | (off & 0xfc);
}

/* The ECAM dword for (bus, dev, fn, off), or NULL to use the ports
 * (PCIe base spec §7.2.2: bus << 20 | device << 15 | function << 12). */
static volatile uint32_t *ecam_at(unsigned bus, unsigned dev, unsigned fn,
				  unsigned off)
{
	if (!ecam.base || bus > ecam.end_bus)
		return NULL;
	return (volatile uint32_t *)(uintptr_t)(ecam.base +
						(bus << 20 | dev << 15 |
						 fn << 12 | (off & 0xffc)));
}

static uint32_t cfg_read(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	volatile uint32_t *e = ecam_at(bus, dev, fn, off);
	unsigned long flags;
	uint32_t v;

	if (e)
		return *e >> (off & 3) * 8;
	flags = arch_irq_save(); /* address+data: one step */
	arch_outl(CFG_ADDRESS, cfg_addr(bus, dev, fn, off));
	v = arch_inl(CFG_DATA);
	arch_irq_restore(flags);
	return v >> (off & 3) * 8;
}

static void cfg_write(unsigned bus, unsigned dev, unsigned fn, unsigned off,
		      uint32_t v)
{
	volatile uint32_t *e = ecam_at(bus, dev, fn, off);
	unsigned long flags;

	if (e) {
		*e = v;
		return;
	}
	flags = arch_irq_save();
	arch_outl(CFG_ADDRESS, cfg_addr(bus, dev, fn, off));
	arch_outl(CFG_DATA, v);
	arch_irq_restore(flags);
}

const char *pci_config_method(void)
{
	return ecam.base ? "ecam" : "ports";
}

uint32_t pci_read32(const struct pci_dev *d, unsigned off)
{
	return cfg_read(d->bus, d->dev, d->fn, off);
}

uint16_t pci_read16(const struct pci_dev *d, unsigned off)
{
	return (uint16_t)cfg_read(d->bus, d->dev, d->fn, off);
}

uint8_t pci_read8(const struct pci_dev *d, unsigned off)
{
	return (uint8_t)cfg_read(d->bus, d->dev, d->fn, off);
}

void pci_write32(const struct pci_dev *d, unsigned off, uint32_t v)
{
	cfg_write(d->bus, d->dev, d->fn, off, v);
}

/* A 16-bit write as a read-modify-write of its dword. Used for command
 * and control registers only, whose other half (status, next pointer)
 * ignores the bits written back. */
void pci_write16(const struct pci_dev *d, unsigned off, uint16_t v)
{
	unsigned shift = (off & 2) * 8;
	uint32_t dw = cfg_read(d->bus, d->dev, d->fn, off & ~3u);

	dw = (dw & ~(0xffffu << shift)) | (uint32_t)v << shift;
	if (off == REG_COMMAND)
		dw &= 0xffff; /* status bits are write-1-to-clear */
	cfg_write(d->bus, d->dev, d->fn, off & ~3u, dw);
}

/* Size BAR i by writing all ones and reading back which bits stick
 * (PCI 3.0 §6.2.5.1), with decoding off meanwhile. Returns how many BAR
 * slots it used (2 for a 64-bit memory BAR). */
static unsigned bar_decode(struct pci_dev *d, unsigned i)
{
	unsigned off = REG_BAR0 + 4 * i;
	uint32_t lo = pci_read32(d, off), hi = 0, size_lo, size_hi = 0xffffffff;
	struct pci_bar *b = &d->bar[i];
	bool is64 = !(lo & 1) && (lo & 6) == 4;

	pci_write32(d, off, 0xffffffff);
	size_lo = pci_read32(d, off);
	pci_write32(d, off, lo);
	if (is64 && i + 1 < PCI_BARS) {
		hi = pci_read32(d, off + 4);
		pci_write32(d, off + 4, 0xffffffff);
		size_hi = pci_read32(d, off + 4);
		pci_write32(d, off + 4, hi);
	}
	b->io = lo & 1;
	if (b->io) {
		b->base = lo & ~3u;
		size_lo = (size_lo & ~3u) | 0xffff0000u;
	} else {
		b->base = (uint64_t)hi << 32 | (lo & ~0xfu);
		b->prefetch = lo & 8;
		size_lo &= ~0xfu;
	}
	uint64_t mask = (uint64_t)size_hi << 32 | size_lo;
	b->size = size_lo ? ~mask + 1 : 0;
	if (!b->size)
		b->base = 0;
	return is64 ? 2 : 1;
}

static void scan_bus(unsigned bus, unsigned depth);

static void add_function(unsigned bus, unsigned dev, unsigned fn,
			 unsigned depth)
{
	uint32_t class = cfg_read(bus, dev, fn, REG_CLASS);
	uint8_t header = (uint8_t)cfg_read(bus, dev, fn, REG_HEADER);
	struct pci_dev *d;

	if ((header & HEADER_TYPE) == 1) { /* a bridge: what is behind it */
		if ((class >> 24) == CLASS_BRIDGE &&
		    (uint8_t)(class >> 16) == SUBCLASS_PCI_PCI && depth < 8)
			scan_bus((uint8_t)cfg_read(bus, dev, fn,
						   REG_SECONDARY_BUS),
				 depth + 1);
		return;
	}
	if ((header & HEADER_TYPE) != 0 || device_count == DEVICES_MAX)
		return;
	d = &devices[device_count++];
	*d = (struct pci_dev){
		.bus = (uint8_t)bus,
		.dev = (uint8_t)dev,
		.fn = (uint8_t)fn,
		.vendor = (uint16_t)cfg_read(bus, dev, fn, REG_VENDOR),
		.device = (uint16_t)(cfg_read(bus, dev, fn, REG_VENDOR) >> 16),
		.revision = (uint8_t) class,
		.prog_if = (uint8_t)(class >> 8),
		.subclass = (uint8_t)(class >> 16),
		.class = (uint8_t)(class >> 24),
	};
	d->irq_line = pci_read8(d, REG_IRQ_LINE);
	d->irq_pin = pci_read8(d, REG_IRQ_PIN);
	uint16_t cmd = pci_read16(d, REG_COMMAND);
	pci_write16(d, REG_COMMAND, cmd & ~(CMD_IO | CMD_MEMORY));
	for (unsigned i = 0; i < PCI_BARS;)
		i += bar_decode(d, i);
	pci_write16(d, REG_COMMAND, cmd);
}

static void scan_bus(unsigned bus, unsigned depth)
{
	for (unsigned dev = 0; dev < 32; dev++) {
		if ((uint16_t)cfg_read(bus, dev, 0, REG_VENDOR) == 0xffff)
			continue;
		bool multi = cfg_read(bus, dev, 0, REG_HEADER) & HEADER_MULTIFN;
		for (unsigned fn = 0; fn < (multi ? 8u : 1u); fn++)
			if ((uint16_t)cfg_read(bus, dev, fn, REG_VENDOR) !=
			    0xffff)
				add_function(bus, dev, fn, depth);
	}
}

static bool matches(const struct pci_driver *drv, const struct pci_dev *d)
{
	if (drv->class &&
	    drv->class == PCI_CLASS(d->class, d->subclass, d->prog_if))
		return true;
	for (const struct pci_id *id = drv->ids; id && id->vendor; id++)
		if (id->vendor == d->vendor && id->device == d->device)
			return true;
	return false;
}

static const struct pci_driver *match(const struct pci_dev *d)
{
	for (const struct pci_driver *const *p = __pcidrv_start;
	     p < __pcidrv_end; p++)
		if (matches(*p, d))
			return *p;
	return NULL;
}

int pci_probe_all(void)
{
	int taken = 0;

	uint32_t len;
	const uint8_t *mcfg;

	if (scanned)
		return 0;
	scanned = true;
	mcfg = acpi_find_table("MCFG", &len);
	if (pci_mcfg_parse(mcfg, len, &ecam) != 0)
		ecam.base = 0;
	scan_bus(0, 0);
	for (unsigned i = 0; i < device_count; i++) {
		struct pci_dev *d = &devices[i];
		const struct pci_driver *drv = match(d);
		if (!drv)
			continue;
		int err = drv->probe(d);
		if (err) {
			kprintf("ukos: %s: %02x:%02x.%u %04x:%04x not used: "
				"error %d\n",
				drv->name, d->bus, d->dev, d->fn, d->vendor,
				d->device, -err);
			continue;
		}
		d->driver = drv;
		taken++;
	}
	return taken;
}

unsigned pci_find_cap(const struct pci_dev *d, uint8_t id, unsigned after)
{
	unsigned off, guard = 0;

	if (!(pci_read16(d, REG_STATUS) & STATUS_CAP_LIST))
		return 0;
	off = after ? pci_read8(d, after + 1) : pci_read8(d, REG_CAP_PTR);
	/* At most 48 capabilities fit in 256 bytes: a loop is a bad list. */
	while (off >= 0x40 && guard++ < 48) {
		off &= ~3u;
		if (pci_read8(d, off) == id)
			return off;
		off = pci_read8(d, off + 1);
	}
	return 0;
}

void pci_enable(const struct pci_dev *d)
{
	uint16_t cmd = pci_read16(d, REG_COMMAND);

	pci_write16(d, REG_COMMAND, cmd | CMD_IO | CMD_MEMORY | CMD_BUS_MASTER);
}

volatile void *pci_bar_ptr(const struct pci_dev *d, unsigned bar)
{
	const struct pci_bar *b = bar < PCI_BARS ? &d->bar[bar] : NULL;

	if (!b || !b->base || b->io || b->base + b->size > (1ull << 32))
		return NULL;
	return (volatile void *)(uintptr_t)b->base;
}

int pci_msix_route(const struct pci_dev *d, unsigned entry,
		   void (*handler)(void *arg), void *arg)
{
	unsigned cap = pci_find_cap(d, CAP_MSIX, 0);
	uint64_t addr;
	uint32_t data, table;
	volatile uint32_t *e;
	int n;

	if (!cap)
		return -ENODEV;
	uint16_t ctrl = pci_read16(d, cap + MSIX_CTRL);
	if (entry > (ctrl & MSIX_CTRL_SIZE))
		return -ENODEV;
	table = pci_read32(d, cap + MSIX_TABLE);
	volatile uint8_t *base = pci_bar_ptr(d, table & MSIX_BIR);
	if (!base)
		return -ENODEV;
	n = irq_msi_register(handler, arg, &addr, &data);
	if (n < 0)
		return n;
	e = (volatile uint32_t *)(base + (table & ~MSIX_BIR) +
				  entry * MSIX_ENTRY_SIZE);
	e[0] = (uint32_t)addr;
	e[1] = (uint32_t)(addr >> 32);
	e[2] = data;
	e[3] = 0; /* unmasked */
	pci_write16(d, cap + MSIX_CTRL,
		    (uint16_t)((ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_MASKALL));
	pci_write16(d, REG_COMMAND,
		    pci_read16(d, REG_COMMAND) | CMD_INTX_DISABLE);
	return 0;
}

int pci_intx_route(const struct pci_dev *d, void (*handler)(void *arg),
		   void *arg, unsigned *gsi_out)
{
	bool level, active_low;
	unsigned gsi;
	int err;

	/* Pin 0: no INTx. Line 0xff: firmware did not route it (PCI 3.0
	 * §6.2.4); finding the route ourselves would take ACPI's _PRT. */
	if (!d->irq_pin || d->irq_line == 0xff || !d->irq_line)
		return -ENODEV;
	gsi = irq_pci(d->irq_line, &level, &active_low);
	err = irq_register(gsi, handler, arg, level, active_low);
	if (err)
		return err;
	pci_write16(d, REG_COMMAND,
		    pci_read16(d, REG_COMMAND) & ~CMD_INTX_DISABLE);
	if (gsi_out)
		*gsi_out = gsi;
	return 0;
}

bool pci_msix_enabled(const struct pci_dev *d)
{
	unsigned cap = pci_find_cap(d, CAP_MSIX, 0);

	return cap && (pci_read16(d, cap + MSIX_CTRL) & MSIX_CTRL_ENABLE);
}
