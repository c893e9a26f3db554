/* SPDX-License-Identifier: MIT */
/*
 * blkdev.h: the block device class, between disk drivers (virtio-blk,
 * NVMe) and what reads and writes sectors (the file systems, raw I/O). A
 * driver fills in a struct blkdev with its geometry and ops and registers
 * it; requests are queued with blkdev_submit, many in flight at once, and
 * completed by the driver from its interrupt; blkdev_read/write/flush do
 * one and sleep until it is done.
 *
 * Buffers: a request's buf is the caller's until the request completes,
 * and the device reads or writes it directly (DMA): it must be ukos
 * memory (heap, stacks, static data: identity-mapped), 4-byte aligned.
 */
#ifndef UKOS_BLKDEV_H
#define UKOS_BLKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <ukos/thread.h>

#define BLKDEV_NAME_MAX 12 /* "vda", "nvme0n1" */

enum blk_op {
	BLK_READ,
	BLK_WRITE,
	/* Everything completed before is on stable storage when this
	 * completes (a device without a volatile cache completes it at
	 * once). */
	BLK_FLUSH,
};

struct blk_req {
	enum blk_op op;
	uint64_t sector; /* in the device's sectors */
	uint32_t count;  /* sectors (0 for BLK_FLUSH) */
	void *buf;       /* count * sector_size bytes */
	/* Set by the class: 0 or -EIO. */
	int status;
	/* Called once, from the completing driver: interrupt context. */
	void (*done)(struct blk_req *req);
	void *arg; /* the submitter's */
};

struct blkdev;

struct blkdev_ops {
	/* Required. Queue req (checked: in range, op known, fits
	 * max_sectors): 0, or -EAGAIN when the device's queue is full (the
	 * class waits for a completion and tries again). The driver then
	 * calls blkdev_complete exactly once. Any context; called with
	 * interrupts disabled. */
	int (*submit)(struct blkdev *bd, struct blk_req *req);
};

struct blkdev_stats {
	uint64_t reads, writes, flushes;
	uint64_t read_sectors, written_sectors;
	uint64_t errors;
};

struct blkdev {
	/* Filled in by the driver. */
	char name[BLKDEV_NAME_MAX];
	uint32_t sector_size; /* a power of 2, 512..65536 */
	uint64_t sectors;
	uint32_t max_sectors; /* per request */
	unsigned queue_depth; /* requests in flight at most */
	bool read_only;
	bool volatile_cache; /* writes need BLK_FLUSH to be stable */
	const char *model;   /* "virtio-blk at 00:04.0", for messages */
	const struct blkdev_ops *ops;
	void *priv;

	/* A partition (GPT), made by blkdev.c: its disk, where it starts
	 * there, its slot in the table and its type. */
	struct blkdev *parent;
	uint64_t start;
	unsigned part_index;
	uint8_t part_type[16];

	/* Kept by blkdev.c. */
	struct blkdev_stats stats;
	unsigned in_flight;
	struct waitq room; /* submitters waiting for the queue */
	struct blkdev *next;
};

/* Add bd (ops and geometry sane, its name unused, else -EINVAL or
 * -EEXIST) and say so on the console; then the partitions its GPT
 * describes, each a block device of its own after it (vda1, vda2, ...;
 * nvme0n1p1, ...). bd must take requests already. Thread context (a
 * probe). */
int blkdev_register(struct blkdev *bd);

/* Find the disks: probe every bus against the drivers linked in (once).
 * How many block devices exist. Thread context. */
unsigned blkdev_probe_all(void);

/* The registered devices, in probe order; by name (NULL if none). */
struct blkdev *blkdev_first(void);
struct blkdev *blkdev_find(const char *name);

/* Queue req on bd, waiting for room if its queue is full (on a
 * partition, req->sector becomes the disk's). 0, or -EINVAL
 * (past the end, count 0 or above max_sectors, a bad op), -EROFS (a
 * write to a read-only device): then done is not called. Thread context.
 */
int blkdev_submit(struct blkdev *bd, struct blk_req *req);

/* From the driver: req is done, status 0 or -EIO. Interrupt context (or
 * with interrupts disabled). */
void blkdev_complete(struct blkdev *bd, struct blk_req *req, int status);

/* Read or write count sectors from sector on, split into requests the
 * device takes, and wait for them: 0, -EIO, -EINVAL (out of range),
 * -EROFS. Thread context. */
int blkdev_read(struct blkdev *bd, uint64_t sector, uint64_t count, void *buf);
int blkdev_write(struct blkdev *bd, uint64_t sector, uint64_t count,
		 const void *buf);

/* len bytes at byte offset off, any alignment: whole sectors straight
 * to buf, the parts of sectors at either end through sector (the
 * caller's, sector_size bytes, 4-byte aligned; a write reads, changes and
 * writes that sector back). The bytes moved, or -errno if none (-EINVAL
 * past the end). Thread context. */
ssize_t blkdev_bytes(struct blkdev *bd, bool write, uint64_t off, size_t len,
		     void *buf, void *sector);

/* BLK_FLUSH, waited for: 0 or -EIO. Thread context. */
int blkdev_flush(struct blkdev *bd);

#endif
