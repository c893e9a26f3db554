/* SPDX-License-Identifier: MIT */
/*
 * blk: disks through the block device class, below any file system. Each
 * disk the host attached must be found with its size; on a writable one
 * the host's pattern is read back, the guest's own written — in one large
 * request and in a burst of more requests than the device queues at once —
 * flushed and read back; then every rejected request is tried. The host
 * (./check) then finds the guest's pattern in the image file.
 *
 * Patterns (./prepare, ./check): 16-byte lines, 32 to a 512-byte sector,
 * line n reading "%015llu\n" (the host's) or "g%014llu\n" (the guest's).
 *
 * argv[1..]: the disks expected, in order, as NAME:SECTORS:rw|ro.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/blkdev.h>

#include "../check.h"

#define LINE          16
#define SECTOR        512
#define WRITE_AT      2048 /* the guest's region: one write... */
#define WRITE_SECTORS 4096
#define BURST_AT      8192 /* ...and a burst of small ones */
#define BURST_SECTORS 8

static void fill(uint8_t *buf, uint64_t sector, uint64_t count, char tag)
{
	char line[LINE + 1];

	for (uint64_t n = sector * (SECTOR / LINE);
	     n < (sector + count) * (SECTOR / LINE); n++, buf += LINE) {
		if (tag)
			snprintf(line, sizeof(line), "%c%014llu\n", tag,
				 (unsigned long long)n);
		else
			snprintf(line, sizeof(line), "%015llu\n",
				 (unsigned long long)n);
		memcpy(buf, line, LINE);
	}
}

/* Whether buf holds that pattern for those sectors. */
static bool holds(const uint8_t *buf, uint64_t sector, uint64_t count, char tag)
{
	uint8_t *want = malloc(count * SECTOR);
	bool same;

	fill(want, sector, count, tag);
	same = memcmp(buf, want, count * SECTOR) == 0;
	free(want);
	return same;
}

static bool read_holds(struct blkdev *bd, uint64_t sector, uint64_t count,
		       char tag)
{
	uint8_t *buf = malloc(count * SECTOR);
	bool ok = buf && blkdev_read(bd, sector, count, buf) == 0 &&
		  holds(buf, sector, count, tag);

	free(buf);
	return ok;
}

struct burst {
	struct blk_req req;
	uint8_t buf[BURST_SECTORS * SECTOR];
};

static volatile unsigned burst_done, burst_failed;

static void burst_end(struct blk_req *req)
{
	if (req->status)
		burst_failed++;
	burst_done++;
}

/* Twice the device's queue depth of writes at once: submitting waits
 * for room as earlier ones complete. */
static void burst(struct blkdev *bd)
{
	unsigned n = bd->queue_depth * 2;
	struct burst *b = calloc(n, sizeof(*b));

	CHECK(b != NULL);
	if (!b)
		return;
	burst_done = burst_failed = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t at = BURST_AT + (uint64_t)i * BURST_SECTORS;
		fill(b[i].buf, at, BURST_SECTORS, 'g');
		b[i].req = (struct blk_req){ .op = BLK_WRITE,
					     .sector = at,
					     .count = BURST_SECTORS,
					     .buf = b[i].buf,
					     .done = burst_end };
		int err = blkdev_submit(bd, &b[i].req);
		CHECK(err == 0);
		if (err)
			burst_end(&(struct blk_req){ .status = err });
	}
	while (burst_done < n)
		sched_yield();
	CHECK(burst_failed == 0);
	CHECK(blkdev_flush(bd) == 0);
	CHECK(read_holds(bd, BURST_AT, (uint64_t)n * BURST_SECTORS, 'g'));
	printf("%s: burst of %u writes, queue depth %u\n", bd->name, n,
	       bd->queue_depth);
	free(b);
}

static void rejected(struct blkdev *bd)
{
	static uint8_t buf[2 * SECTOR + 4] __attribute__((aligned(8)));
	struct blk_req r = { .op = BLK_READ, .sector = 0, .buf = buf };

	CHECK(blkdev_read(bd, bd->sectors, 1, buf) == -EINVAL);
	CHECK(blkdev_read(bd, bd->sectors - 1, 2, buf) == -EINVAL);
	CHECK(blkdev_read(bd, UINT64_MAX, 1, buf) == -EINVAL);
	CHECK(blkdev_submit(bd, &r) == -EINVAL); /* count 0 */
	r.count = bd->max_sectors + 1;
	CHECK(blkdev_submit(bd, &r) == -EINVAL);
	r.count = 1, r.buf = buf + 1;
	CHECK(blkdev_submit(bd, &r) == -EINVAL); /* unaligned */
	r.buf = buf, r.op = (enum blk_op)42;
	CHECK(blkdev_submit(bd, &r) == -EINVAL);
	CHECK(blkdev_read(bd, bd->sectors - 1, 1, buf) == 0);
}

static void writable(struct blkdev *bd)
{
	uint8_t *big = malloc(WRITE_SECTORS * SECTOR);

	CHECK(read_holds(bd, 0, 64, 0));
	CHECK(read_holds(bd, bd->sectors - 1, 1, 0));
	CHECK(read_holds(bd, bd->sectors / 2 + 3, 5, 0));
	CHECK(big != NULL);
	if (!big)
		return;
	fill(big, WRITE_AT, WRITE_SECTORS, 'g');
	CHECK(blkdev_write(bd, WRITE_AT, WRITE_SECTORS, big) == 0);
	CHECK(blkdev_flush(bd) == 0);
	CHECK(read_holds(bd, WRITE_AT, WRITE_SECTORS, 'g'));
	CHECK(read_holds(bd, WRITE_AT - 1, 1, 0)); /* neighbours untouched */
	CHECK(read_holds(bd, WRITE_AT + WRITE_SECTORS, 1, 0));
	free(big);
	burst(bd);
}

static void read_only(struct blkdev *bd)
{
	static uint8_t buf[SECTOR];
	struct blk_req r = {
		.op = BLK_WRITE, .sector = 0, .count = 1, .buf = buf
	};

	CHECK(read_holds(bd, 0, 8, 0));
	CHECK(blkdev_write(bd, 0, 1, buf) == -EROFS);
	CHECK(blkdev_submit(bd, &r) == -EROFS);
	CHECK(read_holds(bd, 0, 1, 0));
}

int main(int argc, char **argv)
{
	unsigned found = blkdev_probe_all();
	struct blkdev *bd = blkdev_first();

	CHECK(found == (unsigned)(argc - 1));
	CHECK(blkdev_find("nope") == NULL);
	for (int i = 1; i < argc && bd; i++, bd = bd->next) {
		char name[BLKDEV_NAME_MAX], mode[3];
		unsigned long long sectors;

		CHECK(sscanf(argv[i], "%11[^:]:%llu:%2s", name, &sectors,
			     mode) == 3);
		CHECK(strcmp(bd->name, name) == 0);
		CHECK(bd->sectors == sectors && bd->sector_size == SECTOR);
		CHECK(bd->read_only == (strcmp(mode, "ro") == 0));
		CHECK(blkdev_find(name) == bd);
		rejected(bd);
		if (bd->read_only)
			read_only(bd);
		else
			writable(bd);
		printf("%s: %llu reads, %llu writes, %llu flushes, %llu "
		       "errors\n",
		       bd->name, (unsigned long long)bd->stats.reads,
		       (unsigned long long)bd->stats.writes,
		       (unsigned long long)bd->stats.flushes,
		       (unsigned long long)bd->stats.errors);
	}
	return check_verdict("blk");
}
