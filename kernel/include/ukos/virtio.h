/* SPDX-License-Identifier: MIT */
/*
 * virtio.h: virtio devices and split virtqueues (virtio 1.1 §2.6). The
 * transports behind one ops table: over PCI the virtio 1.x "modern"
 * interface (memory BARs found through vendor capabilities), which modern
 * and transitional devices offer, and the legacy interface (an I/O BAR),
 * which is all older machine types' devices offer (QEMU's disable-modern);
 * and virtio-mmio (§4.2), version 2 or legacy 1, the only bus microVMs
 * (QEMU's microvm, Firecracker) have. Drivers (VIRTIO_DRIVER) see only
 * struct virtio_dev.
 * Rings and buffers are identity-mapped heap memory: guest physical
 * addresses are their virtual ones.
 */
#ifndef UKOS_VIRTIO_H
#define UKOS_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ukos/pci.h>

/* Device status bits (§2.1). */
#define VIRTIO_STATUS_ACK         1
#define VIRTIO_STATUS_DRIVER      2
#define VIRTIO_STATUS_DRIVER_OK   4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_FAILED      128

#define VIRTIO_F_VERSION_1 (1ull << 32) /* §6 */

/* Split virtqueue layout (§2.6.5, §2.6.6, §2.6.8). */
struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
#define VIRTQ_DESC_F_NEXT  1
#define VIRTQ_DESC_F_WRITE 2 /* the device writes this buffer */

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* then used_event */
};
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[]; /* then avail_event */
};
#define VIRTQ_USED_F_NO_NOTIFY 1

/* The legacy interface's ring alignment: the used ring starts on the
 * next 4096-byte boundary after the available ring (§2.6.2). */
#define VIRTQ_LEGACY_ALIGN 4096

struct virtq {
	uint16_t size, index;
	struct virtq_desc *desc; /* the block holding all three parts */
	struct virtq_avail *avail;
	struct virtq_used *used;
	uint16_t free_head, num_free, last_used;
	void (*notify)(struct virtq *q); /* the transport's doorbell */
	volatile void *notify_reg;
	void **cookies; /* per descriptor chain head */
};

struct virtio_dev;

/* What differs between the transports. */
struct virtio_transport_ops {
	const char *name; /* "PCI modern", "PCI legacy", "mmio", ... */
	uint64_t (*device_features)(struct virtio_dev *v);
	void (*set_features)(struct virtio_dev *v, uint64_t features);
	uint8_t (*status)(struct virtio_dev *v);
	void (*set_status)(struct virtio_dev *v, uint8_t status);
	/* irq: the queue interrupts (through v->vector where the transport
	 * has vectors); else none. */
	int (*queue_setup)(struct virtio_dev *v, unsigned index,
			   unsigned max_size, bool irq, struct virtq *q);
	/* Deliver the device's interrupts to virtio_irq(v), describing how
	 * in desc[n]. 0 or -errno. */
	int (*irq_route)(struct virtio_dev *v, char *desc, size_t n);
	/* Read and acknowledge the interrupt status (VIRTIO_ISR_*): whether
	 * a shared line's interrupt was this device's. Interrupt context. */
	uint8_t (*isr)(struct virtio_dev *v);
	/* Optional (PCI): where configuration changes interrupt. */
	void (*config_msix)(struct virtio_dev *v, uint16_t msix);
	uint8_t (*cfg_read8)(struct virtio_dev *v, unsigned off);
};

struct virtio_dev {
	const struct virtio_transport_ops *ops;
	unsigned type;  /* the device ID (§5): VIRTIO_ID_* */
	char where[24]; /* "00:03.0", "mmio@0xfeb00e00": for messages */
	bool legacy;    /* before virtio 1.0: 32 feature bits, no FEATURES_OK */
	uint64_t features; /* negotiated */
	/* The driver's queue interrupt (virtio_irq_route). */
	void (*handler)(void *arg);
	void *arg;
	uint16_t vector; /* PCI: the MSI-X entry queues use, or NO_VECTOR */

	/* PCI (virtio_pci*.c). */
	const struct pci_dev *pci;
	/* Modern: the structures the capabilities point at (§4.1.4). */
	volatile uint8_t *common; /* struct virtio_pci_common_cfg */
	volatile uint8_t *notify_base;
	uint32_t notify_mult;
	volatile uint8_t *isr;
	volatile uint8_t *device_cfg;
	/* Legacy: the I/O BAR (§4.1.4.8). */
	uint16_t io;

	/* MMIO (virtio_mmio.c): the register block and its interrupt. */
	volatile uint8_t *mmio;
	const struct virtio_mmio_res *mmio_res;

	void *priv; /* the driver's */
};

/* Device IDs (§5). */
#define VIRTIO_ID_NET   1
#define VIRTIO_ID_BLOCK 2

#define VIRTIO_MSI_NO_VECTOR 0xffff
#define VIRTIO_ISR_QUEUE     1 /* §4.1.4.5, §4.2.2 InterruptStatus */
#define VIRTIO_ISR_CONFIG    2

/*
 * A driver for one kind of virtio device, on any transport. probe gets
 * the device reset, with ACK and DRIVER said (§3.1.1 steps 1-3), and
 * takes it from there: 0, or -errno (reported; the device is left
 * failed). Thread context.
 */
struct virtio_driver {
	const char *name;
	unsigned type; /* VIRTIO_ID_* */
	int (*probe)(struct virtio_dev *v);
};

/* The PCI vendor of virtio devices, and the device ID a transitional
 * (legacy-capable) device of a type has; a modern one has 0x1040 + type
 * (§4.1.2.1). */
#define VIRTIO_PCI_VENDOR     0x1af4
#define VIRTIO_PCI_MODERN_ID0 0x1040

/* virtio_pci.c: take a PCI virtio device to the driver of its type
 * (-ENODEV: none linked, or no transport it speaks). */
int virtio_pci_probe(struct pci_dev *dev);

/* Both PCI transports' irq_route: MSI-X entry 0 for every queue, else
 * INTx. */
int virtio_pci_irq_route(struct virtio_dev *v, char *desc, size_t n);

/* Put driver (of device type id, whose transitional PCI device ID is
 * pci_transitional) in the tables both transports match against. */
#define VIRTIO_DRIVER(driver, id, pci_transitional)                            \
	static const struct pci_id driver##_pci_ids[] = {                      \
		{ VIRTIO_PCI_VENDOR, pci_transitional },                       \
		{ VIRTIO_PCI_VENDOR, VIRTIO_PCI_MODERN_ID0 + (id) },           \
		{ 0, 0 },                                                      \
	};                                                                     \
	static const struct pci_driver driver##_pci = {                        \
		.name = "virtio",                                              \
		.ids = driver##_pci_ids,                                       \
		.probe = virtio_pci_probe,                                     \
	};                                                                     \
	PCI_DRIVER(driver##_pci);                                              \
	static const struct virtio_driver *const driver##_entry                \
		__attribute__((used, section(".virtiodrv"))) = &(driver)

/* virtio.c: what every transport shares. */

/* The driver linked in for device type, or NULL. */
const struct virtio_driver *virtio_driver_find(unsigned type);

/* Reset v (its transport's ops and registers filled in), say ACK and
 * DRIVER, and hand it to driver's probe: its result, or -EIO if the
 * device never finishes resetting. Thread context. */
int virtio_dev_start(struct virtio_dev *v, const struct virtio_driver *driver);

/* The features the device offers. */
uint64_t virtio_device_features(struct virtio_dev *v);

/* Take (device features & wanted). Modern devices must offer
 * VIRTIO_F_VERSION_1 and accept the set (FEATURES_OK); legacy ones take
 * the low 32 bits. 0, -ENODEV if the device refuses. */
int virtio_negotiate(struct virtio_dev *v, uint64_t wanted);

/* Call handler(arg) in interrupt context each time one of v's queues
 * interrupts (the transport has told a shared line's other devices'
 * interrupts apart and acknowledged this one's). How it is routed goes
 * into desc[n] ("MSI-X", "INTx on GSI 11", "GSI 24"). Before the queues
 * are set up. 0, or -errno: no interrupt to be had. */
int virtio_irq_route(struct virtio_dev *v, void (*handler)(void *arg),
		     void *arg, char *desc, size_t n);

/* From a transport's interrupt handler: run v's driver handler. */
void virtio_irq(struct virtio_dev *v);

/* Set up queue index with at most max_size entries (a legacy device's
 * size may be fixed: it is used as it is), interrupting (irq) or not.
 * 0, -ENOENT (no such queue), -ENOMEM, -EIO (the device refused the
 * vector), -EBUSY. */
int virtio_queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       bool irq, struct virtq *q);

/* Bytes of the device-specific configuration (little-endian fields). */
uint8_t virtio_cfg_read8(struct virtio_dev *v, unsigned off);
uint16_t virtio_cfg_read16(struct virtio_dev *v, unsigned off);
uint32_t virtio_cfg_read32(struct virtio_dev *v, unsigned off);
uint64_t virtio_cfg_read64(struct virtio_dev *v, unsigned off);

/* DRIVER_OK: the device may start. */
void virtio_driver_ok(struct virtio_dev *v);

/* FAILED: give up on the device (after an error in set-up). */
void virtio_fail(struct virtio_dev *v);

/* virtio_pci_modern.c, virtio_pci_legacy.c: take dev through that
 * transport (fill in v's ops and registers), or -ENODEV. */
int virtio_modern_probe(struct virtio_dev *v, const struct pci_dev *dev);
int virtio_legacy_probe(struct virtio_dev *v, const struct pci_dev *dev);

/* virtio_mmio.c: find the virtio-mmio devices — those the kernel command
 * line names (virtio_mmio.device=SIZE@BASE:IRQ, as QEMU and Firecracker
 * pass them) and those the ACPI DSDT describes — once, and start those a
 * linked driver takes. How many it started. Thread context. */
unsigned virtio_mmio_probe_all(void);

/* Where a virtio-mmio device is. */
struct virtio_mmio_res {
	uint64_t base, size;
	unsigned gsi;
	bool level, active_low;
};

/* virtio_mmio_find.c: call fn(arg, res) for each virtio-mmio device
 * ("LNRO0005") the AML (len bytes) describes with a fixed memory range
 * and an interrupt; how many. Whatever does not parse is skipped: the
 * walk never reads outside aml. */
unsigned virtio_mmio_acpi_scan(const uint8_t *aml, size_t len,
			       void (*fn)(void *arg,
					  const struct virtio_mmio_res *res),
			       void *arg);

/* virtio_mmio_find.c: parse one virtio_mmio.device= value, SIZE@BASE:IRQ[:ID]
 * (SIZE with an optional K/M/G suffix, BASE in C notation, IRQ a GSI
 * taken as an ISA interrupt: edge, active high unless the MADT says
 * otherwise). 0 or -EINVAL. */
int virtio_mmio_parse(const char *v, struct virtio_mmio_res *res);

/* virtqueue.c: the split ring. Interrupts disabled or the queue's owner
 * only (no locking inside). */

/* Lay q out for size entries (a power of 2) in one zeroed block, as the
 * legacy interface needs it (the modern one takes it too). 0, -ENOMEM. */
int virtq_alloc(struct virtq *q, uint16_t size);

/* Release what virtq_alloc took (the device must have let go of it). */
void virtq_free(struct virtq *q);

/* Post one buffer: device-readable (write false) or device-writable.
 * cookie comes back from virtq_get. 0 or -ENOSPC. */
int virtq_add(struct virtq *q, void *buf, uint32_t len, bool write,
	      void *cookie);

/* A piece of a request made of several buffers. */
struct virtq_buf {
	void *addr;
	uint32_t len;
	bool write; /* the device writes it */
};

/* Post n buffers as one chain (§2.6.5: the device-readable ones first),
 * one request: cookie comes back once, from virtq_get. 0, -ENOSPC (fewer
 * than n descriptors free), -EINVAL (n is 0). */
int virtq_add_chain(struct virtq *q, const struct virtq_buf *bufs, unsigned n,
		    void *cookie);

/* Tell the device about posted buffers, unless it asked not to be. */
void virtq_kick(struct virtq *q);

/* A buffer the device is done with: its cookie and *len (bytes written),
 * or NULL if none. */
void *virtq_get(struct virtq *q, uint32_t *len);

/* Interrupts for used buffers off / on; on returns true if some are
 * already waiting (the caller should look again). */
void virtq_irq_off(struct virtq *q);
bool virtq_irq_on(struct virtq *q);

#endif
