/* SPDX-License-Identifier: MIT */
/*
 * ext2_mount.c: reading and checking the superblock and the group
 * descriptors, refusing what this code cannot handle, and writing them
 * back.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukos/console.h>

#include "ext2.h"

#define LOG_BLOCK_MAX 6 /* 64 KiB blocks */

static bool power_of_2(uint32_t x)
{
	return x && !(x & (x - 1));
}

int ext2_corrupt(struct ext2fs *fs, const char *what, uint32_t n)
{
	kprintf("ukos: %s: ext2: %s (%u): the disk is damaged; "
		"e2fsck can repair it\n",
		fs->name, what, n);
	return -EIO;
}

/* The geometry and the features: 0, or -EINVAL with the reason said. */
static int check_super(struct ext2fs *fs)
{
	const struct ext2_super *s = &fs->sb;
	uint64_t groups;
	const char *why = NULL;

	if (s->s_magic != EXT2_SUPER_MAGIC)
		why = "no ext2 superblock";
	else if (s->s_log_block_size > LOG_BLOCK_MAX)
		why = "block size above 64 KiB";
	if (why)
		goto bad;
	fs->block_size = 1024u << s->s_log_block_size;
	fs->addrs_per_block = fs->block_size / 4;
	fs->inode_size = s->s_rev_level ? s->s_inode_size : 128;
	fs->first_ino = s->s_rev_level ? s->s_first_ino : 11;
	if (!power_of_2(fs->inode_size) || fs->inode_size < 128 ||
	    fs->inode_size > fs->block_size)
		why = "inode size";
	else if (fs->first_ino <= EXT2_ROOT_INO ||
		 fs->first_ino > s->s_inodes_count)
		why = "first inode";
	else if (!s->s_blocks_per_group ||
		 s->s_blocks_per_group > 8 * fs->block_size ||
		 !s->s_inodes_per_group ||
		 s->s_inodes_per_group > 8 * fs->block_size)
		why = "group size";
	else if (s->s_first_data_block != (fs->block_size == 1024) ||
		 s->s_blocks_count <= s->s_first_data_block + 1)
		why = "first data block";
	else if ((uint64_t)s->s_blocks_count * fs->block_size > fs->dev.size)
		why = "larger than the device";
	if (why)
		goto bad;
	groups = ((uint64_t)s->s_blocks_count - s->s_first_data_block +
		  s->s_blocks_per_group - 1) /
		 s->s_blocks_per_group;
	if ((uint64_t)s->s_inodes_per_group * groups != s->s_inodes_count ||
	    s->s_free_blocks_count > s->s_blocks_count ||
	    s->s_free_inodes_count > s->s_inodes_count) {
		why = "counts";
		goto bad;
	}
	fs->ngroups = (uint32_t)groups;
	if (s->s_feature_incompat & ~EXT2_INCOMPAT_KNOWN) {
		kprintf("ukos: %s: ext2: incompatible features 0x%x "
			"(a journal to replay, extents, 64-bit: ext3/ext4): "
			"not mounted\n",
			fs->name, s->s_feature_incompat & ~EXT2_INCOMPAT_KNOWN);
		return -EINVAL;
	}
	if ((s->s_feature_ro_compat & ~EXT2_RO_COMPAT_KNOWN) &&
	    !fs->read_only) {
		kprintf("ukos: %s: ext2: features 0x%x can only be read: "
			"mounted read-only\n",
			fs->name,
			s->s_feature_ro_compat & ~EXT2_RO_COMPAT_KNOWN);
		fs->read_only = true;
	}
	fs->has_filetype =
		s->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;
	return 0;
bad:
	kprintf("ukos: %s: not an ext2 file system ukos can use: %s\n",
		fs->name, why);
	return -EINVAL;
}

static uint32_t gd_blocks(const struct ext2fs *fs)
{
	return (fs->ngroups * (uint32_t)sizeof(struct ext2_group) +
		fs->block_size - 1) /
	       fs->block_size;
}

static uint32_t gd_start(const struct ext2fs *fs)
{
	return fs->sb.s_first_data_block + 1;
}

/* Every group's bitmaps and inode table inside the disk. */
static int check_groups(struct ext2fs *fs)
{
	uint32_t table_blocks = (fs->sb.s_inodes_per_group * fs->inode_size +
				 fs->block_size - 1) /
				fs->block_size;

	for (uint32_t g = 0; g < fs->ngroups; g++) {
		const struct ext2_group *d = &fs->groups[g];
		if (!ext2_block_ok(fs, d->bg_block_bitmap) ||
		    !ext2_block_ok(fs, d->bg_inode_bitmap) ||
		    !ext2_block_ok(fs, d->bg_inode_table) ||
		    d->bg_inode_table + (uint64_t)table_blocks >
			    fs->sb.s_blocks_count ||
		    d->bg_free_inodes_count > fs->sb.s_inodes_per_group ||
		    d->bg_free_blocks_count > fs->sb.s_blocks_per_group)
			return ext2_corrupt(fs, "group descriptor", g);
	}
	return 0;
}

static int read_groups(struct ext2fs *fs)
{
	uint32_t n = gd_blocks(fs);

	fs->groups = malloc((size_t)n * fs->block_size);
	if (!fs->groups)
		return -ENOMEM;
	if (gd_start(fs) + n > fs->sb.s_blocks_count)
		return ext2_corrupt(fs, "group descriptors past the end", n);
	int err = ext2_data_io(fs, false, gd_start(fs), n, fs->groups);
	return err ? err : check_groups(fs);
}

int ext2_write_meta(struct ext2fs *fs)
{
	int err = 0;

	if (fs->gd_dirty) {
		err = ext2_data_io(fs, true, gd_start(fs), gd_blocks(fs),
				   fs->groups);
		fs->gd_dirty = err != 0;
	}
	if (!err && fs->sb_dirty) {
		fs->sb.s_wtime = (uint32_t)time(NULL);
		err = fs->dev.write(fs->dev.ctx, EXT2_SUPER_OFFSET,
				    sizeof(fs->sb), &fs->sb);
		fs->sb_dirty = err != 0;
	}
	return err;
}

static void release(struct ext2fs *fs)
{
	for (unsigned i = 0; i < EXT2_CACHE_BLOCKS; i++)
		free(fs->cache[i].data);
	free(fs->bounce);
	free(fs->groups);
	pthread_mutex_destroy(&fs->lock);
	free(fs);
}

static int alloc_buffers(struct ext2fs *fs)
{
	size_t a = fs->dev.align > 8 ? fs->dev.align : 8;

	fs->bounce = aligned_alloc(a, fs->block_size);
	for (unsigned i = 0; i < EXT2_CACHE_BLOCKS && fs->bounce; i++)
		if (!(fs->cache[i].data = aligned_alloc(a, fs->block_size)))
			return -ENOMEM;
	return fs->bounce ? 0 : -ENOMEM;
}

int ext2_mount(const struct ext2_dev *dev, bool read_only, const char *name,
	       struct ext2fs **out)
{
	struct ext2fs *fs = calloc(1, sizeof(*fs));
	int err;

	if (!fs)
		return -ENOMEM;
	fs->dev = *dev;
	fs->read_only = read_only || dev->read_only;
	strncpy(fs->name, name, sizeof(fs->name) - 1);
	pthread_mutex_init(&fs->lock, NULL);
	err = dev->size < EXT2_SUPER_OFFSET + sizeof(fs->sb)
		      ? -EINVAL
		      : dev->read(dev->ctx, EXT2_SUPER_OFFSET, sizeof(fs->sb),
				  &fs->sb);
	if (!err)
		err = check_super(fs);
	if (!err)
		err = alloc_buffers(fs);
	if (!err)
		err = read_groups(fs);
	if (!err && !fs->read_only) {
		if (!(fs->sb.s_state & EXT2_VALID_FS))
			kprintf("ukos: %s: ext2: not cleanly unmounted; "
				"mounted anyway (e2fsck -f checks it)\n",
				name);
		fs->mount_state = fs->sb.s_state;
		fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
		fs->sb.s_mnt_count++;
		fs->sb.s_mtime = (uint32_t)time(NULL);
		fs->sb_dirty = true;
		err = ext2_write_meta(fs);
		if (!err && fs->dev.flush)
			err = fs->dev.flush(fs->dev.ctx);
	}
	if (err) {
		release(fs);
		return err;
	}
	*out = fs;
	return 0;
}

/* Everything back on the disk, flushed, the state as it was at mount
 * (a disk mounted unclean stays to be checked). The lock held. */
static int quiesce(struct ext2fs *fs)
{
	int err;

	if (fs->read_only)
		return 0;
	err = ext2_sync(fs);
	fs->sb.s_state = fs->mount_state;
	fs->sb_dirty = true;
	if (!err)
		err = ext2_write_meta(fs);
	if (!err && fs->dev.flush)
		err = fs->dev.flush(fs->dev.ctx);
	return err;
}

int ext2_quiesce(struct ext2fs *fs)
{
	int err;

	/* At exit another thread may be inside a call: then the disk
	 * stays marked in use, as after a power cut. */
	if (pthread_mutex_trylock(&fs->lock) != 0)
		return -EBUSY;
	err = quiesce(fs);
	fs->read_only = true; /* nothing more is written */
	pthread_mutex_unlock(&fs->lock);
	return err;
}

int ext2_unmount(struct ext2fs *fs)
{
	int err = quiesce(fs);

	release(fs);
	return err;
}
