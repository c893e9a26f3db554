/* SPDX-License-Identifier: MIT */
/*
 * ext2_inode.c: inodes — reading and writing them in their tables, the
 * map from a file's blocks to the disk's (12 direct pointers, then one,
 * two and three levels of indirect blocks), truncation, and file data,
 * which goes between the caller's buffer and the disk in runs of
 * contiguous blocks, a block through the bounce buffer only where a
 * write or read covers part of it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ext2.h"

#define RUN_MAX 256 /* blocks in one transfer */

static int locate(struct ext2fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
	uint32_t per = fs->sb.s_inodes_per_group, idx;
	uint64_t byte;

	if (!ino || ino > fs->sb.s_inodes_count)
		return ext2_corrupt(fs, "inode number out of range", ino);
	idx = (ino - 1) % per;
	byte = (uint64_t)idx * fs->inode_size;
	*blk = fs->groups[(ino - 1) / per].bg_inode_table +
	       (uint32_t)(byte / fs->block_size);
	*off = (uint32_t)(byte % fs->block_size);
	return 0;
}

int ext2_iget(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in)
{
	uint32_t blk, off;
	struct ext2_buf *b;
	int err = locate(fs, ino, &blk, &off);

	if (!err)
		err = ext2_bread(fs, blk, &b);
	if (!err)
		memcpy(in, b->data + off, sizeof(*in));
	return err;
}

int ext2_iput(struct ext2fs *fs, uint32_t ino, const struct ext2_inode *in)
{
	uint32_t blk, off;
	struct ext2_buf *b;
	int err = locate(fs, ino, &blk, &off);

	if (!err)
		err = ext2_bread(fs, blk, &b);
	if (err)
		return err;
	memcpy(b->data + off, in, sizeof(*in));
	ext2_bdirty(b);
	return 0;
}

uint64_t ext2_isize(const struct ext2_inode *in)
{
	/* i_size_high is the directory ACL in directories of revision 0
	 * file systems; no directory is that large. */
	if (S_ISDIR(in->i_mode))
		return in->i_size;
	return in->i_size | (uint64_t)in->i_size_high << 32;
}

void ext2_set_isize(struct ext2fs *fs, struct ext2_inode *in, uint64_t size)
{
	in->i_size = (uint32_t)size;
	if (S_ISDIR(in->i_mode))
		return;
	in->i_size_high = (uint32_t)(size >> 32);
	if (size >> 31 &&
	    !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		fs->sb_dirty = true;
	}
}

/* The pointer slot idx of indirect block pb, read or written. */
static int slot_get(struct ext2fs *fs, uint32_t pb, uint32_t idx, uint32_t *v)
{
	struct ext2_buf *b;
	int err = ext2_bread(fs, pb, &b);

	if (!err)
		*v = ((const uint32_t *)b->data)[idx];
	return err;
}

static int slot_set(struct ext2fs *fs, uint32_t pb, uint32_t idx, uint32_t v)
{
	struct ext2_buf *b;
	int err = ext2_bread(fs, pb, &b);

	if (!err) {
		((uint32_t *)b->data)[idx] = v;
		ext2_bdirty(b);
	}
	return err;
}

/* The levels of indirection for lblk and the slot index at each. */
static int path_of(const struct ext2fs *fs, uint64_t lblk, uint32_t *top,
		   uint32_t idx[3])
{
	uint64_t p = fs->addrs_per_block;

	if (lblk < EXT2_NDIR_BLOCKS) {
		*top = (uint32_t)lblk;
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < p) {
		*top = EXT2_IND_BLOCK, idx[0] = (uint32_t)lblk;
		return 1;
	}
	lblk -= p;
	if (lblk < p * p) {
		*top = EXT2_DIND_BLOCK;
		idx[0] = (uint32_t)(lblk / p), idx[1] = (uint32_t)(lblk % p);
		return 2;
	}
	lblk -= p * p;
	if (lblk < p * p * p) {
		*top = EXT2_TIND_BLOCK;
		idx[0] = (uint32_t)(lblk / (p * p));
		idx[1] = (uint32_t)(lblk / p % p),
		idx[2] = (uint32_t)(lblk % p);
		return 3;
	}
	return -EFBIG;
}

static int new_block(struct ext2fs *fs, struct ext2_inode *in, uint32_t *out)
{
	int err = ext2_block_alloc(fs, fs->alloc_hint, out);

	if (!err) {
		fs->alloc_hint = *out + 1;
		in->i_blocks += fs->block_size / 512;
	}
	return err;
}

int ext2_bmap(struct ext2fs *fs, struct ext2_inode *in, uint64_t lblk,
	      bool alloc, uint32_t *out, bool *fresh)
{
	uint32_t top, idx[3], cur, parent = 0;
	int levels = path_of(fs, lblk, &top, idx), err;

	*out = 0;
	if (fresh)
		*fresh = false;
	if (levels < 0)
		return levels;
	cur = in->i_block[top];
	for (int l = 0; l <= levels; l++) {
		bool data = l == levels;
		if (!cur) {
			if (!alloc)
				return 0; /* a hole */
			err = new_block(fs, in, &cur);
			if (!err && !data) {
				struct ext2_buf *b;
				err = ext2_bnew(fs, cur, &b); /* zeroed */
			}
			if (!err)
				err = l == 0 ? (in->i_block[top] = cur, 0)
					     : slot_set(fs, parent, idx[l - 1],
							cur);
			if (err)
				return err;
			if (data && fresh)
				*fresh = true;
		} else if (!ext2_block_ok(fs, cur)) {
			return ext2_corrupt(fs, "block pointer out of range",
					    cur);
		}
		if (data)
			break;
		parent = cur;
		err = slot_get(fs, parent, idx[l], &cur);
		if (err)
			return err;
	}
	*out = cur;
	return 0;
}

static uint64_t span(const struct ext2fs *fs, int level)
{
	uint64_t s = 1;

	while (level-- > 0)
		s *= fs->addrs_per_block;
	return s;
}

static int drop(struct ext2fs *fs, struct ext2_inode *in, uint32_t blk)
{
	int err = ext2_block_free(fs, blk);

	if (!err)
		in->i_blocks -= fs->block_size / 512;
	return err;
}

/* Free what the tree at blk (level 0: a data block) holds of the file's
 * blocks first.. from keep on; *gone when blk itself went. */
static int cut(struct ext2fs *fs, struct ext2_inode *in, uint32_t blk,
	       int level, uint64_t first, uint64_t keep, bool *gone)
{
	uint64_t child_span = level ? span(fs, level - 1) : 0;
	int err = 0;

	*gone = false;
	if (keep >= first + span(fs, level))
		return 0;
	if (!ext2_block_ok(fs, blk))
		return ext2_corrupt(fs, "block pointer out of range", blk);
	for (uint32_t i = 0; level && i < fs->addrs_per_block && !err; i++) {
		uint64_t cf = first + i * child_span;
		uint32_t child;
		bool child_gone;

		if (cf + child_span <= keep)
			continue;
		err = slot_get(fs, blk, i, &child);
		if (err || !child)
			continue;
		err = cut(fs, in, child, level - 1, cf, keep, &child_gone);
		if (!err && child_gone)
			err = slot_set(fs, blk, i, 0);
	}
	if (!err && keep <= first) {
		err = drop(fs, in, blk);
		*gone = !err;
	}
	return err;
}

int ext2_itruncate(struct ext2fs *fs, struct ext2_inode *in, uint64_t size)
{
	uint64_t keep = (size + fs->block_size - 1) / fs->block_size;
	uint64_t first = EXT2_NDIR_BLOCKS;
	int err = 0;

	for (uint32_t i = 0; i < EXT2_NDIR_BLOCKS && !err; i++)
		if (i >= keep && in->i_block[i]) {
			err = drop(fs, in, in->i_block[i]);
			if (!err)
				in->i_block[i] = 0;
		}
	for (int level = 1; level <= 3 && !err; level++) {
		uint32_t *top = &in->i_block[EXT2_IND_BLOCK + level - 1];
		bool gone;
		if (*top) {
			err = cut(fs, in, *top, level, first, keep, &gone);
			if (!err && gone)
				*top = 0;
		}
		first += span(fs, level);
	}
	if (err)
		return err;
	/* The kept part of the last block reads as zeros past the end
	 * when the file grows again. */
	if (size % fs->block_size && size < ext2_isize(in)) {
		uint32_t blk;
		err = ext2_bmap(fs, in, size / fs->block_size, false, &blk,
				NULL);
		if (!err && blk) {
			uint32_t at = (uint32_t)(size % fs->block_size);
			err = ext2_data_io(fs, false, blk, 1, fs->bounce);
			memset(fs->bounce + at, 0, fs->block_size - at);
			if (!err)
				err = ext2_data_io(fs, true, blk, 1,
						   fs->bounce);
		}
	}
	if (!err)
		ext2_set_isize(fs, in, size);
	return err;
}

static bool aligned(const struct ext2fs *fs, const void *p)
{
	return !fs->dev.align || !((uintptr_t)p & (fs->dev.align - 1));
}

/* From lblk on, how many blocks (at most max) lie one after the other on
 * the disk from *first (0: a hole, as long as the hole lasts). */
static int run(struct ext2fs *fs, struct ext2_inode *in, uint64_t lblk,
	       uint32_t max, bool alloc, uint32_t *first, uint32_t *n)
{
	uint32_t blk;
	int err = ext2_bmap(fs, in, lblk, alloc, first, NULL);

	*n = err ? 0 : 1;
	while (!err && *n < max) {
		err = ext2_bmap(fs, in, lblk + *n, alloc, &blk, NULL);
		if (err || (*first ? blk != *first + *n : blk != 0))
			break;
		(*n)++;
	}
	return *n ? 0 : err;
}

ssize_t ext2_iread(struct ext2fs *fs, struct ext2_inode *in, void *buf,
		   size_t len, uint64_t at)
{
	uint64_t size = ext2_isize(in);
	uint8_t *p = buf;
	size_t done = 0;
	int err = 0;

	if (at >= size)
		return 0;
	if (len > size - at)
		len = (size_t)(size - at);
	while (done < len && !err) {
		uint64_t lblk = (at + done) / fs->block_size;
		uint32_t off = (uint32_t)((at + done) % fs->block_size);
		size_t whole = (len - done) / fs->block_size;
		uint32_t blk, n;

		if (!off && whole && aligned(fs, p + done)) {
			err = run(fs, in, lblk,
				  whole < RUN_MAX ? (uint32_t)whole : RUN_MAX,
				  false, &blk, &n);
			if (err)
				break;
			if (blk)
				err = ext2_data_io(fs, false, blk, n, p + done);
			else
				memset(p + done, 0, (size_t)n * fs->block_size);
			done += (size_t)n * fs->block_size;
			continue;
		}
		size_t k = fs->block_size - off;
		if (k > len - done)
			k = len - done;
		err = ext2_bmap(fs, in, lblk, false, &blk, NULL);
		if (!err && blk)
			err = ext2_data_io(fs, false, blk, 1, fs->bounce);
		else if (!err)
			memset(fs->bounce, 0, fs->block_size);
		if (!err)
			memcpy(p + done, fs->bounce + off, k), done += k;
	}
	return done ? (ssize_t)done : err;
}

ssize_t ext2_iwrite(struct ext2fs *fs, struct ext2_inode *in, const void *buf,
		    size_t len, uint64_t at)
{
	const uint8_t *p = buf;
	size_t done = 0;
	int err = 0;

	if (fs->read_only)
		return -EROFS;
	while (done < len && !err) {
		uint64_t lblk = (at + done) / fs->block_size;
		uint32_t off = (uint32_t)((at + done) % fs->block_size);
		size_t whole = (len - done) / fs->block_size;
		uint32_t blk, n;
		bool fresh;

		if (!off && whole && aligned(fs, p + done)) {
			err = run(fs, in, lblk,
				  whole < RUN_MAX ? (uint32_t)whole : RUN_MAX,
				  true, &blk, &n);
			if (!err)
				err = ext2_data_io(fs, true, blk, n,
						   (void *)(p + done));
			if (!err)
				done += (size_t)n * fs->block_size;
			continue;
		}
		size_t k = fs->block_size - off;
		if (k > len - done)
			k = len - done;
		err = ext2_bmap(fs, in, lblk, true, &blk, &fresh);
		if (!err && !fresh && k < fs->block_size)
			err = ext2_data_io(fs, false, blk, 1, fs->bounce);
		else if (!err)
			memset(fs->bounce, 0, fs->block_size);
		if (!err) {
			memcpy(fs->bounce + off, p + done, k);
			err = ext2_data_io(fs, true, blk, 1, fs->bounce);
		}
		if (!err)
			done += k;
	}
	if (done && at + done > ext2_isize(in))
		ext2_set_isize(fs, in, at + done);
	if (done)
		in->i_mtime = in->i_ctime = (uint32_t)time(NULL);
	return done ? (ssize_t)done : err;
}

void ext2_stat(const struct ext2fs *fs, uint32_t ino,
	       const struct ext2_inode *in, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_mode = in->i_mode;
	st->st_nlink = in->i_links_count;
	st->st_uid = in->i_uid | (uint32_t)(in->i_osd2[4] | in->i_osd2[5] << 8)
					 << 16;
	st->st_gid = in->i_gid | (uint32_t)(in->i_osd2[6] | in->i_osd2[7] << 8)
					 << 16;
	st->st_size = (off_t)ext2_isize(in);
	st->st_blksize = (blksize_t)fs->block_size;
	st->st_blocks = in->i_blocks;
	st->st_atime = in->i_atime;
	st->st_mtime = in->i_mtime;
	st->st_ctime = in->i_ctime;
}

static struct ext2_open *find_open(struct ext2fs *fs, uint32_t ino)
{
	for (struct ext2_open *o = fs->opens; o; o = o->next)
		if (o->ino == ino)
			return o;
	return NULL;
}

int ext2_ilinks_gone(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in)
{
	bool dir = S_ISDIR(in->i_mode);
	int err;

	in->i_links_count = 0;
	if (find_open(fs, ino))
		return ext2_iput(fs, ino, in); /* freed at its last close */
	err = ext2_itruncate(fs, in, 0);
	in->i_dtime = (uint32_t)time(NULL);
	if (!err)
		err = ext2_iput(fs, ino, in);
	if (!err)
		err = ext2_inode_free(fs, ino, dir);
	return err;
}

int ext2_open_get(struct ext2fs *fs, uint32_t ino)
{
	struct ext2_open *o = find_open(fs, ino);

	if (!o) {
		o = calloc(1, sizeof(*o));
		if (!o)
			return -ENOMEM;
		o->ino = ino;
		o->next = fs->opens;
		fs->opens = o;
	}
	o->opens++;
	return 0;
}

int ext2_open_put(struct ext2fs *fs, uint32_t ino)
{
	struct ext2_open **pp = &fs->opens, *o;
	struct ext2_inode in;
	int err;

	while (*pp && (*pp)->ino != ino)
		pp = &(*pp)->next;
	o = *pp;
	if (!o || --o->opens)
		return 0;
	*pp = o->next;
	free(o);
	err = ext2_iget(fs, ino, &in);
	if (!err && in.i_links_count == 0 && in.i_mode)
		err = ext2_ilinks_gone(fs, ino, &in);
	return err;
}
