/* SPDX-License-Identifier: MIT */
/*
 * blkdev.c: registering block devices and their GPT partitions, checking
 * and queueing their requests, and the waiting versions of read, write
 * and flush.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/blkdev.h>
#include <ukos/console.h>
#include <ukos/gpt.h>
#include <ukos/pci.h>
#include <ukos/virtio.h>
#include <ukos/wait.h>

#define PARTS_MAX 16

static struct blkdev *list;

static void add_partitions(struct blkdev *disk);

static bool power_of_2(uint32_t x)
{
	return x && !(x & (x - 1));
}

int blkdev_register(struct blkdev *bd)
{
	struct blkdev **tail = &list;

	if (!bd->ops || !bd->ops->submit || !bd->name[0] ||
	    !power_of_2(bd->sector_size) || bd->sector_size < 512 ||
	    bd->sector_size > 65536 || !bd->sectors || !bd->max_sectors ||
	    !bd->queue_depth)
		return -EINVAL;
	if (blkdev_find(bd->name))
		return -EEXIST;
	while (*tail)
		tail = &(*tail)->next;
	*tail = bd;
	kprintf("ukos: %s: %s, %llu sectors of %u bytes (%llu MiB)%s%s\n",
		bd->name, bd->model ? bd->model : "disk",
		(unsigned long long)bd->sectors, bd->sector_size,
		(unsigned long long)(bd->sectors * bd->sector_size >> 20),
		bd->read_only ? ", read-only" : "",
		bd->volatile_cache ? ", write cache" : "");
	if (!bd->parent)
		add_partitions(bd);
	return 0;
}

static int read_lbas(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return blkdev_read(ctx, lba, count, buf);
}

/* Each GPT partition of disk as a block device: "vda1", or "nvme0n1p1"
 * where the disk's name ends in a digit (Linux's names). */
static void add_partitions(struct blkdev *disk)
{
	struct gpt_part parts[PARTS_MAX];
	size_t l = strlen(disk->name);
	bool digit = l && disk->name[l - 1] >= '0' && disk->name[l - 1] <= '9';
	int n = gpt_read(disk->sector_size, disk->sectors, read_lbas, disk,
			 parts, PARTS_MAX);

	if (n == -EINVAL)
		kprintf("ukos: %s: its GPT is damaged (a CRC or a field out "
			"of range): no partitions\n",
			disk->name);
	for (int i = 0; i < n; i++) {
		struct blkdev *p = calloc(1, sizeof(*p));
		if (!p)
			return;
		*p = (struct blkdev){
			.sector_size = disk->sector_size,
			.sectors = parts[i].last - parts[i].first + 1,
			.max_sectors = disk->max_sectors,
			.queue_depth = disk->queue_depth,
			.read_only = disk->read_only,
			.volatile_cache = disk->volatile_cache,
			.model = "partition",
			.ops = disk->ops,
			.parent = disk,
			.start = parts[i].first,
			.part_index = parts[i].index,
		};
		memcpy(p->part_type, parts[i].type, 16);
		snprintf(p->name, sizeof(p->name), "%s%s%u", disk->name,
			 digit ? "p" : "", parts[i].index);
		if (blkdev_register(p) != 0)
			free(p);
		else if (parts[i].name[0])
			kprintf("ukos: %s: \"%s\"\n", p->name, parts[i].name);
	}
}

unsigned blkdev_probe_all(void)
{
	unsigned n = 0;

	pci_probe_all();
	virtio_mmio_probe_all();
	for (struct blkdev *bd = list; bd; bd = bd->next)
		n++;
	return n;
}

struct blkdev *blkdev_first(void)
{
	return list;
}

struct blkdev *blkdev_find(const char *name)
{
	for (struct blkdev *bd = list; bd; bd = bd->next)
		if (strcmp(bd->name, name) == 0)
			return bd;
	return NULL;
}

static int check(const struct blkdev *bd, const struct blk_req *r)
{
	switch (r->op) {
	case BLK_FLUSH:
		return 0;
	case BLK_WRITE:
		if (bd->read_only)
			return -EROFS;
		/* fall through */
	case BLK_READ:
		if (!r->count || r->count > bd->max_sectors ||
		    r->sector >= bd->sectors ||
		    r->count > bd->sectors - r->sector || !r->buf ||
		    ((uintptr_t)r->buf & 3))
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

int blkdev_submit(struct blkdev *bd, struct blk_req *req)
{
	unsigned long flags;
	int err = check(bd, req);

	if (err)
		return err;
	if (bd->parent) { /* a partition: the request is its disk's */
		req->sector += bd->start;
		bd = bd->parent;
	}
	flags = arch_irq_save();
	while ((err = bd->ops->submit(bd, req)) == -EAGAIN)
		waitq_wait(&bd->room, WAIT_FOREVER, "blkdev queue");
	if (!err)
		bd->in_flight++;
	arch_irq_restore(flags);
	return err;
}

void blkdev_complete(struct blkdev *bd, struct blk_req *req, int status)
{
	struct blkdev_stats *s = &bd->stats;

	bd->in_flight--;
	req->status = status ? -EIO : 0;
	if (status)
		s->errors++;
	else if (req->op == BLK_READ)
		s->reads++, s->read_sectors += req->count;
	else if (req->op == BLK_WRITE)
		s->writes++, s->written_sectors += req->count;
	else
		s->flushes++;
	waitq_wake_one(&bd->room);
	req->done(req);
}

/* A request waited for. */
struct sync {
	struct blk_req req;
	volatile bool done;
	struct waitq wq;
};

static void sync_done(struct blk_req *req)
{
	struct sync *s = req->arg;

	s->done = true;
	waitq_wake_one(&s->wq);
}

static int do_sync(struct blkdev *bd, enum blk_op op, uint64_t sector,
		   uint32_t count, void *buf)
{
	struct sync s = { .req = { op, sector, count, buf, 0, sync_done, &s } };
	unsigned long flags;
	int err = blkdev_submit(bd, &s.req);

	if (err)
		return err;
	flags = arch_irq_save();
	while (!s.done)
		waitq_wait(&s.wq, WAIT_FOREVER, "blkdev");
	arch_irq_restore(flags);
	return s.req.status;
}

/* Pieces of one transfer in flight together: a transfer larger than the
 * device takes in one request goes out as several at once, as Linux
 * splits a bio, instead of one after the other. */
#define PIECES_MAX 16

struct batch {
	struct blk_req req[PIECES_MAX];
	volatile unsigned pending;
	int status;
	struct waitq wq;
};

static void piece_done(struct blk_req *req)
{
	struct batch *b = req->arg;

	if (req->status)
		b->status = req->status;
	b->pending--;
	waitq_wake_one(&b->wq);
}

static int io(struct blkdev *bd, enum blk_op op, uint64_t sector,
	      uint64_t count, uint8_t *buf)
{
	struct batch b = { .status = 0 };
	unsigned long flags;

	if (sector > bd->sectors || count > bd->sectors - sector)
		return -EINVAL;
	while (count && !b.status) {
		unsigned k = 0;
		int err = 0;

		for (; k < PIECES_MAX && count && !err; k++) {
			uint32_t n = count < bd->max_sectors ? (uint32_t)count
							     : bd->max_sectors;
			b.req[k] = (struct blk_req){ op, sector,     n, buf,
						     0,  piece_done, &b };
			flags = arch_irq_save();
			b.pending++;
			arch_irq_restore(flags);
			err = blkdev_submit(bd, &b.req[k]);
			if (err) {
				flags = arch_irq_save();
				b.pending--;
				arch_irq_restore(flags);
				b.status = err;
				break;
			}
			sector += n, count -= n;
			buf += (size_t)n * bd->sector_size;
		}
		flags = arch_irq_save();
		while (b.pending)
			waitq_wait(&b.wq, WAIT_FOREVER, "blkdev");
		arch_irq_restore(flags);
	}
	return b.status;
}

int blkdev_read(struct blkdev *bd, uint64_t sector, uint64_t count, void *buf)
{
	return io(bd, BLK_READ, sector, count, buf);
}

int blkdev_write(struct blkdev *bd, uint64_t sector, uint64_t count,
		 const void *buf)
{
	if (bd->read_only)
		return -EROFS;
	return io(bd, BLK_WRITE, sector, count, (uint8_t *)buf);
}

int blkdev_flush(struct blkdev *bd)
{
	return do_sync(bd, BLK_FLUSH, 0, 0, NULL);
}

ssize_t blkdev_bytes(struct blkdev *bd, bool write, uint64_t off, size_t len,
		     void *buf, void *sector)
{
	uint32_t ss = bd->sector_size;
	uint8_t *p = buf, *sec_buf = sector;
	size_t done = 0;
	int err = 0;

	while (done < len && !err) {
		uint64_t at = off + done, sec = at / ss;
		size_t in = (size_t)(at % ss), n = len - done;

		if (!in && n >= ss && !((uintptr_t)(p + done) & 3)) {
			n -= n % ss; /* whole sectors, straight */
			err = write ? blkdev_write(bd, sec, n / ss, p + done)
				    : blkdev_read(bd, sec, n / ss, p + done);
		} else { /* part of one: through the caller's sector */
			if (n > ss - in)
				n = ss - in;
			err = blkdev_read(bd, sec, 1, sec_buf);
			if (!err && write) {
				memcpy(sec_buf + in, p + done, n);
				err = blkdev_write(bd, sec, 1, sec_buf);
			} else if (!err) {
				memcpy(p + done, sec_buf + in, n);
			}
		}
		if (!err)
			done += n;
	}
	return done ? (ssize_t)done : err;
}
