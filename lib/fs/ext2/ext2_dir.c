/* SPDX-License-Identifier: MIT */
/*
 * ext2_dir.c: directories — blocks of entries {inode, rec_len, name_len,
 * file_type, name}, each entry's rec_len reaching the next and the last
 * reaching the block's end. A hashed directory (dir_index) keeps its
 * index inside entries that look empty, so reading it linearly is right;
 * a change clears its index flag, as Linux's ext2 does, and e2fsck -D
 * can rebuild the index.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "ext2.h"

#define FT_UNKNOWN 0
#define FT_REG     1
#define FT_DIR     2
#define FT_CHR     3
#define FT_BLK     4
#define FT_FIFO    5
#define FT_SOCK    6
#define FT_SYMLINK 7
#define DEPTH_MAX  4096 /* directories above one another, at most */

static uint32_t rec_need(size_t name_len)
{
	return (uint32_t)((EXT2_DIRENT_HEAD + name_len + 3) & ~(size_t)3);
}

static uint8_t file_type(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return FT_REG;
	case S_IFDIR:
		return FT_DIR;
	case S_IFCHR:
		return FT_CHR;
	case S_IFBLK:
		return FT_BLK;
	case S_IFIFO:
		return FT_FIFO;
	case S_IFSOCK:
		return FT_SOCK;
	case S_IFLNK:
		return FT_SYMLINK;
	}
	return FT_UNKNOWN;
}

/* Whether the entry at off of a block is well formed. */
static bool entry_ok(const struct ext2fs *fs, const uint8_t *blk, uint32_t off)
{
	const struct ext2_dirent *e = (const void *)(blk + off);

	if (off + EXT2_DIRENT_HEAD > fs->block_size)
		return false;
	return e->rec_len >= EXT2_DIRENT_HEAD && !(e->rec_len & 3) &&
	       e->rec_len <= fs->block_size - off &&
	       rec_need(e->name_len) <= e->rec_len &&
	       e->inode <= fs->sb.s_inodes_count;
}

/* Block k of the directory, read through the cache. */
static int dir_block(struct ext2fs *fs, struct ext2_inode *dir, uint64_t k,
		     struct ext2_buf **b)
{
	uint32_t blk;
	int err = ext2_bmap(fs, dir, k, false, &blk, NULL);

	if (!err && !blk)
		return ext2_corrupt(fs, "hole in a directory", (uint32_t)k);
	return err ? err : ext2_bread(fs, blk, b);
}

static uint64_t dir_blocks(const struct ext2fs *fs,
			   const struct ext2_inode *dir)
{
	return ext2_isize(dir) / fs->block_size;
}

/* What a visit does to one entry: 0 to go on, 1 to stop (found), or
 * -errno. */
typedef int visit_fn(struct ext2fs *fs, struct ext2_buf *b, uint32_t off,
		     uint32_t prev, void *arg);

/* Call fn on each entry from block first on, checking every block. */
static int each_entry(struct ext2fs *fs, struct ext2_inode *dir, uint64_t first,
		      visit_fn *fn, void *arg)
{
	for (uint64_t k = first; k < dir_blocks(fs, dir); k++) {
		struct ext2_buf *b;
		uint32_t off = 0, prev = UINT32_MAX;
		int err = dir_block(fs, dir, k, &b);

		if (err)
			return err;
		while (off < fs->block_size) {
			if (!entry_ok(fs, b->data, off))
				return ext2_corrupt(fs, "directory entry",
						    b->blk);
			err = fn(fs, b, off, prev, arg);
			if (err)
				return err;
			prev = off;
			off += ((struct ext2_dirent *)(b->data + off))->rec_len;
		}
	}
	return 0;
}

struct find {
	const char *name;
	size_t n;
	uint32_t ino;
	/* Where it is: block, offset, the entry before it (or none). */
	uint32_t blk, off, prev;
};

static int match(struct ext2fs *fs, struct ext2_buf *b, uint32_t off,
		 uint32_t prev, void *arg)
{
	const struct ext2_dirent *e = (const void *)(b->data + off);
	struct find *f = arg;

	(void)fs;
	if (!e->inode || e->name_len != f->n ||
	    memcmp(b->data + off + EXT2_DIRENT_HEAD, f->name, f->n) != 0)
		return 0;
	f->ino = e->inode, f->blk = b->blk, f->off = off, f->prev = prev;
	return 1;
}

static int find(struct ext2fs *fs, struct ext2_inode *dir, struct find *f)
{
	int r;

	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	if (f->n > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	r = each_entry(fs, dir, 0, match, f);
	return r == 1 ? 0 : r == 0 ? -ENOENT : r;
}

int ext2_lookup(struct ext2fs *fs, struct ext2_inode *dir, const char *name,
		size_t n, uint32_t *ino)
{
	struct find f = { .name = name, .n = n };
	int err = find(fs, dir, &f);

	if (!err && (f.ino < EXT2_ROOT_INO))
		return ext2_corrupt(fs, "entry for a reserved inode", f.ino);
	if (!err)
		*ino = f.ino;
	return err;
}

int ext2_walk(struct ext2fs *fs, const char *path, bool parent, uint32_t *ino,
	      const char **last)
{
	uint32_t cur = EXT2_ROOT_INO;
	const char *p = path;

	while (*p == '/')
		p++;
	for (;;) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct ext2_inode in;
		int err;

		if (!n || (parent && !end)) {
			if (last)
				*last = p;
			*ino = cur;
			return parent && !n ? -EBUSY : 0; /* EBUSY: the root */
		}
		err = ext2_iget(fs, cur, &in);
		if (!err)
			err = ext2_lookup(fs, &in, p, n, &cur);
		if (err)
			return err;
		p += n;
		while (*p == '/')
			p++;
	}
}

struct room {
	uint32_t need, blk, off;
	bool found;
};

/* An unused entry big enough, or one with enough slack after its name. */
static int fits(struct ext2fs *fs, struct ext2_buf *b, uint32_t off,
		uint32_t prev, void *arg)
{
	const struct ext2_dirent *e = (const void *)(b->data + off);
	struct room *r = arg;
	uint32_t used = e->inode ? rec_need(e->name_len) : 0;

	(void)fs, (void)prev;
	if (e->rec_len - used < r->need)
		return 0;
	r->blk = b->blk, r->off = off, r->found = true;
	return 1;
}

static void put_entry(uint8_t *at, uint32_t ino, uint16_t rec_len,
		      const char *name, size_t n, uint8_t type)
{
	struct ext2_dirent e = { ino, rec_len, (uint8_t)n, type };

	memcpy(at, &e, sizeof(e));
	memcpy(at + EXT2_DIRENT_HEAD, name, n);
}

/* A new block at the directory's end, one empty entry over all of it. */
static int grow(struct ext2fs *fs, struct ext2_inode *dir, struct room *r)
{
	uint64_t k = dir_blocks(fs, dir);
	struct ext2_buf *b;
	uint32_t blk;
	int err = ext2_bmap(fs, dir, k, true, &blk, NULL);

	if (!err)
		err = ext2_bnew(fs, blk, &b);
	if (err)
		return err;
	put_entry(b->data, 0, (uint16_t)fs->block_size, "", 0, 0);
	ext2_set_isize(fs, dir, (k + 1) * fs->block_size);
	r->blk = blk, r->off = 0, r->found = true;
	return 0;
}

static uint8_t type_of(const struct ext2fs *fs, mode_t mode)
{
	return fs->has_filetype ? file_type(mode) : FT_UNKNOWN;
}

/* name's entry in dir: *f where it is, *b its block (in the cache). */
static int entry_of(struct ext2fs *fs, struct ext2_inode *dir, const char *name,
		    struct find *f, struct ext2_buf **b)
{
	int err;

	*f = (struct find){ .name = name, .n = strlen(name) };
	err = find(fs, dir, f);
	return err ? err : ext2_bread(fs, f->blk, b);
}

/* A directory's entries changed: its index no longer covers them, and
 * its times move. */
static int changed(struct ext2fs *fs, uint32_t dir_ino, struct ext2_inode *dir)
{
	dir->i_flags &= ~EXT2_INDEX_FL;
	dir->i_mtime = dir->i_ctime = (uint32_t)time(NULL);
	return ext2_iput(fs, dir_ino, dir);
}

int ext2_dir_add(struct ext2fs *fs, uint32_t dir_ino, struct ext2_inode *dir,
		 const char *name, uint32_t ino, mode_t mode)
{
	size_t n = strlen(name);
	struct room r = { .need = rec_need(n) };
	struct ext2_buf *b;
	int err;

	if (n > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = each_entry(fs, dir, 0, fits, &r);
	if (err < 0)
		return err;
	if (!r.found && (err = grow(fs, dir, &r)))
		return err;
	err = ext2_bread(fs, r.blk, &b);
	if (err)
		return err;
	struct ext2_dirent *e = (void *)(b->data + r.off);
	if (e->inode) { /* split the slack off the entry there */
		uint32_t used = rec_need(e->name_len);
		uint16_t rest = (uint16_t)(e->rec_len - used);
		e->rec_len = (uint16_t)used;
		r.off += used;
		put_entry(b->data + r.off, ino, rest, name, n,
			  type_of(fs, mode));
	} else {
		put_entry(b->data + r.off, ino, e->rec_len, name, n,
			  type_of(fs, mode));
	}
	ext2_bdirty(b);
	return changed(fs, dir_ino, dir);
}

int ext2_dir_remove(struct ext2fs *fs, uint32_t dir_ino, struct ext2_inode *dir,
		    const char *name)
{
	struct find f;
	struct ext2_buf *b;
	int err = entry_of(fs, dir, name, &f, &b);

	if (err)
		return err;
	struct ext2_dirent *e = (void *)(b->data + f.off);
	if (f.prev != UINT32_MAX) /* the one before takes its space */
		((struct ext2_dirent *)(b->data + f.prev))->rec_len +=
			e->rec_len;
	else
		e->inode = 0;
	ext2_bdirty(b);
	return changed(fs, dir_ino, dir);
}

int ext2_dir_retarget(struct ext2fs *fs, struct ext2_inode *dir,
		      const char *name, uint32_t ino, mode_t mode)
{
	struct find f;
	struct ext2_buf *b;
	int err = entry_of(fs, dir, name, &f, &b);

	if (err)
		return err;
	struct ext2_dirent *e = (void *)(b->data + f.off);
	e->inode = ino;
	e->file_type = type_of(fs, mode);
	ext2_bdirty(b);
	return 0;
}

static int not_dot(struct ext2fs *fs, struct ext2_buf *b, uint32_t off,
		   uint32_t prev, void *arg)
{
	const struct ext2_dirent *e = (const void *)(b->data + off);
	const char *name = (const char *)b->data + off + EXT2_DIRENT_HEAD;

	(void)fs, (void)prev, (void)arg;
	if (!e->inode || (e->name_len == 1 && name[0] == '.') ||
	    (e->name_len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	return 1;
}

int ext2_dir_empty(struct ext2fs *fs, struct ext2_inode *dir)
{
	int r = each_entry(fs, dir, 0, not_dot, NULL);

	return r < 0 ? r : r == 0;
}

int ext2_dir_next(struct ext2fs *fs, struct ext2_inode *dir, uint64_t *pos,
		  uint32_t *ino, char *name, uint8_t *type)
{
	for (uint64_t k = *pos / fs->block_size; k < dir_blocks(fs, dir); k++) {
		struct ext2_buf *b;
		uint32_t off = 0;
		int err = dir_block(fs, dir, k, &b);

		if (err)
			return err;
		while (off < fs->block_size) {
			const struct ext2_dirent *e =
				(const void *)(b->data + off);
			uint64_t at = k * fs->block_size + off;
			if (!entry_ok(fs, b->data, off))
				return ext2_corrupt(fs, "directory entry",
						    b->blk);
			off += e->rec_len;
			if (at < *pos || !e->inode ||
			    !not_dot(fs, b, at % fs->block_size, 0, NULL))
				continue;
			*pos = at + e->rec_len;
			*ino = e->inode;
			memcpy(name,
			       b->data + at % fs->block_size + EXT2_DIRENT_HEAD,
			       e->name_len);
			name[e->name_len] = '\0';
			*type = e->file_type;
			return 1;
		}
	}
	*pos = UINT64_MAX;
	return 0;
}

int ext2_dir_init(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in,
		  uint32_t parent)
{
	struct ext2_buf *b;
	uint32_t blk;
	int err = ext2_bmap(fs, in, 0, true, &blk, NULL);

	if (!err)
		err = ext2_bnew(fs, blk, &b);
	if (err)
		return err;
	put_entry(b->data, ino, 12, ".", 1, type_of(fs, S_IFDIR));
	put_entry(b->data + 12, parent, (uint16_t)(fs->block_size - 12), "..",
		  2, type_of(fs, S_IFDIR));
	ext2_set_isize(fs, in, fs->block_size);
	return 0;
}

/* Whether directory anc is dir or above it: walking ".." up from dir. */
int ext2_dir_is_above(struct ext2fs *fs, uint32_t anc, uint32_t dir)
{
	for (unsigned depth = 0; depth < DEPTH_MAX; depth++) {
		struct ext2_inode in;
		uint32_t up = 0;
		int err;

		if (dir == anc)
			return 1;
		if (dir == EXT2_ROOT_INO)
			return 0;
		err = ext2_iget(fs, dir, &in);
		if (!err)
			err = ext2_lookup(fs, &in, "..", 2, &up);
		if (err)
			return err;
		dir = up;
	}
	return ext2_corrupt(fs, "directories in a loop", dir);
}

/* Point directory in's ".." at parent. */
int ext2_dir_set_parent(struct ext2fs *fs, struct ext2_inode *in,
			uint32_t parent)
{
	return ext2_dir_retarget(fs, in, "..", parent, S_IFDIR);
}
