/* SPDX-License-Identifier: MIT */
/*
 * pci.h: PCI devices — found by walking configuration space from bus 0
 * through bridges, bound to drivers from a static table that drivers add
 * themselves to (PCI_DRIVER), with their BARs decoded and MSI-X set up on
 * request.
 */
#ifndef UKOS_PCI_H
#define UKOS_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_BARS 6

struct pci_bar {
	uint64_t base; /* 0: not implemented */
	uint64_t size;
	bool io; /* I/O ports rather than memory */
	bool prefetch;
};

struct pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class, subclass, prog_if, revision;
	uint8_t irq_line, irq_pin; /* INTx as firmware routed it */
	struct pci_bar bar[PCI_BARS];
	const struct pci_driver *driver;
	void *priv; /* the driver's */
};

struct pci_id {
	uint16_t vendor, device;
};

/* A device class (the class code register: base class, subclass,
 * programming interface), matching devices of any vendor. */
#define PCI_CLASS(base, sub, prog_if)                                          \
	((uint32_t)(base) << 16 | (uint32_t)(sub) << 8 | (uint32_t)(prog_if))

struct pci_driver {
	const char *name;
	const struct pci_id *ids; /* ends with { 0, 0 }; NULL: none */
	/* Optional: devices of this class too (PCI_CLASS; 0: none). */
	uint32_t class;
	/* Take dev: 0, or -errno (reported; the device is left alone).
	 * Thread context. */
	int (*probe)(struct pci_dev *dev);
};

/* Put driver in the table pci_probe_all() matches devices against. */
#define PCI_DRIVER(driver)                                                     \
	static const struct pci_driver *const driver##_entry                   \
		__attribute__((used, section(".pcidrv"))) = &(driver)

/* PCI Express memory-mapped configuration space: buses 0..end_bus of
 * segment 0 from base. */
struct pci_ecam {
	uint64_t base;
	uint8_t end_bus;
};

/* pci_mcfg.c: the ECAM ACPI's MCFG table (t, len bytes) describes for
 * segment 0 from bus 0 below 4 GiB. 0, or -1 if none or malformed. */
int pci_mcfg_parse(const uint8_t *t, uint32_t len, struct pci_ecam *out);

/* How configuration space is reached: "ecam" or "ports". */
const char *pci_config_method(void);

/* Find every device (once) and offer each to the drivers in the table.
 * Returns how many devices a driver took. Thread context. */
int pci_probe_all(void);

/* Configuration space of dev, at byte offset off. */
uint8_t pci_read8(const struct pci_dev *dev, unsigned off);
uint16_t pci_read16(const struct pci_dev *dev, unsigned off);
uint32_t pci_read32(const struct pci_dev *dev, unsigned off);
void pci_write16(const struct pci_dev *dev, unsigned off, uint16_t v);
void pci_write32(const struct pci_dev *dev, unsigned off, uint32_t v);

/* The offset of capability id in dev's list after offset after (0: from
 * the start), or 0 if there is none. */
unsigned pci_find_cap(const struct pci_dev *dev, uint8_t id, unsigned after);

/* Let dev decode its BARs and master the bus (DMA). */
void pci_enable(const struct pci_dev *dev);

/* A memory BAR's address for the CPU (memory is identity-mapped below
 * 4 GiB, MMIO uncached), or NULL if bar is not a usable memory BAR. */
volatile void *pci_bar_ptr(const struct pci_dev *dev, unsigned bar);

/*
 * Route MSI-X table entry `entry` of dev to handler(arg) and enable
 * MSI-X (INTx off). Returns 0, -ENODEV without MSI-X or with too small a
 * table, -ENOSPC when no interrupt is free. Thread context.
 */
int pci_msix_route(const struct pci_dev *dev, unsigned entry,
		   void (*handler)(void *arg), void *arg);

/* Whether dev's MSI-X is enabled. */
bool pci_msix_enabled(const struct pci_dev *dev);

/*
 * Route dev's INTx to handler(arg), through the interrupt line firmware
 * programmed (an ISA IRQ, mapped by the MADT's overrides: how QEMU's pc
 * and q35 and PC-compatible boards route it). The line may be shared:
 * handler must ask the device whether it interrupted. Returns 0 and the
 * GSI in *gsi (if not NULL), -ENODEV if the device has no INTx or firmware
 * left it unrouted, or irq_register()'s error. Thread context.
 */
int pci_intx_route(const struct pci_dev *dev, void (*handler)(void *arg),
		   void *arg, unsigned *gsi);

#endif
