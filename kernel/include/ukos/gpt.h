/* SPDX-License-Identifier: MIT */
/*
 * gpt.h: reading a GUID partition table (UEFI 2.10 §5.3), for the block
 * device class (its partitions become block devices of their own).
 */
#ifndef UKOS_GPT_H
#define UKOS_GPT_H

#include <stddef.h>
#include <stdint.h>

struct gpt_part {
	unsigned index;       /* 1-based, its slot in the entry array */
	uint64_t first, last; /* LBAs, inclusive */
	uint8_t type[16];
	char name[37]; /* ASCII of its UTF-16 name */
};

/* The partitions of a disk of sectors sectors of sector bytes, read
 * through read (0 or -errno): how many were put in parts (at most max),
 * -ENOENT if the disk has no GPT, -EINVAL if its header or entries are
 * damaged (a CRC, a field out of range), or read's error. Partitions
 * reaching outside the disk's usable area are left out. */
int gpt_read(uint32_t sector, uint64_t sectors,
	     int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf),
	     void *ctx, struct gpt_part *parts, unsigned max);

/* CRC-32 (IEEE 802.3, reflected), as GPT sums its header and entries. */
uint32_t gpt_crc32(const void *p, size_t n);

#endif
