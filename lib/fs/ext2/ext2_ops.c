/* SPDX-License-Identifier: MIT */
/*
 * ext2_ops.c: ext2 behind the path calls (struct fs_ops) and its open
 * files (struct file_ops): each call under the file system's lock, its
 * changes written back before it returns (ext2_sync); fsync adds the
 * disk's cache flush.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../fd.h"
#include "../fs.h"
#include "ext2.h"

struct efile {
	struct ext2fs *fs;
	uint32_t ino;
	off_t pos;
	bool append;
	char *dir_path; /* a directory's path from the root, for openat */
};

static void lock(struct ext2fs *fs)
{
	pthread_mutex_lock(&fs->lock);
}

/* Unlock, having written back what the call changed: its result, or the
 * write-back's error if the call itself succeeded. */
static int done(struct ext2fs *fs, int r)
{
	int err = fs->read_only ? 0 : ext2_sync(fs);

	pthread_mutex_unlock(&fs->lock);
	return r < 0 || !err ? r : err;
}

static ssize_t done_n(struct ext2fs *fs, ssize_t r)
{
	int err = fs->read_only ? 0 : ext2_sync(fs);

	pthread_mutex_unlock(&fs->lock);
	return r < 0 || !err ? r : err;
}

static uint32_t now(void)
{
	return (uint32_t)time(NULL);
}

static int changes(const struct ext2fs *fs)
{
	return fs->read_only ? -EROFS : 0;
}

/* ---- open files ------------------------------------------------------ */

static ssize_t file_pread_locked(struct efile *f, void *buf, size_t len,
				 off_t at)
{
	struct ext2_inode in;
	int err = ext2_iget(f->fs, f->ino, &in);

	if (err)
		return err;
	if (S_ISDIR(in.i_mode))
		return -EISDIR;
	if (at < 0)
		return -EINVAL;
	return ext2_iread(f->fs, &in, buf, len, (uint64_t)at);
}

static ssize_t file_pwrite_locked(struct efile *f, const void *buf, size_t len,
				  off_t at)
{
	struct ext2_inode in;
	ssize_t r;
	int err = ext2_iget(f->fs, f->ino, &in);

	if (err)
		return err;
	if (at < 0)
		return -EINVAL;
	if (!len)
		return 0;
	r = ext2_iwrite(f->fs, &in, buf, len, (uint64_t)at);
	err = r > 0 ? ext2_iput(f->fs, f->ino, &in) : 0;
	return err ? err : r;
}

static ssize_t file_read(void *priv, void *buf, size_t len)
{
	struct efile *f = priv;

	lock(f->fs);
	ssize_t r = file_pread_locked(f, buf, len, f->pos);
	if (r > 0)
		f->pos += r;
	pthread_mutex_unlock(&f->fs->lock);
	return r;
}

static ssize_t file_pread(void *priv, void *buf, size_t len, off_t at)
{
	struct efile *f = priv;

	lock(f->fs);
	ssize_t r = file_pread_locked(f, buf, len, at);
	pthread_mutex_unlock(&f->fs->lock);
	return r;
}

static ssize_t file_write(void *priv, const void *buf, size_t len)
{
	struct efile *f = priv;
	struct ext2_inode in;

	lock(f->fs);
	if (f->append && ext2_iget(f->fs, f->ino, &in) == 0)
		f->pos = (off_t)ext2_isize(&in);
	ssize_t r = file_pwrite_locked(f, buf, len, f->pos);
	if (r > 0)
		f->pos += r;
	return done_n(f->fs, r);
}

static ssize_t file_pwrite(void *priv, const void *buf, size_t len, off_t at)
{
	struct efile *f = priv;

	lock(f->fs);
	return done_n(f->fs, file_pwrite_locked(f, buf, len, at));
}

static off_t file_lseek(void *priv, off_t off, int whence)
{
	struct efile *f = priv;
	struct ext2_inode in;
	off_t r = -EINVAL, base = -1;

	lock(f->fs);
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = f->pos;
	else if (whence == SEEK_END && ext2_iget(f->fs, f->ino, &in) == 0)
		base = (off_t)ext2_isize(&in);
	if (base >= 0 && !(off > 0 && base > INT64_MAX - off) &&
	    base + off >= 0)
		r = f->pos = base + off;
	pthread_mutex_unlock(&f->fs->lock);
	return r;
}

/* Truncate or extend (sparsely) inode ino to len. */
static int resize(struct ext2fs *fs, uint32_t ino, off_t len)
{
	struct ext2_inode in;
	int err = changes(fs);

	if (!err)
		err = len < 0 ? -EINVAL : ext2_iget(fs, ino, &in);
	if (!err && S_ISDIR(in.i_mode))
		err = -EISDIR;
	if (err)
		return err;
	if ((uint64_t)len < ext2_isize(&in))
		err = ext2_itruncate(fs, &in, (uint64_t)len);
	else
		ext2_set_isize(fs, &in, (uint64_t)len);
	in.i_mtime = in.i_ctime = now();
	return err ? err : ext2_iput(fs, ino, &in);
}

static int file_truncate(void *priv, off_t len)
{
	struct efile *f = priv;

	lock(f->fs);
	return done(f->fs, resize(f->fs, f->ino, len));
}

static int file_fstat(void *priv, struct stat *st)
{
	struct efile *f = priv;
	struct ext2_inode in;

	lock(f->fs);
	int err = ext2_iget(f->fs, f->ino, &in);
	if (!err)
		ext2_stat(f->fs, f->ino, &in, st);
	pthread_mutex_unlock(&f->fs->lock);
	return err;
}

static int set_mode(struct ext2fs *fs, uint32_t ino, mode_t mode)
{
	struct ext2_inode in;
	int err = changes(fs);

	if (!err)
		err = ext2_iget(fs, ino, &in);
	if (err)
		return err;
	in.i_mode = (uint16_t)((in.i_mode & S_IFMT) | (mode & 07777));
	in.i_ctime = now();
	return ext2_iput(fs, ino, &in);
}

static uint32_t stamp(const struct timespec *ts, uint32_t old)
{
	if (!ts || ts->tv_nsec == UTIME_NOW)
		return now();
	return ts->tv_nsec == UTIME_OMIT ? old : (uint32_t)ts->tv_sec;
}

static int set_times(struct ext2fs *fs, uint32_t ino,
		     const struct timespec ts[2])
{
	struct ext2_inode in;
	int err = changes(fs);

	if (!err)
		err = ext2_iget(fs, ino, &in);
	if (err)
		return err;
	in.i_atime = stamp(ts ? &ts[0] : NULL, in.i_atime);
	in.i_mtime = stamp(ts ? &ts[1] : NULL, in.i_mtime);
	in.i_ctime = now();
	return ext2_iput(fs, ino, &in);
}

static int file_chmod(void *priv, mode_t mode)
{
	struct efile *f = priv;

	lock(f->fs);
	return done(f->fs, set_mode(f->fs, f->ino, mode));
}

static int file_utimens(void *priv, const struct timespec ts[2])
{
	struct efile *f = priv;

	lock(f->fs);
	return done(f->fs, set_times(f->fs, f->ino, ts));
}

static int file_fsync(void *priv)
{
	struct efile *f = priv;
	int err;

	lock(f->fs);
	err = f->fs->read_only ? 0 : ext2_sync(f->fs);
	if (!err && !f->fs->read_only && f->fs->dev.flush)
		err = f->fs->dev.flush(f->fs->dev.ctx);
	pthread_mutex_unlock(&f->fs->lock);
	return err;
}

static int file_close(void *priv)
{
	struct efile *f = priv;
	struct ext2fs *fs = f->fs;

	lock(fs);
	int err = ext2_open_put(fs, f->ino);
	free(f->dir_path);
	free(f);
	return done(fs, err);
}

static int file_dir_path(void *priv, char *out)
{
	struct efile *f = priv;

	if (!f->dir_path)
		return -ENOTDIR;
	strcpy(out, f->dir_path);
	return 0;
}

static const struct file_ops ext2_file_ops = {
	.read = file_read,
	.write = file_write,
	.pread = file_pread,
	.pwrite = file_pwrite,
	.lseek = file_lseek,
	.truncate = file_truncate,
	.fstat = file_fstat,
	.close = file_close,
	.dir_path = file_dir_path,
	.chmod = file_chmod,
	.utimens = file_utimens,
	.fsync = file_fsync,
};

/* ---- the path operations --------------------------------------------- */

/* A new inode of mode in directory dir_ino, entered there as name. */
static int create(struct ext2fs *fs, uint32_t dir_ino, const char *name,
		  mode_t mode, uint32_t *out)
{
	bool dir = S_ISDIR(mode);
	struct ext2_inode in = { 0 }, parent;
	uint32_t ino;
	int err = changes(fs);

	if (!err)
		err = ext2_iget(fs, dir_ino, &parent);
	if (!err && !parent.i_links_count)
		err = -ENOENT; /* a directory since removed */
	if (!err && strlen(name) > EXT2_NAME_LEN)
		err = -ENAMETOOLONG;
	if (!err)
		err = ext2_inode_alloc(fs, dir_ino, dir, &ino);
	if (err)
		return err;
	in.i_mode = (uint16_t)mode;
	in.i_links_count = dir ? 2 : 1;
	in.i_atime = in.i_ctime = in.i_mtime = now();
	if (dir)
		err = ext2_dir_init(fs, ino, &in, dir_ino);
	if (!err)
		err = ext2_iput(fs, ino, &in);
	if (!err)
		err = ext2_dir_add(fs, dir_ino, &parent, name, ino, mode);
	if (err) { /* give back what was taken */
		ext2_itruncate(fs, &in, 0);
		in.i_links_count = 0, in.i_dtime = now();
		ext2_iput(fs, ino, &in);
		ext2_inode_free(fs, ino, dir);
		return err;
	}
	if (dir) {
		ext2_iget(fs, dir_ino, &parent);
		parent.i_links_count++;
		err = ext2_iput(fs, dir_ino, &parent);
	}
	*out = ino;
	return err;
}

static int open_inode(struct ext2fs *fs, const char *path, int flags,
		      mode_t mode, uint32_t *ino, struct ext2_inode *in)
{
	const char *name;
	uint32_t dir;
	int err = ext2_walk(fs, path, true, &dir, &name);

	if (err == -EBUSY) { /* the root itself */
		*ino = EXT2_ROOT_INO;
		err = 0;
	} else if (!err) {
		struct ext2_inode d;
		err = ext2_iget(fs, dir, &d);
		if (!err)
			err = ext2_lookup(fs, &d, name, strlen(name), ino);
		if (!err && (flags & O_CREAT) && (flags & O_EXCL))
			return -EEXIST;
		if (err == -ENOENT && (flags & O_CREAT))
			err = create(fs, dir, name, S_IFREG | (mode & 07777),
				     ino);
	}
	return err ? err : ext2_iget(fs, *ino, in);
}

static int ext2_open(void *fsp, const char *path, int flags, mode_t mode)
{
	struct ext2fs *fs = fsp;
	bool writes = (flags & O_ACCMODE) != O_RDONLY;
	struct efile *f = calloc(1, sizeof(*f));
	struct ext2_inode in;
	uint32_t ino;
	int err = f ? 0 : -ENOMEM;

	lock(fs);
	if (!err && (writes || (flags & (O_CREAT | O_TRUNC))))
		err = changes(fs);
	if (!err)
		err = open_inode(fs, path, flags, mode, &ino, &in);
	if (!err && S_ISDIR(in.i_mode) &&
	    (writes || (flags & (O_TRUNC | O_CREAT))))
		err = -EISDIR;
	if (!err && (flags & O_DIRECTORY) && !S_ISDIR(in.i_mode))
		err = -ENOTDIR;
	if (!err && S_ISLNK(in.i_mode))
		err = -ELOOP; /* symbolic links are not followed */
	if (!err && writes && (flags & O_TRUNC) && S_ISREG(in.i_mode))
		err = resize(fs, ino, 0);
	if (!err && S_ISDIR(in.i_mode)) {
		/* Its path from the root: the mount point's, then its own
		 * (the mount point alone for the file system's root). */
		bool top = strcmp(path, "/") == 0 && *fs->at;
		size_t n = strlen(fs->at) + strlen(path) + 1;
		f->dir_path = malloc(n);
		if (f->dir_path)
			snprintf(f->dir_path, n, "%s%s", fs->at,
				 top ? "" : path);
		else
			err = -ENOMEM;
	}
	if (!err)
		err = ext2_open_get(fs, ino);
	if (!err) {
		f->fs = fs, f->ino = ino, f->append = flags & O_APPEND;
		err = fd_install(&ext2_file_ops, f, flags);
		if (err < 0)
			ext2_open_put(fs, ino);
	}
	if (err < 0 && f) {
		free(f->dir_path);
		free(f);
	}
	return done(fs, err);
}

static int on_path(struct ext2fs *fs, const char *path, uint32_t *ino,
		   struct ext2_inode *in)
{
	int err = ext2_walk(fs, path, false, ino, NULL);

	return err ? err : ext2_iget(fs, *ino, in);
}

static int ext2_stat_path(void *fsp, const char *path, struct stat *st)
{
	struct ext2fs *fs = fsp;
	struct ext2_inode in;
	uint32_t ino;

	lock(fs);
	int err = on_path(fs, path, &ino, &in);
	if (!err)
		ext2_stat(fs, ino, &in, st);
	pthread_mutex_unlock(&fs->lock);
	return err;
}

static unsigned char dt_of(uint8_t ft)
{
	static const unsigned char dt[] = { DT_UNKNOWN, DT_REG, DT_DIR,
					    DT_CHR,     DT_BLK, DT_FIFO,
					    DT_SOCK,    DT_LNK };
	return ft < sizeof(dt) ? dt[ft] : DT_UNKNOWN;
}

static int ext2_readdir(void *fsp, const char *path, long *pos,
			struct dirent *ent)
{
	struct ext2fs *fs = fsp;
	struct ext2_inode in;
	uint64_t at = (uint64_t)*pos;
	uint32_t ino, child;
	uint8_t type;
	int r;

	if (*pos < 0)
		return 0; /* the end, seen before */
	lock(fs);
	r = on_path(fs, path, &ino, &in);
	if (!r && !S_ISDIR(in.i_mode))
		r = -ENOTDIR;
	if (!r)
		r = ext2_dir_next(fs, &in, &at, &child, ent->d_name, &type);
	pthread_mutex_unlock(&fs->lock);
	if (r == 1) {
		ent->d_ino = child;
		ent->d_type = dt_of(type);
		*pos = at > LONG_MAX ? -1 : (long)at;
	} else if (r == 0) {
		*pos = -1;
	}
	return r;
}

static int ext2_mkdir(void *fsp, const char *path, mode_t mode)
{
	struct ext2fs *fs = fsp;
	const char *name;
	uint32_t dir, ino;
	struct ext2_inode d;

	lock(fs);
	int err = changes(fs);
	if (!err)
		err = ext2_walk(fs, path, true, &dir, &name);
	if (err == -EBUSY)
		err = -EEXIST; /* the root */
	if (!err)
		err = ext2_iget(fs, dir, &d);
	if (!err) {
		err = ext2_lookup(fs, &d, name, strlen(name), &ino);
		if (err == -ENOENT)
			err = create(fs, dir, name, S_IFDIR | (mode & 07777),
				     &ino);
		else if (!err)
			err = -EEXIST;
	}
	return done(fs, err);
}

/* Remove name from directory dir (inode d): the entry, then the link. */
static int remove_entry(struct ext2fs *fs, uint32_t dir, const char *name,
			bool want_dir)
{
	struct ext2_inode d, in;
	uint32_t ino;
	int err = ext2_iget(fs, dir, &d);

	if (!err)
		err = ext2_lookup(fs, &d, name, strlen(name), &ino);
	if (!err)
		err = ext2_iget(fs, ino, &in);
	if (err)
		return err;
	if (S_ISDIR(in.i_mode) != want_dir)
		return want_dir ? -ENOTDIR : -EISDIR;
	if (want_dir && (err = ext2_dir_empty(fs, &in)) != 1)
		return err < 0 ? err : -ENOTEMPTY;
	err = ext2_dir_remove(fs, dir, &d, name);
	if (err)
		return err;
	if (want_dir) {
		ext2_iget(fs, dir, &d);
		d.i_links_count--;
		err = ext2_iput(fs, dir, &d);
		return err ? err : ext2_ilinks_gone(fs, ino, &in);
	}
	in.i_ctime = now();
	if (--in.i_links_count)
		return ext2_iput(fs, ino, &in);
	return ext2_ilinks_gone(fs, ino, &in);
}

static int unlink_path(struct ext2fs *fs, const char *path, bool dir)
{
	const char *name;
	uint32_t parent;
	int err = changes(fs);

	if (!err)
		err = ext2_walk(fs, path, true, &parent, &name);
	if (!err)
		err = remove_entry(fs, parent, name, dir);
	return err;
}

static int ext2_unlink(void *fsp, const char *path)
{
	struct ext2fs *fs = fsp;

	lock(fs);
	return done(fs, unlink_path(fs, path, false));
}

static int ext2_rmdir(void *fsp, const char *path)
{
	struct ext2fs *fs = fsp;

	lock(fs);
	return done(fs, unlink_path(fs, path, true));
}

/* rename's checks of what it moves (from) over what is there (to). */
static int replaceable(struct ext2fs *fs, const struct ext2_inode *from,
		       struct ext2_inode *to)
{
	int r;

	if (S_ISDIR(from->i_mode) && !S_ISDIR(to->i_mode))
		return -ENOTDIR;
	if (!S_ISDIR(from->i_mode) && S_ISDIR(to->i_mode))
		return -EISDIR;
	if (S_ISDIR(to->i_mode) && (r = ext2_dir_empty(fs, to)) != 1)
		return r < 0 ? r : -ENOTEMPTY;
	return 0;
}

/* Add the link count delta to directory ino. */
static int relink(struct ext2fs *fs, uint32_t ino, int delta)
{
	struct ext2_inode d;
	int err = ext2_iget(fs, ino, &d);

	if (err)
		return err;
	d.i_links_count = (uint16_t)(d.i_links_count + delta);
	d.i_ctime = d.i_mtime = now();
	return ext2_iput(fs, ino, &d);
}

static int move(struct ext2fs *fs, const char *from, const char *to)
{
	const char *fname, *tname;
	uint32_t fdir, tdir, fino, tino = 0;
	struct ext2_inode fd, td, fin, tin;
	int err = changes(fs);

	if (!err)
		err = ext2_walk(fs, from, true, &fdir, &fname);
	if (!err)
		err = ext2_walk(fs, to, true, &tdir, &tname);
	if (!err)
		err = ext2_iget(fs, fdir, &fd);
	if (!err)
		err = ext2_lookup(fs, &fd, fname, strlen(fname), &fino);
	if (!err)
		err = ext2_iget(fs, fino, &fin);
	if (!err)
		err = ext2_iget(fs, tdir, &td);
	if (err)
		return err;
	err = ext2_lookup(fs, &td, tname, strlen(tname), &tino);
	if (err && err != -ENOENT)
		return err;
	if (!err && tino == fino)
		return 0; /* two names of one file: nothing to do */
	bool dir = S_ISDIR(fin.i_mode);
	if (dir && (err = ext2_dir_is_above(fs, fino, tdir)) != 0)
		return err < 0 ? err : -EINVAL; /* into itself */
	if (tino) {
		err = ext2_iget(fs, tino, &tin);
		if (!err)
			err = replaceable(fs, &fin, &tin);
		if (!err)
			err = ext2_dir_retarget(fs, &td, tname, fino,
						fin.i_mode);
		if (!err && dir)
			err = relink(fs, tdir, -1); /* tin's ".." */
		if (!err) {
			tin.i_links_count = dir ? 0 : tin.i_links_count - 1;
			tin.i_ctime = now();
			err = tin.i_links_count
				      ? ext2_iput(fs, tino, &tin)
				      : ext2_ilinks_gone(fs, tino, &tin);
		}
	} else {
		err = ext2_dir_add(fs, tdir, &td, tname, fino, fin.i_mode);
	}
	if (!err)
		err = ext2_iget(fs, fdir, &fd);
	if (!err)
		err = ext2_dir_remove(fs, fdir, &fd, fname);
	if (!err && dir && fdir != tdir) {
		err = ext2_dir_set_parent(fs, &fin, tdir);
		if (!err)
			err = relink(fs, fdir, -1);
		if (!err)
			err = relink(fs, tdir, +1);
	}
	if (!err && ext2_iget(fs, fino, &fin) == 0) {
		fin.i_ctime = now();
		err = ext2_iput(fs, fino, &fin);
	}
	return err;
}

static int ext2_rename(void *fsp, const char *from, const char *to)
{
	struct ext2fs *fs = fsp;

	if (strcmp(from, "/") == 0 || strcmp(to, "/") == 0)
		return -EBUSY;
	lock(fs);
	return done(fs, move(fs, from, to));
}

/* Run a change on the inode at path, under the lock, written back. */
typedef int ino_fn(struct ext2fs *fs, uint32_t ino, const void *arg);

static int on_ino(void *fsp, const char *path, ino_fn *fn, const void *arg)
{
	struct ext2fs *fs = fsp;
	uint32_t ino;

	lock(fs);
	int err = ext2_walk(fs, path, false, &ino, NULL);
	if (!err)
		err = fn(fs, ino, arg);
	return done(fs, err);
}

static int resize_fn(struct ext2fs *fs, uint32_t ino, const void *arg)
{
	return resize(fs, ino, *(const off_t *)arg);
}

static int mode_fn(struct ext2fs *fs, uint32_t ino, const void *arg)
{
	return set_mode(fs, ino, *(const mode_t *)arg);
}

static int times_fn(struct ext2fs *fs, uint32_t ino, const void *arg)
{
	return set_times(fs, ino, arg);
}

static int ext2_truncate_path(void *fsp, const char *path, off_t len)
{
	return on_ino(fsp, path, resize_fn, &len);
}

static int ext2_chmod_path(void *fsp, const char *path, mode_t mode)
{
	return on_ino(fsp, path, mode_fn, &mode);
}

static int ext2_utimens_path(void *fsp, const char *path,
			     const struct timespec ts[2])
{
	return on_ino(fsp, path, times_fn, ts);
}

const struct fs_ops fs_ext2_ops = {
	.open = ext2_open,
	.stat = ext2_stat_path,
	.readdir = ext2_readdir,
	.mkdir = ext2_mkdir,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.truncate = ext2_truncate_path,
	.chmod = ext2_chmod_path,
	.utimens = ext2_utimens_path,
};
