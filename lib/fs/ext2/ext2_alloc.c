/* SPDX-License-Identifier: MIT */
/*
 * ext2_alloc.c: blocks and inodes, taken from and given back to their
 * groups' bitmaps, with the group and superblock counts kept in step (what
 * e2fsck compares).
 */
#include <errno.h>
#include <string.h>

#include "ext2.h"

bool ext2_block_ok(const struct ext2fs *fs, uint32_t blk)
{
	return blk > fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count;
}

/* The first clear bit of bitmap among bits [min, bits), looking from
 * start on and wrapping back to min; -1 if none. */
static long first_clear(const uint8_t *map, uint32_t bits, uint32_t start,
			uint32_t min)
{
	uint32_t n = bits - min;

	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = min + (start - min + k) % n;
		if (i % 8 == 0 && map[i / 8] == 0xff && k + 8 <= n) {
			k += 7; /* a full byte */
			continue;
		}
		if (!(map[i / 8] & (1u << (i % 8))))
			return (long)i;
	}
	return -1;
}

static uint32_t group_blocks(const struct ext2fs *fs, uint32_t g)
{
	uint32_t first =
		fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - first;

	return left < fs->sb.s_blocks_per_group ? left
						: fs->sb.s_blocks_per_group;
}

static void count_blocks(struct ext2fs *fs, uint32_t g, int delta)
{
	fs->groups[g].bg_free_blocks_count =
		(uint16_t)(fs->groups[g].bg_free_blocks_count + delta);
	fs->sb.s_free_blocks_count =
		(uint32_t)(fs->sb.s_free_blocks_count + delta);
	fs->gd_dirty = fs->sb_dirty = true;
}

/* Take a free block in group g, near bit start: 0 and *out, or -ENOSPC. */
static int take_block(struct ext2fs *fs, uint32_t g, uint32_t start,
		      uint32_t *out)
{
	struct ext2_buf *b;
	int err;
	long bit;

	if (!fs->groups[g].bg_free_blocks_count)
		return -ENOSPC;
	err = ext2_bread(fs, fs->groups[g].bg_block_bitmap, &b);
	if (err)
		return err;
	bit = first_clear(b->data, group_blocks(fs, g),
			  start < group_blocks(fs, g) ? start : 0, 0);
	if (bit < 0)
		return ext2_corrupt(fs, "group has no free block it counts", g);
	b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
	ext2_bdirty(b);
	count_blocks(fs, g, -1);
	*out = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group +
	       (uint32_t)bit;
	return 0;
}

int ext2_block_alloc(struct ext2fs *fs, uint32_t goal, uint32_t *out)
{
	uint32_t per = fs->sb.s_blocks_per_group, g0, start = 0;

	if (fs->read_only)
		return -EROFS;
	if (!fs->sb.s_free_blocks_count)
		return -ENOSPC;
	if (!ext2_block_ok(fs, goal))
		goal = fs->sb.s_first_data_block + 1;
	g0 = (goal - fs->sb.s_first_data_block) / per;
	start = (goal - fs->sb.s_first_data_block) % per;
	for (uint32_t k = 0; k < fs->ngroups; k++) {
		int err = take_block(fs, (g0 + k) % fs->ngroups, k ? 0 : start,
				     out);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

int ext2_block_free(struct ext2fs *fs, uint32_t blk)
{
	uint32_t g, bit;
	struct ext2_buf *b;
	int err;

	if (!ext2_block_ok(fs, blk))
		return ext2_corrupt(fs, "freeing a block out of range", blk);
	g = (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	bit = (blk - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	err = ext2_bread(fs, fs->groups[g].bg_block_bitmap, &b);
	if (err)
		return err;
	if (!(b->data[bit / 8] & (1u << (bit % 8))))
		return ext2_corrupt(fs, "freeing a free block", blk);
	b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
	ext2_bdirty(b);
	ext2_bforget(fs, blk);
	count_blocks(fs, g, +1);
	return 0;
}

static void count_inodes(struct ext2fs *fs, uint32_t g, int delta, bool dir)
{
	struct ext2_group *d = &fs->groups[g];

	d->bg_free_inodes_count = (uint16_t)(d->bg_free_inodes_count + delta);
	if (dir)
		d->bg_used_dirs_count =
			(uint16_t)(d->bg_used_dirs_count - delta);
	fs->sb.s_free_inodes_count =
		(uint32_t)(fs->sb.s_free_inodes_count + delta);
	fs->gd_dirty = fs->sb_dirty = true;
}

/* Where a new inode goes: a directory in the group with the most free
 * inodes (spreading the tree), anything else beside its directory. */
static uint32_t inode_group(const struct ext2fs *fs, uint32_t dir_ino, bool dir)
{
	uint32_t best = (dir_ino - 1) / fs->sb.s_inodes_per_group;

	if (best >= fs->ngroups)
		best = 0;
	if (!dir && fs->groups[best].bg_free_inodes_count)
		return best;
	for (uint32_t g = 0; g < fs->ngroups; g++)
		if (fs->groups[g].bg_free_inodes_count >
		    fs->groups[best].bg_free_inodes_count)
			best = g;
	return best;
}

int ext2_inode_alloc(struct ext2fs *fs, uint32_t dir_ino, bool dir,
		     uint32_t *out)
{
	uint32_t g0, per = fs->sb.s_inodes_per_group;

	if (fs->read_only)
		return -EROFS;
	if (!fs->sb.s_free_inodes_count)
		return -ENOSPC;
	g0 = inode_group(fs, dir_ino, dir);
	for (uint32_t k = 0; k < fs->ngroups; k++) {
		uint32_t g = (g0 + k) % fs->ngroups;
		struct ext2_buf *b;
		long bit;

		if (!fs->groups[g].bg_free_inodes_count)
			continue;
		int err = ext2_bread(fs, fs->groups[g].bg_inode_bitmap, &b);
		if (err)
			return err;
		/* The reserved inodes (below s_first_ino) are never handed
		 * out, whatever their bits say. */
		uint32_t min = g == 0 ? fs->first_ino - 1 : 0;
		bit = min < per ? first_clear(b->data, per, min, min) : -1;
		if (bit < 0)
			return ext2_corrupt(fs,
					    "group has no free inode it "
					    "counts",
					    g);
		b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
		ext2_bdirty(b);
		count_inodes(fs, g, -1, dir);
		*out = g * per + (uint32_t)bit + 1;
		return 0;
	}
	return -ENOSPC;
}

int ext2_inode_free(struct ext2fs *fs, uint32_t ino, bool dir)
{
	uint32_t per = fs->sb.s_inodes_per_group;
	uint32_t g = (ino - 1) / per, bit = (ino - 1) % per;
	struct ext2_buf *b;
	int err;

	if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
		return ext2_corrupt(fs, "freeing a reserved inode", ino);
	err = ext2_bread(fs, fs->groups[g].bg_inode_bitmap, &b);
	if (err)
		return err;
	if (!(b->data[bit / 8] & (1u << (bit % 8))))
		return ext2_corrupt(fs, "freeing a free inode", ino);
	b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
	ext2_bdirty(b);
	count_inodes(fs, g, +1, dir);
	return 0;
}
