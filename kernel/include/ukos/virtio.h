/* SPDX-License-Identifier: MIT */
/*
 * virtio.h: virtio devices over PCI and split virtqueues (virtio 1.1
 * §2.6). Two transports behind one ops table: the virtio 1.x "modern"
 * interface (memory BARs found through vendor capabilities), which modern
 * and transitional devices offer, and the legacy interface (an I/O BAR),
 * which is all older machine types' devices offer (QEMU's disable-modern).
 * Rings and buffers are identity-mapped heap memory: guest physical
 * addresses are their virtual ones.
 */
#ifndef UKOS_VIRTIO_H
#define UKOS_VIRTIO_H

#include <stdbool.h>
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
	const char *name; /* "modern", "legacy" */
	uint64_t (*device_features)(struct virtio_dev *v);
	void (*set_features)(struct virtio_dev *v, uint64_t features);
	uint8_t (*status)(struct virtio_dev *v);
	void (*set_status)(struct virtio_dev *v, uint8_t status);
	int (*queue_setup)(struct virtio_dev *v, unsigned index,
			   unsigned max_size, uint16_t msix, struct virtq *q);
	void (*config_msix)(struct virtio_dev *v, uint16_t msix);
	uint8_t (*isr)(struct virtio_dev *v);
	uint8_t (*cfg_read8)(struct virtio_dev *v, unsigned off);
};

struct virtio_dev {
	const struct pci_dev *pci;
	const struct virtio_transport_ops *ops;
	/* Modern: the structures the capabilities point at (§4.1.4). */
	volatile uint8_t *common; /* struct virtio_pci_common_cfg */
	volatile uint8_t *notify_base;
	uint32_t notify_mult;
	volatile uint8_t *isr;
	volatile uint8_t *device_cfg;
	/* Legacy: the I/O BAR (§4.1.4.8). */
	uint16_t io;
	uint64_t features; /* negotiated */
};

#define VIRTIO_MSI_NO_VECTOR 0xffff
#define VIRTIO_ISR_QUEUE     1 /* §4.1.4.5 */
#define VIRTIO_ISR_CONFIG    2

/* virtio_pci_modern.c, virtio_pci_legacy.c: take dev through that
 * transport (fill in v's ops and registers), or -ENODEV. */
int virtio_modern_probe(struct virtio_dev *v, const struct pci_dev *dev);
int virtio_legacy_probe(struct virtio_dev *v, const struct pci_dev *dev);

/* virtio_pci.c: what both transports share. */

/* Find dev's transport (modern if offered, else legacy), reset the
 * device, and say ACK and DRIVER. 0, or -ENODEV if it has neither
 * interface. Thread context. */
int virtio_pci_init(struct virtio_dev *v, const struct pci_dev *dev);

/* The features the device offers. */
uint64_t virtio_device_features(struct virtio_dev *v);

/* Take (device features & wanted). Modern devices must offer
 * VIRTIO_F_VERSION_1 and accept the set (FEATURES_OK); legacy ones take
 * the low 32 bits. 0, -ENODEV if the device refuses. */
int virtio_negotiate(struct virtio_dev *v, uint64_t wanted);

/* Set up queue index with at most max_size entries (a legacy device's
 * size is fixed: it is used as it is), its interrupts on MSI-X entry msix
 * (VIRTIO_MSI_NO_VECTOR: none). 0, -ENOENT (no such queue), -ENOMEM, -EIO
 * (the device refused the vector). */
int virtio_queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       uint16_t msix, struct virtq *q);

/* Point the device's configuration-change interrupt at MSI-X entry msix
 * (VIRTIO_MSI_NO_VECTOR: none). */
void virtio_config_msix(struct virtio_dev *v, uint16_t msix);

/* Read and clear the interrupt status (VIRTIO_ISR_*): how an INTx handler
 * learns whether the device interrupted. Interrupt context. */
uint8_t virtio_isr(struct virtio_dev *v);

/* Bytes of the device-specific configuration (little-endian fields). */
uint8_t virtio_cfg_read8(struct virtio_dev *v, unsigned off);
uint16_t virtio_cfg_read16(struct virtio_dev *v, unsigned off);

/* DRIVER_OK: the device may start. */
void virtio_driver_ok(struct virtio_dev *v);

/* FAILED: give up on the device (after an error in set-up). */
void virtio_fail(struct virtio_dev *v);

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
