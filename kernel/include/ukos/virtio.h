/* SPDX-License-Identifier: MIT */
/*
 * virtio.h: virtio 1.x devices over PCI (the "modern" interface, which
 * transitional devices offer too) and split virtqueues (virtio 1.1 §2.6).
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

struct virtq {
	uint16_t size, index;
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	uint16_t free_head, num_free, last_used;
	volatile uint16_t *notify;
	void **cookies; /* per descriptor chain head */
};

struct virtio_dev {
	const struct pci_dev *pci;
	volatile uint8_t *common; /* struct virtio_pci_common_cfg, §4.1.4.3 */
	volatile uint8_t *notify_base;
	uint32_t notify_mult;
	volatile uint8_t *isr;
	volatile uint8_t *device_cfg;
	uint64_t features; /* negotiated */
};

/* virtio_pci.c: the transport. */

/* Find dev's virtio capabilities, reset it, and say ACK and DRIVER.
 * 0, or -ENODEV if it lacks the modern interface. Thread context. */
int virtio_pci_init(struct virtio_dev *v, const struct pci_dev *dev);

/* Offer (device features & wanted), which must include
 * VIRTIO_F_VERSION_1, and set FEATURES_OK. 0, -ENODEV if the device
 * refuses or lacks VERSION_1. */
int virtio_negotiate(struct virtio_dev *v, uint64_t wanted);

/* Set up queue index with at most max_size entries, its interrupts on
 * MSI-X entry msix (0xffff: none). 0, -ENOENT (no such queue), -ENOMEM. */
int virtio_queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       uint16_t msix, struct virtq *q);

/* Point the device's configuration-change interrupt at MSI-X entry msix
 * (0xffff: none). */
void virtio_config_msix(struct virtio_dev *v, uint16_t msix);

/* DRIVER_OK: the device may start. */
void virtio_driver_ok(struct virtio_dev *v);

/* FAILED: give up on the device (after an error in set-up). */
void virtio_fail(struct virtio_dev *v);

/* virtqueue.c: the split ring. Interrupts disabled or the queue's owner
 * only (no locking inside). */

/* Lay q out for size entries (a power of 2) in zeroed memory. */
int virtq_alloc(struct virtq *q, uint16_t size);

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
