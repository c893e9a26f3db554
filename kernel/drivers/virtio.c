/* SPDX-License-Identifier: MIT */
/*
 * virtio.c: what every virtio transport shares — the driver table, the
 * initialization sequence of virtio 1.1 §3.1 (legacy differences from
 * §3.1.2) on top of the transport's ops, and the device configuration.
 */
#include <errno.h>
#include <ukos/virtio.h>

/* A device that never reads 0 after a reset is broken: give up after
 * this many reads rather than hang the boot. */
#define RESET_POLLS 1000000

extern const struct virtio_driver *const __virtiodrv_start[],
	*const __virtiodrv_end[];

const struct virtio_driver *virtio_driver_find(unsigned type)
{
	for (const struct virtio_driver *const *d = __virtiodrv_start;
	     d < __virtiodrv_end; d++)
		if ((*d)->type == type)
			return *d;
	return NULL;
}

int virtio_dev_start(struct virtio_dev *v, const struct virtio_driver *driver)
{
	unsigned polls = 0;

	v->vector = VIRTIO_MSI_NO_VECTOR;
	v->ops->set_status(v, 0); /* reset: reads 0 when done (§4.1.4.3.2) */
	while (v->ops->status(v) != 0)
		if (++polls == RESET_POLLS)
			return -EIO;
	v->ops->set_status(v, VIRTIO_STATUS_ACK);
	v->ops->set_status(v, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
	return driver->probe(v);
}

uint64_t virtio_device_features(struct virtio_dev *v)
{
	return v->ops->device_features(v);
}

int virtio_negotiate(struct virtio_dev *v, uint64_t wanted)
{
	uint64_t offered = v->ops->device_features(v);

	if (v->legacy) {
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

int virtio_irq_route(struct virtio_dev *v, void (*handler)(void *arg),
		     void *arg, char *desc, size_t n)
{
	v->handler = handler;
	v->arg = arg;
	return v->ops->irq_route(v, desc, n);
}

void virtio_irq(struct virtio_dev *v)
{
	if (v->handler)
		v->handler(v->arg);
}

int virtio_queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       bool irq, struct virtq *q)
{
	return v->ops->queue_setup(v, index, max_size, irq, q);
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

uint32_t virtio_cfg_read32(struct virtio_dev *v, unsigned off)
{
	return virtio_cfg_read16(v, off) |
	       (uint32_t)virtio_cfg_read16(v, off + 2) << 16;
}

uint64_t virtio_cfg_read64(struct virtio_dev *v, unsigned off)
{
	return virtio_cfg_read32(v, off) |
	       (uint64_t)virtio_cfg_read32(v, off + 4) << 32;
}

void virtio_driver_ok(struct virtio_dev *v)
{
	v->ops->set_status(v, v->ops->status(v) | VIRTIO_STATUS_DRIVER_OK);
}

void virtio_fail(struct virtio_dev *v)
{
	v->ops->set_status(v, v->ops->status(v) | VIRTIO_STATUS_FAILED);
}
