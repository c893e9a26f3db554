/* SPDX-License-Identifier: MIT */
/*
 * virtio_pci_modern.c: the virtio 1.x PCI transport (virtio 1.1 §4.1.4):
 * the common, notify, ISR and device configuration structures, found
 * through vendor capabilities in memory BARs.
 */
#include <errno.h>
#include <ukos/virtio.h>

/* Vendor capability (§4.1.4). */
#define CAP_VENDOR      0x09
#define CAP_CFG_TYPE    3
#define CAP_BAR         4
#define CAP_OFFSET      8
#define CAP_NOTIFY_MULT 16
#define CFG_COMMON      1
#define CFG_NOTIFY      2
#define CFG_ISR         3
#define CFG_DEVICE      4

/* struct virtio_pci_common_cfg (§4.1.4.3). */
#define COMMON_DFSELECT  0x00
#define COMMON_DF        0x04
#define COMMON_GFSELECT  0x08
#define COMMON_GF        0x0c
#define COMMON_MSIX      0x10
#define COMMON_NUMQ      0x12
#define COMMON_STATUS    0x14
#define COMMON_Q_SELECT  0x16
#define COMMON_Q_SIZE    0x18
#define COMMON_Q_MSIX    0x1a
#define COMMON_Q_ENABLE  0x1c
#define COMMON_Q_NOFF    0x1e
#define COMMON_Q_DESCLO  0x20
#define COMMON_Q_AVAILLO 0x28
#define COMMON_Q_USEDLO  0x30

static void w8(struct virtio_dev *v, unsigned off, uint8_t x)
{
	*(volatile uint8_t *)(v->common + off) = x;
}

static uint8_t r8(struct virtio_dev *v, unsigned off)
{
	return *(volatile uint8_t *)(v->common + off);
}

static void w16(struct virtio_dev *v, unsigned off, uint16_t x)
{
	*(volatile uint16_t *)(v->common + off) = x;
}

static uint16_t r16(struct virtio_dev *v, unsigned off)
{
	return *(volatile uint16_t *)(v->common + off);
}

static void w32(struct virtio_dev *v, unsigned off, uint32_t x)
{
	*(volatile uint32_t *)(v->common + off) = x;
}

static uint32_t r32(struct virtio_dev *v, unsigned off)
{
	return *(volatile uint32_t *)(v->common + off);
}

/* 64-bit fields as two 32-bit writes, low first (§4.1.3.1). */
static void w64(struct virtio_dev *v, unsigned off, uint64_t x)
{
	w32(v, off, (uint32_t)x);
	w32(v, off + 4, (uint32_t)(x >> 32));
}

static uint64_t device_features(struct virtio_dev *v)
{
	uint64_t f;

	w32(v, COMMON_DFSELECT, 0);
	f = r32(v, COMMON_DF);
	w32(v, COMMON_DFSELECT, 1);
	return f | (uint64_t)r32(v, COMMON_DF) << 32;
}

static void set_features(struct virtio_dev *v, uint64_t f)
{
	w32(v, COMMON_GFSELECT, 0);
	w32(v, COMMON_GF, (uint32_t)f);
	w32(v, COMMON_GFSELECT, 1);
	w32(v, COMMON_GF, (uint32_t)(f >> 32));
}

static uint8_t status(struct virtio_dev *v)
{
	return r8(v, COMMON_STATUS);
}

static void set_status(struct virtio_dev *v, uint8_t s)
{
	w8(v, COMMON_STATUS, s);
}

static void notify(struct virtq *q)
{
	*(volatile uint16_t *)q->notify_reg = q->index;
}

static int queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       bool irq, struct virtq *q)
{
	uint16_t msix = irq ? v->vector : VIRTIO_MSI_NO_VECTOR;
	uint16_t size;
	int err;

	if (index >= r16(v, COMMON_NUMQ))
		return -ENOENT;
	w16(v, COMMON_Q_SELECT, (uint16_t)index);
	size = r16(v, COMMON_Q_SIZE);
	if (!size)
		return -ENOENT;
	while (size > max_size) /* sizes are powers of 2 (§2.6) */
		size /= 2;
	err = virtq_alloc(q, size);
	if (err)
		return err;
	w16(v, COMMON_Q_SIZE, size);
	w16(v, COMMON_Q_MSIX, msix);
	if (r16(v, COMMON_Q_MSIX) != msix) {
		virtq_free(q);
		return -EIO; /* the device could not take the vector */
	}
	w64(v, COMMON_Q_DESCLO, (uintptr_t)q->desc);
	w64(v, COMMON_Q_AVAILLO, (uintptr_t)q->avail);
	w64(v, COMMON_Q_USEDLO, (uintptr_t)q->used);
	q->index = (uint16_t)index;
	q->notify = notify;
	q->notify_reg = v->notify_base + r16(v, COMMON_Q_NOFF) * v->notify_mult;
	w16(v, COMMON_Q_ENABLE, 1);
	return 0;
}

static void config_msix(struct virtio_dev *v, uint16_t msix)
{
	w16(v, COMMON_MSIX, msix);
}

static uint8_t isr(struct virtio_dev *v)
{
	return *v->isr; /* the read clears it (§4.1.4.5) */
}

static uint8_t cfg_read8(struct virtio_dev *v, unsigned off)
{
	return v->device_cfg ? v->device_cfg[off] : 0;
}

static const struct virtio_transport_ops modern_ops = {
	.name = "PCI modern",
	.device_features = device_features,
	.set_features = set_features,
	.status = status,
	.set_status = set_status,
	.queue_setup = queue_setup,
	.irq_route = virtio_pci_irq_route,
	.isr = isr,
	.config_msix = config_msix,
	.cfg_read8 = cfg_read8,
};

static volatile uint8_t *cap_ptr(const struct pci_dev *d, unsigned cap)
{
	volatile uint8_t *bar = pci_bar_ptr(d, pci_read8(d, cap + CAP_BAR));

	return bar ? bar + pci_read32(d, cap + CAP_OFFSET) : NULL;
}

int virtio_modern_probe(struct virtio_dev *v, const struct pci_dev *d)
{
	for (unsigned cap = pci_find_cap(d, CAP_VENDOR, 0); cap;
	     cap = pci_find_cap(d, CAP_VENDOR, cap)) {
		switch (pci_read8(d, cap + CAP_CFG_TYPE)) {
		case CFG_COMMON:
			if (!v->common)
				v->common = cap_ptr(d, cap);
			break;
		case CFG_NOTIFY:
			if (!v->notify_base) {
				v->notify_base = cap_ptr(d, cap);
				v->notify_mult =
					pci_read32(d, cap + CAP_NOTIFY_MULT);
			}
			break;
		case CFG_ISR:
			if (!v->isr)
				v->isr = cap_ptr(d, cap);
			break;
		case CFG_DEVICE:
			if (!v->device_cfg)
				v->device_cfg = cap_ptr(d, cap);
			break;
		}
	}
	if (!v->common || !v->notify_base || !v->isr)
		return -ENODEV;
	v->ops = &modern_ops;
	return 0;
}
