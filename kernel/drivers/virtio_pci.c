/* SPDX-License-Identifier: MIT */
/*
 * virtio_pci.c: virtio devices on PCI (virtio 1.1 §4.1): which device
 * type a function is, which of the two PCI transports it speaks, and its
 * queue interrupts — one MSI-X vector, else its INTx line, which may be
 * shared (the ISR register tells).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <ukos/virtio.h>

#define PCI_SUBSYSTEM_ID 0x2e
#define MSIX_QUEUES      0 /* the one MSI-X entry: every queue's */

/* §4.1.2.1: a modern device's type is in its device ID; a transitional
 * one's in its subsystem device ID. */
static unsigned device_type(const struct pci_dev *d)
{
	if (d->device >= VIRTIO_PCI_MODERN_ID0)
		return d->device - VIRTIO_PCI_MODERN_ID0;
	return pci_read16(d, PCI_SUBSYSTEM_ID);
}

int virtio_pci_probe(struct pci_dev *d)
{
	const struct virtio_driver *driver = virtio_driver_find(device_type(d));
	struct virtio_dev *v;
	int err;

	if (!driver)
		return -ENODEV;
	v = calloc(1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->pci = d;
	if (virtio_modern_probe(v, d) != 0) {
		*v = (struct virtio_dev){ .pci = d };
		if (virtio_legacy_probe(v, d) != 0) {
			free(v);
			return -ENODEV;
		}
	}
	v->type = driver->type;
	snprintf(v->where, sizeof(v->where), "%02x:%02x.%u", d->bus, d->dev,
		 d->fn);
	pci_enable(d);
	d->priv = v;
	err = virtio_dev_start(v, driver);
	if (err)
		virtio_fail(v); /* v stays: the device may point at it */
	return err;
}

static void msix_irq(void *arg)
{
	virtio_irq(arg);
}

/* INTx: possibly another device's interrupt on a shared line. */
static void intx_irq(void *arg)
{
	struct virtio_dev *v = arg;

	if (v->ops->isr(v) & VIRTIO_ISR_QUEUE)
		virtio_irq(v);
}

int virtio_pci_irq_route(struct virtio_dev *v, char *desc, size_t n)
{
	unsigned gsi = 0;
	int err = pci_msix_route(v->pci, MSIX_QUEUES, msix_irq, v);

	if (err == 0) {
		v->vector = MSIX_QUEUES;
		snprintf(desc, n, "MSI-X");
	} else if (err == -ENODEV) {
		v->vector = VIRTIO_MSI_NO_VECTOR;
		err = pci_intx_route(v->pci, intx_irq, v, &gsi);
		snprintf(desc, n, "INTx on GSI %u", gsi);
	}
	if (!err)
		v->ops->config_msix(v, VIRTIO_MSI_NO_VECTOR);
	return err;
}
