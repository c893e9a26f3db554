/* SPDX-License-Identifier: MIT */
/*
 * virtio_pci.c: what the modern and legacy PCI transports share — the
 * initialization sequence of virtio 1.1 §3.1 (legacy differences from
 * §3.1.2) — on top of their ops tables.
 */
#include <errno.h>
#include <ukos/virtio.h>

int virtio_pci_init(struct virtio_dev *v, const struct pci_dev *d)
{
	*v = (struct virtio_dev){ .pci = d };
	if (virtio_modern_probe(v, d) != 0) {
		*v = (struct virtio_dev){ .pci = d };
		if (virtio_legacy_probe(v, d) != 0)
			return -ENODEV;
	}
	pci_enable(d);
	v->ops->set_status(v, 0); /* reset; reads 0 when done (§4.1.4.3.2) */
	while (v->ops->status(v) != 0)
		;
	v->ops->set_status(v, VIRTIO_STATUS_ACK);
	v->ops->set_status(v, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
	return 0;
}

static bool is_legacy(const struct virtio_dev *v)
{
	return v->io != 0;
}

uint64_t virtio_device_features(struct virtio_dev *v)
{
	return v->ops->device_features(v);
}

int virtio_negotiate(struct virtio_dev *v, uint64_t wanted)
{
	uint64_t offered = v->ops->device_features(v);

	if (is_legacy(v)) {
		/* 32 feature bits, and no FEATURES_OK step (§3.1.2). */
		v->features = offered & wanted & 0xffffffffu;
		v->ops->set_features(v, v->features);
		return 0;
	}
	v->features = offered & wanted;
	if (!(v->features & VIRTIO_F_VERSION_1))
		return -ENODEV;
	v->ops->set_features(v, v->features);
	v->ops->set_status(v, v->ops->status(v) | VIRTIO_STATUS_FEATURES_OK);
	if (!(v->ops->status(v) & VIRTIO_STATUS_FEATURES_OK))
		return -ENODEV; /* §3.1.1 step 6: it refused */
	return 0;
}

int virtio_queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       uint16_t msix, struct virtq *q)
{
	return v->ops->queue_setup(v, index, max_size, msix, q);
}

void virtio_config_msix(struct virtio_dev *v, uint16_t msix)
{
	v->ops->config_msix(v, msix);
}

uint8_t virtio_isr(struct virtio_dev *v)
{
	return v->ops->isr(v);
}

uint8_t virtio_cfg_read8(struct virtio_dev *v, unsigned off)
{
	return v->ops->cfg_read8(v, off);
}

uint16_t virtio_cfg_read16(struct virtio_dev *v, unsigned off)
{
	return (uint16_t)(virtio_cfg_read8(v, off) |
			  virtio_cfg_read8(v, off + 1) << 8);
}

void virtio_driver_ok(struct virtio_dev *v)
{
	v->ops->set_status(v, v->ops->status(v) | VIRTIO_STATUS_DRIVER_OK);
}

void virtio_fail(struct virtio_dev *v)
{
	v->ops->set_status(v, v->ops->status(v) | VIRTIO_STATUS_FAILED);
}
