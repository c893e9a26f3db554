/* SPDX-License-Identifier: MIT */
/*
 * ext2_cache.c: a small cache of metadata blocks, least recently used
 * out, written back by ext2_sync at the end of each call that changed
 * them; and data I/O straight between the caller's buffer and the disk.
 */
#include <errno.h>
#include <string.h>

#include "ext2.h"

int ext2_data_io(struct ext2fs *fs, bool write, uint32_t blk, uint32_t count,
		 void *buf)
{
	uint64_t off = (uint64_t)blk * fs->block_size;
	size_t len = (size_t)count * fs->block_size;

	if (!count)
		return 0;
	if ((uint64_t)blk + count > fs->sb.s_blocks_count)
		return ext2_corrupt(fs, "block past the end", blk);
	if (write && fs->read_only)
		return -EROFS;
	return write ? fs->dev.write(fs->dev.ctx, off, len, buf)
		     : fs->dev.read(fs->dev.ctx, off, len, buf);
}

static struct ext2_buf *find(struct ext2fs *fs, uint32_t blk)
{
	for (unsigned i = 0; i < EXT2_CACHE_BLOCKS; i++)
		if (fs->cache[i].valid && fs->cache[i].blk == blk)
			return &fs->cache[i];
	return NULL;
}

/* A slot for another block: an empty one, else the least recently used,
 * written back first if dirty. */
static int victim(struct ext2fs *fs, struct ext2_buf **out)
{
	struct ext2_buf *v = &fs->cache[0];

	for (unsigned i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		struct ext2_buf *b = &fs->cache[i];
		if (!b->valid) {
			v = b;
			break;
		}
		if (b->used < v->used)
			v = b;
	}
	if (v->valid && v->dirty) {
		int err = ext2_data_io(fs, true, v->blk, 1, v->data);
		if (err)
			return err;
	}
	v->valid = v->dirty = false;
	*out = v;
	return 0;
}

static int get(struct ext2fs *fs, uint32_t blk, bool fill,
	       struct ext2_buf **out)
{
	struct ext2_buf *b = find(fs, blk);
	int err = 0;

	if (!ext2_block_ok(fs, blk))
		return ext2_corrupt(fs, "block number out of range", blk);
	if (!b) {
		err = victim(fs, &b);
		if (!err && fill)
			err = ext2_data_io(fs, false, blk, 1, b->data);
		else if (!err)
			memset(b->data, 0, fs->block_size);
		if (err)
			return err;
		b->blk = blk;
		b->valid = true;
	}
	b->used = ++fs->stamp;
	*out = b;
	return 0;
}

int ext2_bread(struct ext2fs *fs, uint32_t blk, struct ext2_buf **out)
{
	return get(fs, blk, true, out);
}

int ext2_bnew(struct ext2fs *fs, uint32_t blk, struct ext2_buf **out)
{
	int err = get(fs, blk, false, out);

	if (!err) {
		memset((*out)->data, 0, fs->block_size);
		ext2_bdirty(*out);
	}
	return err;
}

void ext2_bdirty(struct ext2_buf *b)
{
	b->dirty = true;
}

void ext2_bforget(struct ext2fs *fs, uint32_t blk)
{
	struct ext2_buf *b = find(fs, blk);

	if (b)
		b->valid = b->dirty = false;
}

int ext2_sync(struct ext2fs *fs)
{
	int err = 0;

	for (unsigned i = 0; i < EXT2_CACHE_BLOCKS && !err; i++) {
		struct ext2_buf *b = &fs->cache[i];
		if (b->valid && b->dirty) {
			err = ext2_data_io(fs, true, b->blk, 1, b->data);
			b->dirty = err != 0;
		}
	}
	return err ? err : ext2_write_meta(fs);
}
