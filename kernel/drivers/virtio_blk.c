/* SPDX-License-Identifier: MIT */
/*
 * virtio_blk.c: the virtio block device (virtio 1.1 §5.2) as a blkdev, on
 * any transport. One request queue; a request is a chain of three
 * buffers — the header the device reads, the data, the status byte it
 * writes (§5.2.6) — or two for a flush. Requests complete from the
 * queue's interrupt, in whatever order the device finishes them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <ukos/arch.h>
#include <ukos/blkdev.h>
#include <ukos/virtio.h>

#define VIRTIO_BLK_F_SIZE_MAX (1ull << 1) /* §5.2.3 */
#define VIRTIO_BLK_F_SEG_MAX  (1ull << 2)
#define VIRTIO_BLK_F_RO       (1ull << 5)
#define VIRTIO_BLK_F_BLK_SIZE (1ull << 6)
#define VIRTIO_BLK_F_FLUSH    (1ull << 9)
#define CFG_CAPACITY          0  /* le64, in 512-byte sectors (§5.2.4) */
#define CFG_SIZE_MAX          8  /* le32: bytes in one segment */
#define CFG_BLK_SIZE          20 /* le32 */
#define T_IN                  0  /* §5.2.6 */
#define T_OUT                 1
#define T_FLUSH               4
#define S_OK                  0
#define VIRTIO_SECTOR         512 /* the unit of the header's sector */
#define QUEUE                 0
#define QUEUE_MAX             256
#define REQ_MAX_BYTES         (1u << 20)

struct vblk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* What one request in flight needs beside the caller's buffer. */
struct slot {
	struct vblk_hdr hdr;
	uint8_t status;
	struct blk_req *req;
	struct slot *next_free;
};

struct vblk {
	struct blkdev bd;
	struct virtio_dev *v;
	struct virtq q;
	struct slot *slots, *free;
	char model[64];
};

static unsigned disks;

static void queue_irq(void *arg)
{
	struct vblk *vb = arg;
	struct slot *s;
	uint32_t len;

	while ((s = virtq_get(&vb->q, &len))) {
		struct blk_req *req = s->req;
		int status = s->status == S_OK ? 0 : -EIO;

		s->next_free = vb->free;
		vb->free = s;
		blkdev_complete(&vb->bd, req, status);
	}
}

static int vblk_submit(struct blkdev *bd, struct blk_req *req)
{
	struct vblk *vb = bd->priv;
	struct slot *s = vb->free;
	struct virtq_buf bufs[3];
	unsigned n = 0;
	int err;

	if (!s)
		return -EAGAIN;
	s->hdr = (struct vblk_hdr){
		.type = req->op == BLK_READ    ? T_IN
			: req->op == BLK_WRITE ? T_OUT
					       : T_FLUSH,
		.sector = req->sector * (bd->sector_size / VIRTIO_SECTOR),
	};
	s->status = 0xff; /* a device that writes nothing has not said OK */
	s->req = req;
	bufs[n++] = (struct virtq_buf){ &s->hdr, sizeof(s->hdr), false };
	if (req->op != BLK_FLUSH)
		bufs[n++] = (struct virtq_buf){ req->buf,
						req->count * bd->sector_size,
						req->op == BLK_READ };
	bufs[n++] = (struct virtq_buf){ &s->status, 1, true };
	err = virtq_add_chain(&vb->q, bufs, n, s);
	if (err)
		return -EAGAIN;
	vb->free = s->next_free;
	virtq_kick(&vb->q);
	return 0;
}

static const struct blkdev_ops vblk_ops = {
	.submit = vblk_submit,
};

static int slots_init(struct vblk *vb)
{
	unsigned n = vb->q.size / 3; /* three descriptors a request */

	vb->slots = calloc(n, sizeof(*vb->slots));
	if (!vb->slots)
		return -ENOMEM;
	for (unsigned i = 0; i < n; i++) {
		vb->slots[i].next_free = vb->free;
		vb->free = &vb->slots[i];
	}
	vb->bd.queue_depth = n;
	return 0;
}

/* The geometry the configuration gives (§5.2.4). */
static int geometry(struct vblk *vb)
{
	struct virtio_dev *v = vb->v;
	struct blkdev *bd = &vb->bd;
	uint32_t max_bytes = REQ_MAX_BYTES;
	uint64_t capacity = virtio_cfg_read64(v, CFG_CAPACITY);

	bd->sector_size = VIRTIO_SECTOR;
	if (v->features & VIRTIO_BLK_F_BLK_SIZE) {
		uint32_t bs = virtio_cfg_read32(v, CFG_BLK_SIZE);
		if (bs >= VIRTIO_SECTOR && bs <= 65536 && !(bs & (bs - 1)))
			bd->sector_size = bs;
	}
	if (v->features & VIRTIO_BLK_F_SIZE_MAX) {
		uint32_t m = virtio_cfg_read32(v, CFG_SIZE_MAX);
		if (m >= bd->sector_size && m < max_bytes)
			max_bytes = m;
	}
	bd->sectors = capacity / (bd->sector_size / VIRTIO_SECTOR);
	bd->max_sectors = max_bytes / bd->sector_size;
	bd->read_only = v->features & VIRTIO_BLK_F_RO;
	bd->volatile_cache = v->features & VIRTIO_BLK_F_FLUSH;
	return bd->sectors ? 0 : -ENODEV; /* no medium */
}

static int vblk_probe(struct virtio_dev *v)
{
	struct vblk *vb = calloc(1, sizeof(*vb));
	char irq[24];
	int err;

	if (!vb)
		return -ENOMEM;
	vb->v = v;
	err = virtio_negotiate(v, VIRTIO_F_VERSION_1 | VIRTIO_BLK_F_SIZE_MAX |
					  VIRTIO_BLK_F_RO |
					  VIRTIO_BLK_F_BLK_SIZE |
					  VIRTIO_BLK_F_FLUSH);
	if (!err)
		err = geometry(vb);
	if (!err)
		err = virtio_irq_route(v, queue_irq, vb, irq, sizeof(irq));
	if (!err)
		err = virtio_queue_setup(v, QUEUE, QUEUE_MAX, true, &vb->q);
	if (!err)
		err = slots_init(vb);
	if (err)
		return err; /* vb stays: the device may point at its queue */
	snprintf(vb->bd.name, sizeof(vb->bd.name), "vd%c", 'a' + disks % 26);
	snprintf(vb->model, sizeof(vb->model), "virtio-blk at %s, %s, %s",
		 v->where, v->ops->name, irq);
	vb->bd.model = vb->model;
	vb->bd.ops = &vblk_ops;
	vb->bd.priv = vb;
	v->priv = vb;
	virtio_driver_ok(v);
	err = blkdev_register(&vb->bd);
	if (!err)
		disks++;
	return err;
}

static const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.type = VIRTIO_ID_BLOCK,
	.probe = vblk_probe,
};
/* 0x1001: the transitional block device (§4.1.2.3). */
VIRTIO_DRIVER(virtio_blk_driver, VIRTIO_ID_BLOCK, 0x1001);
