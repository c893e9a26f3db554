/* SPDX-License-Identifier: MIT */
/*
 * virtio_pci_legacy.c: the legacy virtio PCI interface (virtio 1.1
 * §4.1.4.8): registers in I/O BAR 0, 32 feature bits, queues of the
 * device's fixed size given as one page-aligned block. What transitional
 * devices offer when the modern interface is off, as on QEMU's machine
 * types before 2.7.
 */
#include <errno.h>
#include <ukos/arch.h>
#include <ukos/virtio.h>

/* The legacy register block (§4.1.4.8), little-endian (guest order). */
#define L_DEVICE_FEATURES  0x00 /* 32 */
#define L_DRIVER_FEATURES  0x04 /* 32 */
#define L_QUEUE_PFN        0x08 /* 32: address >> 12 */
#define L_QUEUE_SIZE       0x0c /* 16, read-only */
#define L_QUEUE_SELECT     0x0e /* 16 */
#define L_QUEUE_NOTIFY     0x10 /* 16 */
#define L_STATUS           0x12 /* 8 */
#define L_ISR              0x13 /* 8 */
#define L_CONFIG_MSIX      0x14 /* 16, only while MSI-X is enabled */
#define L_QUEUE_MSIX       0x16 /* 16, likewise */
#define L_CONFIG           0x14 /* device configuration without MSI-X, */
#define L_CONFIG_WITH_MSIX 0x18 /* and with it */
#define PFN_SHIFT          12
#define LEGACY_ID_FIRST    0x1000 /* §4.1.2.3 */
#define LEGACY_ID_LAST     0x103f

static uint64_t device_features(struct virtio_dev *v)
{
	return arch_inl(v->io + L_DEVICE_FEATURES);
}

static void set_features(struct virtio_dev *v, uint64_t f)
{
	arch_outl(v->io + L_DRIVER_FEATURES, (uint32_t)f);
}

static uint8_t status(struct virtio_dev *v)
{
	return arch_inb(v->io + L_STATUS);
}

static void set_status(struct virtio_dev *v, uint8_t s)
{
	arch_outb(v->io + L_STATUS, s);
}

static void notify(struct virtq *q)
{
	arch_outw((uint16_t)(uintptr_t)q->notify_reg, q->index);
}

static int queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       bool irq, struct virtq *q)
{
	uint16_t msix = irq ? v->vector : VIRTIO_MSI_NO_VECTOR;
	uint16_t size;
	uintptr_t addr;
	int err;

	(void)max_size; /* the device's size is the size (§4.1.4.8) */
	arch_outw(v->io + L_QUEUE_SELECT, (uint16_t)index);
	size = arch_inw(v->io + L_QUEUE_SIZE);
	if (!size || (size & (size - 1)))
		return -ENOENT;
	if (arch_inl(v->io + L_QUEUE_PFN))
		return -EBUSY; /* already in use */
	err = virtq_alloc(q, size);
	if (err)
		return err;
	addr = (uintptr_t)q->desc;
	if (pci_msix_enabled(v->pci)) {
		arch_outw(v->io + L_QUEUE_MSIX, msix);
		if (arch_inw(v->io + L_QUEUE_MSIX) != msix) {
			virtq_free(q);
			return -EIO;
		}
	}
	q->index = (uint16_t)index;
	q->notify = notify;
	q->notify_reg = (volatile void *)(uintptr_t)(v->io + L_QUEUE_NOTIFY);
	arch_outl(v->io + L_QUEUE_PFN, (uint32_t)(addr >> PFN_SHIFT));
	return 0;
}

static void config_msix(struct virtio_dev *v, uint16_t msix)
{
	if (pci_msix_enabled(v->pci))
		arch_outw(v->io + L_CONFIG_MSIX, msix);
}

static uint8_t isr(struct virtio_dev *v)
{
	return arch_inb(v->io + L_ISR); /* the read clears it */
}

static uint8_t cfg_read8(struct virtio_dev *v, unsigned off)
{
	/* The configuration moves up while MSI-X is on (§4.1.4.8). */
	unsigned base =
		pci_msix_enabled(v->pci) ? L_CONFIG_WITH_MSIX : L_CONFIG;
	return arch_inb((uint16_t)(v->io + base + off));
}

static const struct virtio_transport_ops legacy_ops = {
	.name = "PCI legacy",
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

int virtio_legacy_probe(struct virtio_dev *v, const struct pci_dev *d)
{
	const struct pci_bar *b = &d->bar[0];

	if (d->device < LEGACY_ID_FIRST || d->device > LEGACY_ID_LAST ||
	    !b->io || !b->base || b->base > 0xffff)
		return -ENODEV;
	v->io = (uint16_t)b->base;
	v->legacy = true;
	v->ops = &legacy_ops;
	return 0;
}
