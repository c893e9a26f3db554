/* SPDX-License-Identifier: MIT */
/*
 * virtio_mmio.c: the virtio-mmio transport (virtio 1.1 §4.2): a register
 * block per device at an address the platform gives — the kernel command
 * line (virtio_mmio.device=, what QEMU's microvm without ACPI and
 * Firecracker pass) or the ACPI DSDT (QEMU's microvm by default) — and one
 * interrupt line. Version 2 and the legacy version 1 (§4.2.4), which
 * QEMU's virtio-mmio devices are unless force-legacy=off.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/acpi.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>
#include <ukos/irq.h>
#include <ukos/virtio.h>

/* The register layout (§4.2.2; legacy-only ones §4.2.4). */
#define MMIO_MAGIC            0x000 /* "virt" */
#define MMIO_VERSION          0x004
#define MMIO_DEVICE_ID        0x008
#define MMIO_DEVICE_FEATURES  0x010
#define MMIO_DEVICE_FSEL      0x014
#define MMIO_DRIVER_FEATURES  0x020
#define MMIO_DRIVER_FSEL      0x024
#define MMIO_GUEST_PAGE_SIZE  0x028 /* legacy */
#define MMIO_QUEUE_SEL        0x030
#define MMIO_QUEUE_NUM_MAX    0x034
#define MMIO_QUEUE_NUM        0x038
#define MMIO_QUEUE_ALIGN      0x03c /* legacy */
#define MMIO_QUEUE_PFN        0x040 /* legacy */
#define MMIO_QUEUE_READY      0x044
#define MMIO_QUEUE_NOTIFY     0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK    0x064
#define MMIO_STATUS           0x070
#define MMIO_QUEUE_DESC       0x080 /* low, then high at + 4 */
#define MMIO_QUEUE_DRIVER     0x090
#define MMIO_QUEUE_DEVICE     0x0a0
#define MMIO_CONFIG           0x100
#define MMIO_MAGIC_VALUE      0x74726976 /* "virt", little-endian */
#define PAGE_SIZE             4096
#define DEVICES_MAX           32
/* A status that stays set after being acknowledged would keep a level
 * line up forever: stop after this many rounds. */
#define ACK_ROUNDS 4

static struct virtio_mmio_res found[DEVICES_MAX];
static unsigned found_count, dropped;

static uint32_t rd(struct virtio_dev *v, unsigned off)
{
	return *(volatile uint32_t *)(v->mmio + off);
}

static void wr(struct virtio_dev *v, unsigned off, uint32_t x)
{
	*(volatile uint32_t *)(v->mmio + off) = x;
}

static void wr64(struct virtio_dev *v, unsigned off, uint64_t x)
{
	wr(v, off, (uint32_t)x);
	wr(v, off + 4, (uint32_t)(x >> 32));
}

static uint64_t device_features(struct virtio_dev *v)
{
	uint64_t f;

	wr(v, MMIO_DEVICE_FSEL, 0);
	f = rd(v, MMIO_DEVICE_FEATURES);
	wr(v, MMIO_DEVICE_FSEL, 1);
	return f | (uint64_t)rd(v, MMIO_DEVICE_FEATURES) << 32;
}

static void set_features(struct virtio_dev *v, uint64_t f)
{
	wr(v, MMIO_DRIVER_FSEL, 0);
	wr(v, MMIO_DRIVER_FEATURES, (uint32_t)f);
	wr(v, MMIO_DRIVER_FSEL, 1);
	wr(v, MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
}

static uint8_t status(struct virtio_dev *v)
{
	return (uint8_t)rd(v, MMIO_STATUS);
}

static void set_status(struct virtio_dev *v, uint8_t s)
{
	wr(v, MMIO_STATUS, s);
	/* A legacy device forgets the page size on reset (§4.2.4). */
	if (s == 0 && v->legacy)
		wr(v, MMIO_GUEST_PAGE_SIZE, PAGE_SIZE);
}

static void notify(struct virtq *q)
{
	*(volatile uint32_t *)q->notify_reg = q->index;
}

static int queue_setup(struct virtio_dev *v, unsigned index, unsigned max_size,
		       bool irq, struct virtq *q)
{
	uint32_t size;
	int err;

	(void)irq; /* one line for everything: queues cannot be quiet */
	wr(v, MMIO_QUEUE_SEL, index);
	size = rd(v, MMIO_QUEUE_NUM_MAX);
	if (!size)
		return -ENOENT;
	if (v->legacy ? rd(v, MMIO_QUEUE_PFN) : rd(v, MMIO_QUEUE_READY))
		return -EBUSY;
	if (size > max_size)
		size = max_size;
	if (size > 32768)
		size = 32768; /* §2.6: at most 2^15, a power of 2 */
	while (size & (size - 1))
		size &= size - 1;
	err = virtq_alloc(q, (uint16_t)size);
	if (err)
		return err;
	wr(v, MMIO_QUEUE_NUM, size);
	if (v->legacy) {
		wr(v, MMIO_QUEUE_ALIGN, VIRTQ_LEGACY_ALIGN);
		wr(v, MMIO_QUEUE_PFN,
		   (uint32_t)((uintptr_t)q->desc / PAGE_SIZE));
	} else {
		wr64(v, MMIO_QUEUE_DESC, (uintptr_t)q->desc);
		wr64(v, MMIO_QUEUE_DRIVER, (uintptr_t)q->avail);
		wr64(v, MMIO_QUEUE_DEVICE, (uintptr_t)q->used);
		wr(v, MMIO_QUEUE_READY, 1);
	}
	q->index = (uint16_t)index;
	q->notify = notify;
	q->notify_reg = v->mmio + MMIO_QUEUE_NOTIFY;
	return 0;
}

static uint8_t isr(struct virtio_dev *v)
{
	uint32_t s, all = 0;

	/* Acknowledge what was seen, then look again: an event between the
	 * read and the write would otherwise leave the status set with no
	 * new edge to say so. */
	for (unsigned i = 0; i < ACK_ROUNDS; i++) {
		s = rd(v, MMIO_INTERRUPT_STATUS);
		if (!s)
			break;
		wr(v, MMIO_INTERRUPT_ACK, s);
		all |= s;
	}
	return (uint8_t)all;
}

static void line_irq(void *arg)
{
	struct virtio_dev *v = arg;

	if (isr(v) & VIRTIO_ISR_QUEUE)
		virtio_irq(v);
}

static int irq_route(struct virtio_dev *v, char *desc, size_t n)
{
	const struct virtio_mmio_res *r = v->mmio_res;

	snprintf(desc, n, "GSI %u", r->gsi);
	return irq_register(r->gsi, line_irq, v, r->level, r->active_low);
}

static uint8_t cfg_read8(struct virtio_dev *v, unsigned off)
{
	return *(volatile uint8_t *)(v->mmio + MMIO_CONFIG + off);
}

#define MMIO_OPS(label)                                                        \
	{                                                                      \
		.name = label, .device_features = device_features,             \
		.set_features = set_features, .status = status,                \
		.set_status = set_status, .queue_setup = queue_setup,          \
		.irq_route = irq_route, .isr = isr, .cfg_read8 = cfg_read8,    \
	}
static const struct virtio_transport_ops mmio_ops = MMIO_OPS("mmio"),
					 mmio_legacy_ops =
						 MMIO_OPS("mmio legacy");

static void add(void *arg, const struct virtio_mmio_res *r)
{
	(void)arg;
	for (unsigned i = 0; i < found_count; i++)
		if (found[i].base == r->base)
			return; /* named twice: the first says how */
	if (found_count == DEVICES_MAX) {
		dropped++;
		return;
	}
	found[found_count++] = *r;
}

static int set_device(const char *v)
{
	struct virtio_mmio_res r;

	if (virtio_mmio_parse(v, &r))
		return -EINVAL;
	r.gsi = irq_isa(r.gsi, &r.level, &r.active_low);
	add(NULL, &r);
	return 0;
}
KERNEL_OPTION(virtio_mmio, "virtio_mmio.device", set_device,
	      "a virtio-mmio device, SIZE@BASE:IRQ (as QEMU and Firecracker "
	      "pass them); may be repeated");

/* Start the device at r if it is one a linked driver takes: 1 if so. */
static int start(const struct virtio_mmio_res *r)
{
	struct virtio_dev probe = {
		.mmio = (volatile uint8_t *)(uintptr_t)r->base
	};
	const struct virtio_driver *driver;
	uint32_t version;
	struct virtio_dev *v;
	int err;

	if (rd(&probe, MMIO_MAGIC) != MMIO_MAGIC_VALUE)
		return 0;
	version = rd(&probe, MMIO_VERSION);
	/* Device ID 0: a slot with nothing plugged in (§4.2.3.1.1). */
	driver = virtio_driver_find(rd(&probe, MMIO_DEVICE_ID));
	if ((version != 1 && version != 2) || !driver)
		return 0;
	v = calloc(1, sizeof(*v));
	if (!v)
		return 0;
	*v = probe;
	v->legacy = version == 1;
	v->ops = v->legacy ? &mmio_legacy_ops : &mmio_ops;
	v->type = driver->type;
	v->mmio_res = r;
	snprintf(v->where, sizeof(v->where), "mmio@%#llx",
		 (unsigned long long)r->base);
	err = virtio_dev_start(v, driver);
	if (!err)
		return 1;
	kprintf("ukos: %s: virtio device at %s not used: error %d\n",
		driver->name, v->where, -err);
	virtio_fail(v); /* v stays: the device may point at it */
	return 0;
}

unsigned virtio_mmio_probe_all(void)
{
	static bool done;
	static unsigned started;
	uint32_t len;
	const uint8_t *dsdt;

	if (done)
		return started;
	done = true;
	dsdt = acpi_dsdt(&len);
	if (dsdt)
		virtio_mmio_acpi_scan(dsdt, len, add, NULL);
	if (dropped)
		kprintf("ukos: more than %d virtio-mmio devices: %u left out\n",
			DEVICES_MAX, dropped);
	for (unsigned i = 0; i < found_count; i++)
		started += (unsigned)start(&found[i]);
	return started;
}
