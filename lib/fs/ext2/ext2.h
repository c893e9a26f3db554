/* SPDX-License-Identifier: MIT */
/*
 * ext2.h: the second extended file system, as e2fsprogs make and check
 * it (the on-disk layout of "The Second Extended File System", Poirier,
 * and e2fsprogs' lib/ext2fs/ext2_fs.h, which Linux and mke2fs agree on):
 * blocks of 1-64 KiB in groups, each with a block bitmap, an inode
 * bitmap and an inode table; files mapped by 12 direct and three levels
 * of indirect block pointers; directories as chains of entries.
 *
 * Portable: the disk is a struct ext2_dev (a block device in the guest,
 * an image file in the host's tests). Every change is written back when
 * the call that made it returns, in an order that leaves the disk
 * consistent between calls (data, then what points at it); fsync adds the
 * device's cache flush. Each call returns 0 or a count, or -errno; a disk
 * that breaks the format's rules gives -EIO, never a crash.
 */
#ifndef LIB_FS_EXT2_H
#define LIB_FS_EXT2_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define EXT2_SUPER_OFFSET 1024
#define EXT2_SUPER_MAGIC  0xef53
#define EXT2_ROOT_INO     2
#define EXT2_NDIR_BLOCKS  12
#define EXT2_IND_BLOCK    12
#define EXT2_DIND_BLOCK   13
#define EXT2_TIND_BLOCK   14
#define EXT2_N_BLOCKS     15
#define EXT2_NAME_LEN     255
#define EXT2_VALID_FS     1 /* s_state: cleanly unmounted */

/* Features (s_feature_*): what this code understands. */
#define EXT2_FEATURE_COMPAT_DIR_INDEX     0x0020 /* see ext2_dir.c */
#define EXT2_FEATURE_INCOMPAT_FILETYPE    0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE     0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_INCOMPAT_KNOWN               EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_KNOWN                                                   \
	(EXT2_FEATURE_RO_COMPAT_SPARSE | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define EXT2_INDEX_FL 0x1000 /* i_flags: a hashed directory */

/* The superblock's first fields (the rest is kept as read). */
struct ext2_super {
	uint32_t s_inodes_count, s_blocks_count, s_r_blocks_count;
	uint32_t s_free_blocks_count, s_free_inodes_count;
	uint32_t s_first_data_block, s_log_block_size, s_log_frag_size;
	uint32_t s_blocks_per_group, s_frags_per_group, s_inodes_per_group;
	uint32_t s_mtime, s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic, s_state, s_errors, s_minor_rev_level;
	uint32_t s_lastcheck, s_checkinterval, s_creator_os, s_rev_level;
	uint16_t s_def_resuid, s_def_resgid;
	uint32_t s_first_ino;
	uint16_t s_inode_size, s_block_group_nr;
	uint32_t s_feature_compat, s_feature_incompat, s_feature_ro_compat;
	uint8_t rest[1024 - 104];
};

struct ext2_group {
	uint32_t bg_block_bitmap, bg_inode_bitmap, bg_inode_table;
	uint16_t bg_free_blocks_count, bg_free_inodes_count;
	uint16_t bg_used_dirs_count, bg_pad;
	uint32_t bg_reserved[3];
};

struct ext2_inode {
	uint16_t i_mode, i_uid;
	uint32_t i_size, i_atime, i_ctime, i_mtime, i_dtime;
	uint16_t i_gid, i_links_count;
	uint32_t i_blocks; /* 512-byte units, indirect blocks included */
	uint32_t i_flags, i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation, i_file_acl, i_size_high, i_faddr;
	uint8_t i_osd2[12];
};

/* A directory entry's fixed part; the name follows. */
struct ext2_dirent {
	uint32_t inode;
	uint16_t rec_len;
	uint8_t name_len, file_type;
};
#define EXT2_DIRENT_HEAD 8

_Static_assert(sizeof(struct ext2_super) == 1024, "superblock");
_Static_assert(sizeof(struct ext2_group) == 32, "group descriptor");
_Static_assert(sizeof(struct ext2_inode) == 128, "inode");

/* The disk: byte offsets and lengths in whole 512-byte sectors. */
struct ext2_dev {
	void *ctx;
	int (*read)(void *ctx, uint64_t off, size_t len, void *buf);
	int (*write)(void *ctx, uint64_t off, size_t len, const void *buf);
	int (*flush)(void *ctx);
	uint64_t size;  /* bytes */
	bool read_only; /* the device refuses writes */
	/* Where buffers must sit for the device (blkdev: 4-byte aligned). */
	size_t align;
};

/* A cached block of metadata. */
struct ext2_buf {
	uint32_t blk;
	bool valid, dirty;
	uint64_t used; /* LRU stamp */
	uint8_t *data;
};
#define EXT2_CACHE_BLOCKS 64

/* An inode in use by open files. */
struct ext2_open {
	uint32_t ino;
	unsigned opens;
	struct ext2_open *next;
};

struct ext2fs {
	struct ext2_dev dev;
	pthread_mutex_t lock;
	struct ext2_super sb;
	struct ext2_group *groups;
	uint32_t ngroups, block_size, inode_size, addrs_per_block;
	uint32_t first_ino;
	bool read_only, sb_dirty, gd_dirty, has_filetype;
	uint16_t mount_state; /* s_state before this mount */
	struct ext2_buf cache[EXT2_CACHE_BLOCKS];
	uint64_t stamp;
	uint32_t alloc_hint; /* where the next block is looked for */
	uint8_t *bounce;     /* one block for partial data blocks */
	struct ext2_open *opens;
	char name[16];     /* for messages: "vda" */
	char at[PATH_MAX]; /* where it is mounted ("/data"; "" for "/") */
};

/* ext2_mount.c */

/* Read and check the file system on dev (copied), read-only if asked or
 * if it has features this code may only read. 0 with *out, -EINVAL (not
 * ext2, or a feature this code cannot read), -EIO, -ENOMEM. Messages say
 * why, with name. */
int ext2_mount(const struct ext2_dev *dev, bool read_only, const char *name,
	       struct ext2fs **out);
/* Write everything back, mark the file system clean and free fs. */
int ext2_unmount(struct ext2fs *fs);
/* The same at the program's exit, fs kept (files may still be closed
 * after): from then on nothing more is written. -EBUSY if a call is
 * under way. */
int ext2_quiesce(struct ext2fs *fs);
/* Write back the superblock and group descriptors if changed. */
int ext2_write_meta(struct ext2fs *fs);
/* Report a broken rule of the format once per mount; returns -EIO. */
int ext2_corrupt(struct ext2fs *fs, const char *what, uint32_t n);

/* ext2_cache.c: blocks of metadata (bitmaps, inode tables, indirect
 * blocks, directories). */
int ext2_bread(struct ext2fs *fs, uint32_t blk, struct ext2_buf **out);
/* A block about to be filled from scratch: not read. */
int ext2_bnew(struct ext2fs *fs, uint32_t blk, struct ext2_buf **out);
void ext2_bdirty(struct ext2_buf *b);
/* Write back every dirty block; then the superblock and descriptors. */
int ext2_sync(struct ext2fs *fs);
/* Forget blk (freed: a later use reads it again). */
void ext2_bforget(struct ext2fs *fs, uint32_t blk);
/* Raw data I/O of count blocks from blk, bypassing the cache. */
int ext2_data_io(struct ext2fs *fs, bool write, uint32_t blk, uint32_t count,
		 void *buf);

/* ext2_alloc.c */
int ext2_block_alloc(struct ext2fs *fs, uint32_t goal, uint32_t *out);
int ext2_block_free(struct ext2fs *fs, uint32_t blk);
int ext2_inode_alloc(struct ext2fs *fs, uint32_t dir_ino, bool dir,
		     uint32_t *out);
int ext2_inode_free(struct ext2fs *fs, uint32_t ino, bool dir);
/* Whether blk may be a data or indirect block (in range). */
bool ext2_block_ok(const struct ext2fs *fs, uint32_t blk);

/* ext2_inode.c */
int ext2_iget(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in);
int ext2_iput(struct ext2fs *fs, uint32_t ino, const struct ext2_inode *in);
uint64_t ext2_isize(const struct ext2_inode *in);
void ext2_set_isize(struct ext2fs *fs, struct ext2_inode *in, uint64_t size);
/* The physical block of logical block lblk: 0 for a hole, unless alloc,
 * which fills it (*fresh then says so: its old contents are junk).
 * -EFBIG past the largest file. */
int ext2_bmap(struct ext2fs *fs, struct ext2_inode *in, uint64_t lblk,
	      bool alloc, uint32_t *out, bool *fresh);
/* Free the blocks from byte size on; set the size. */
int ext2_itruncate(struct ext2fs *fs, struct ext2_inode *in, uint64_t size);
ssize_t ext2_iread(struct ext2fs *fs, struct ext2_inode *in, void *buf,
		   size_t len, uint64_t at);
ssize_t ext2_iwrite(struct ext2fs *fs, struct ext2_inode *in, const void *buf,
		    size_t len, uint64_t at);
void ext2_stat(const struct ext2fs *fs, uint32_t ino,
	       const struct ext2_inode *in, struct stat *st);
/* The inode's last link went: free it now, or at its last close. */
int ext2_ilinks_gone(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in);
/* Open files: while an inode is open its blocks stay, links or not. */
int ext2_open_get(struct ext2fs *fs, uint32_t ino);
/* The last close of an inode without links frees it. */
int ext2_open_put(struct ext2fs *fs, uint32_t ino);

/* ext2_dir.c */
/* The inode of name (n bytes) in directory in: 0 with *ino, -ENOENT. */
int ext2_lookup(struct ext2fs *fs, struct ext2_inode *dir, const char *name,
		size_t n, uint32_t *ino);
/* Walk path ("/a/b", normalized) to its inode; with parent set, stop
 * at the last component's directory, leaving that component in *last. */
int ext2_walk(struct ext2fs *fs, const char *path, bool parent, uint32_t *ino,
	      const char **last);
int ext2_dir_add(struct ext2fs *fs, uint32_t dir_ino, struct ext2_inode *dir,
		 const char *name, uint32_t ino, mode_t mode);
int ext2_dir_remove(struct ext2fs *fs, uint32_t dir_ino, struct ext2_inode *dir,
		    const char *name);
/* Point name's entry at another inode (rename over an existing name). */
int ext2_dir_retarget(struct ext2fs *fs, struct ext2_inode *dir,
		      const char *name, uint32_t ino, mode_t mode);
/* 1 if the directory holds only "." and "..", 0 if more, or -errno. */
int ext2_dir_empty(struct ext2fs *fs, struct ext2_inode *dir);
/* The entry after cookie *pos (a byte offset): 1 and the entry, 0 at the
 * end, -errno. "." and ".." are skipped. */
int ext2_dir_next(struct ext2fs *fs, struct ext2_inode *dir, uint64_t *pos,
		  uint32_t *ino, char *name, uint8_t *type);
/* A new directory's first block: "." and "..". */
int ext2_dir_init(struct ext2fs *fs, uint32_t ino, struct ext2_inode *in,
		  uint32_t parent);
/* 1 if directory anc is dir or above it, 0 if not, -errno (-EIO for a
 * loop of ".." entries). */
int ext2_dir_is_above(struct ext2fs *fs, uint32_t anc, uint32_t dir);
/* Point directory in's ".." entry at parent. */
int ext2_dir_set_parent(struct ext2fs *fs, struct ext2_inode *in,
			uint32_t parent);

#endif
