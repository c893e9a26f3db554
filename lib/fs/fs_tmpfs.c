/* SPDX-License-Identifier: MIT */
/*
 * fs_tmpfs.c: a writable file system in memory (fs.h), mounted at /tmp
 * and, filled from the boot archive, at /: a tree of nodes whose files
 * keep their bytes in one growing heap block — or, for a file the archive
 * gave, in the archive until the first change (then copied). Each
 * tmpfs's file bytes are held to a limit (fs_mount.c's options, by
 * default a quarter of the heap); past it writes say ENOSPC. A node
 * unlinked while open lives on until its last close, as POSIX asks. One
 * lock per tmpfs serializes its calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukos/kmain.h>

#include "../fd.h"
#include "fs.h"

struct tnode {
	char *name; /* NULL for the root */
	mode_t mode;
	ino_t ino;
	time_t atime, mtime, ctime; /* atime: set, never by reading */
	struct tnode *parent;
	struct tnode *kids, *last_kid; /* in ino order */
	struct tnode *next, *prev;     /* among the parent's kids */
	struct tnode *hnext;           /* in the tmpfs's name table */
	/* The bytes: a heap block of cap bytes, or with cap 0 and data set,
	 * the archive's (borrowed(): never changed or freed). */
	char *data;
	size_t size, cap;
	bool linked;    /* in a directory (the root always) */
	unsigned opens; /* open files */
};

static bool borrowed(const struct tnode *n)
{
	return n->data && !n->cap;
}

struct tmpfs {
	struct tnode root;
	pthread_mutex_t lock;
	ino_t last_ino;
	/* The entry readdir gave last: the next call usually starts after
	 * it. */
	struct tnode *readdir_hint;
	size_t used;    /* bytes held by files (their caps) */
	uint64_t limit; /* 0: a quarter of the heap */
	const char *at; /* mounted at; "" for the root */
	/* Every named node by (parent, name), so a lookup in a directory of
	 * 20000 entries (an archive's) is not a walk of its list. */
	struct tnode **names;
	size_t names_cap, names_count; /* cap a power of two */
};

struct tmpfs *fs_tmpfs_new(const char *at, mode_t root_mode, uint64_t limit)
{
	struct tmpfs *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->root = (struct tnode){ .mode = root_mode, .ino = 1, .linked = 1 };
	t->root.atime = t->root.mtime = t->root.ctime = time(NULL);
	pthread_mutex_init(&t->lock, NULL);
	t->last_ino = 1;
	t->limit = limit;
	t->at = strcmp(at, "/") == 0 ? "" : at;
	t->names_cap = 64;
	t->names = calloc(t->names_cap, sizeof(*t->names));
	if (!t->names) {
		free(t);
		return NULL;
	}
	return t;
}

static uint64_t room(const struct tmpfs *t)
{
	uint64_t max =
		t->limit ? t->limit : (ukos_heap.end - ukos_heap.start) / 4;

	return max > t->used ? max - t->used : 0;
}

/* ---- the tree -------------------------------------------------------- */

/* FNV-1a of the name, mixed with its directory. */
static size_t name_hash(const struct tnode *dir, const char *name, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ (uintptr_t)dir;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 1099511628211ull;
	return (size_t)(h ^ h >> 29);
}

static struct tnode **name_slot(struct tmpfs *t, const struct tnode *dir,
				const char *name, size_t n)
{
	return &t->names[name_hash(dir, name, n) & (t->names_cap - 1)];
}

/* Twice the room when the table is full; kept as it is if that fails. */
static void names_grow(struct tmpfs *t)
{
	size_t cap = t->names_cap * 2;
	struct tnode **more = calloc(cap, sizeof(*more)), **old = t->names;

	if (!more)
		return;
	t->names = more, t->names_cap = cap;
	for (size_t i = 0; i < cap / 2; i++)
		for (struct tnode *k = old[i], *next; k; k = next) {
			struct tnode **at = name_slot(t, k->parent, k->name,
						      strlen(k->name));
			next = k->hnext;
			k->hnext = *at, *at = k;
		}
	free(old);
}

static void names_add(struct tmpfs *t, struct tnode *n)
{
	struct tnode **at;

	if (t->names_count >= t->names_cap)
		names_grow(t);
	at = name_slot(t, n->parent, n->name, strlen(n->name));
	n->hnext = *at, *at = n;
	t->names_count++;
}

static void names_remove(struct tmpfs *t, struct tnode *n)
{
	struct tnode **at = name_slot(t, n->parent, n->name, strlen(n->name));

	while (*at != n)
		at = &(*at)->hnext;
	*at = n->hnext;
	t->names_count--;
}

static struct tnode *child(struct tmpfs *t, const struct tnode *dir,
			   const char *name, size_t n)
{
	for (struct tnode *k = *name_slot(t, dir, name, n); k; k = k->hnext)
		if (k->parent == dir && strncmp(k->name, name, n) == 0 &&
		    !k->name[n])
			return k;
	return NULL;
}

/* The node at path, or NULL with *err: ENOENT, or ENOTDIR when a
 * component on the way is no directory. With last, stop at the parent of
 * path's last component (which may not exist) and point *last at it. */
static struct tnode *walk(struct tmpfs *t, const char *path, const char **last,
			  int *err)
{
	struct tnode *n = &t->root;

	for (const char *p = path + 1; *p;) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!S_ISDIR(n->mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		if (!e && last) {
			*last = p;
			return len > NAME_MAX ? (*err = -ENAMETOOLONG, NULL)
					      : n;
		}
		n = child(t, n, p, len);
		if (!n) {
			*err = -ENOENT;
			return NULL;
		}
		p += len + (e ? 1 : 0);
	}
	if (last) /* the root has no parent */
		*err = -EBUSY, n = NULL;
	return n;
}

/* Into dir's kids in ino order: at the end for a new node, the usual
 * case; a renamed one keeps its ino and finds its place. */
static void attach(struct tmpfs *t, struct tnode *dir, struct tnode *n)
{
	struct tnode *after = dir->last_kid;

	while (after && after->ino > n->ino)
		after = after->prev;
	n->prev = after;
	n->next = after ? after->next : dir->kids;
	if (n->next)
		n->next->prev = n;
	else
		dir->last_kid = n;
	if (after)
		after->next = n;
	else
		dir->kids = n;
	n->parent = dir;
	n->linked = true;
	names_add(t, n);
	dir->mtime = dir->ctime = time(NULL);
}

static void detach(struct tmpfs *t, struct tnode *n)
{
	struct tnode *dir = n->parent;

	names_remove(t, n);
	if (n->prev)
		n->prev->next = n->next;
	else
		dir->kids = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		dir->last_kid = n->prev;
	n->linked = false;
	if (t->readdir_hint == n)
		t->readdir_hint = NULL;
	dir->mtime = dir->ctime = time(NULL);
}

/* Free n once nothing names it and nothing has it open. */
static void release(struct tmpfs *t, struct tnode *n)
{
	if (n->linked || n->opens)
		return;
	t->used -= n->cap;
	if (!borrowed(n))
		free(n->data);
	free(n->name);
	free(n);
}

static int create(struct tmpfs *t, struct tnode *dir, const char *name,
		  mode_t mode, struct tnode **out)
{
	struct tnode *n = calloc(1, sizeof(*n));

	if (!n || !(n->name = strdup(name))) {
		free(n);
		return -ENOMEM;
	}
	n->mode = mode;
	n->ino = ++t->last_ino;
	n->atime = n->mtime = n->ctime = time(NULL);
	attach(t, dir, n);
	*out = n;
	return 0;
}

int fs_tmpfs_add(struct tmpfs *t, const char *path, mode_t mode, time_t mtime,
		 const void *data, size_t size)
{
	const char *name;
	int err = 0;
	struct tnode *n;

	pthread_mutex_lock(&t->lock);
	struct tnode *dir = walk(t, path, &name, &err);
	if (!dir)
		err = err == -EBUSY ? -EEXIST : err;
	else if (child(t, dir, name, strlen(name)))
		err = -EEXIST;
	else {
		/* The archive's times stand: its parent's too. */
		time_t dir_mtime = dir->mtime, dir_ctime = dir->ctime;
		err = create(t, dir, name, mode, &n);
		dir->mtime = dir_mtime, dir->ctime = dir_ctime;
	}
	if (!err) {
		n->atime = n->mtime = n->ctime = mtime;
		n->data = size ? (char *)data : NULL, n->size = size;
	}
	pthread_mutex_unlock(&t->lock);
	return err;
}

/* Give n bytes of its own in place of the archive's: 0, -ENOSPC past
 * the limit, -ENOMEM. */
static int own(struct tmpfs *t, struct tnode *n)
{
	char *mine = NULL;

	if (n->size > room(t))
		return -ENOSPC;
	if (n->size && !(mine = malloc(n->size)))
		return -ENOMEM;
	if (n->size)
		memcpy(mine, n->data, n->size);
	n->data = mine, n->cap = n->size;
	t->used += n->cap;
	return 0;
}

/* Give a truncated file's memory back: all of it, or the unused half. */
static void shrink(struct tmpfs *t, struct tnode *n)
{
	char *less = NULL;

	if (borrowed(n) || n->size > n->cap / 2)
		return;
	if (n->size && !(less = realloc(n->data, n->size)))
		return; /* keeping the larger block is harmless */
	if (!n->size)
		free(n->data);
	t->used -= n->cap - n->size;
	n->data = less, n->cap = n->size;
}

/* Make n's bytes [0, len) exist: zeros where it grows. 0, -ENOSPC past
 * the limit, -ENOMEM. A borrowed file cut shorter still borrows. */
static int resize(struct tmpfs *t, struct tnode *n, uint64_t len)
{
	int err;

	if (borrowed(n) && len > n->size && (err = own(t, n)))
		return err;
	if (len > n->cap && !borrowed(n)) {
		uint64_t cap = n->cap * 2 > len ? n->cap * 2 : len;
		cap = cap < 64 ? 64 : cap;
		if (cap - n->cap > room(t))
			cap = len;
		if (cap - n->cap > room(t) || cap > SIZE_MAX)
			return -ENOSPC;
		char *more = realloc(n->data, (size_t)cap);
		if (!more)
			return -ENOMEM;
		t->used += (size_t)cap - n->cap;
		n->data = more, n->cap = (size_t)cap;
	}
	if (len > n->size)
		memset(n->data + n->size, 0, (size_t)len - n->size);
	bool smaller = len < n->size;
	n->size = (size_t)len;
	if (smaller)
		shrink(t, n);
	if (!n->size && borrowed(n))
		n->data = NULL;
	n->mtime = n->ctime = time(NULL);
	return 0;
}

static void fill_stat(const struct tnode *n, struct stat *st)
{
	size_t held = borrowed(n) ? n->size : n->cap;

	memset(st, 0, sizeof(*st));
	st->st_ino = n->ino;
	st->st_mode = n->mode;
	st->st_nlink = n->linked;
	if (S_ISDIR(n->mode)) {
		st->st_nlink = 2;
		for (const struct tnode *k = n->kids; k; k = k->next)
			st->st_nlink += S_ISDIR(k->mode);
	}
	st->st_size = (off_t)n->size;
	st->st_mtime = n->mtime;
	st->st_ctime = n->ctime;
	st->st_atime = n->atime;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)((held + 511) / 512);
}

/* ---- open files ------------------------------------------------------ */

struct tfile {
	struct tmpfs *t;
	struct tnode *n;
	off_t pos;
	bool append;
};

static ssize_t do_pread(struct tnode *n, void *buf, size_t len, off_t at)
{
	if (S_ISDIR(n->mode))
		return -EISDIR;
	if (at < 0)
		return -EINVAL;
	if ((uint64_t)at >= n->size)
		return 0;
	if (len > n->size - (size_t)at)
		len = n->size - (size_t)at;
	memcpy(buf, n->data + at, len);
	return (ssize_t)len;
}

/* Writes what fits: a short count at the limit, ENOSPC if nothing did. */
static ssize_t do_pwrite(struct tmpfs *t, struct tnode *n, const void *buf,
			 size_t len, off_t at)
{
	uint64_t end, most;
	int err;

	if (len > INT64_MAX)
		len = INT64_MAX;
	if (at < 0 || (uint64_t)at > INT64_MAX - len)
		return at < 0 ? -EINVAL : -EFBIG;
	if (!len)
		return 0;
	if (borrowed(n) && (err = own(t, n)))
		return err;
	end = (uint64_t)at + len;
	most = n->cap + room(t);
	if (end > n->size && end > most) {
		if ((uint64_t)at >= most)
			return -ENOSPC;
		end = most, len = (size_t)(most - (uint64_t)at);
	}
	if (end > n->size && (err = resize(t, n, end)))
		return err;
	memcpy(n->data + at, buf, len);
	n->mtime = n->ctime = time(NULL);
	return (ssize_t)len;
}

static ssize_t file_read(void *priv, void *buf, size_t len)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	ssize_t r = do_pread(f->n, buf, len, f->pos);
	if (r > 0)
		f->pos += r;
	pthread_mutex_unlock(&f->t->lock);
	return r;
}

static ssize_t file_pread(void *priv, void *buf, size_t len, off_t at)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	ssize_t r = do_pread(f->n, buf, len, at);
	pthread_mutex_unlock(&f->t->lock);
	return r;
}

static ssize_t file_write(void *priv, const void *buf, size_t len)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	if (f->append)
		f->pos = (off_t)f->n->size;
	ssize_t r = do_pwrite(f->t, f->n, buf, len, f->pos);
	if (r > 0)
		f->pos += r;
	pthread_mutex_unlock(&f->t->lock);
	return r;
}

static ssize_t file_pwrite(void *priv, const void *buf, size_t len, off_t at)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	ssize_t r = do_pwrite(f->t, f->n, buf, len, at);
	pthread_mutex_unlock(&f->t->lock);
	return r;
}

static off_t file_lseek(void *priv, off_t off, int whence)
{
	struct tfile *f = priv;
	off_t r = -EINVAL;

	pthread_mutex_lock(&f->t->lock);
	off_t base = whence == SEEK_SET   ? 0
		     : whence == SEEK_CUR ? f->pos
		     : whence == SEEK_END ? (off_t)f->n->size
					  : -1;
	if (base >= 0 && !(off > 0 && base > INT64_MAX - off) &&
	    base + off >= 0)
		r = f->pos = base + off;
	pthread_mutex_unlock(&f->t->lock);
	return r;
}

/* What the path and file calls do to a node, with the lock held: each
 * takes its argument through arg. */
typedef int node_fn(struct tmpfs *t, struct tnode *n, const void *arg);

static int node_stat(struct tmpfs *t, struct tnode *n, const void *arg)
{
	(void)t;
	fill_stat(n, (struct stat *)arg);
	return 0;
}

/* Permission bits only: the type stays (POSIX chmod). */
static int node_chmod(struct tmpfs *t, struct tnode *n, const void *arg)
{
	(void)t;
	n->mode = (n->mode & S_IFMT) | (*(const mode_t *)arg & 07777);
	n->ctime = time(NULL);
	return 0;
}

/* POSIX utimensat: each time given, now, or left (checked already). */
static int node_times(struct tmpfs *t, struct tnode *n, const void *arg)
{
	const struct timespec *ts = arg;
	time_t now = time(NULL);
	time_t *field[2] = { &n->atime, &n->mtime };

	(void)t;
	for (int i = 0; i < 2; i++)
		if (!ts || ts[i].tv_nsec == UTIME_NOW)
			*field[i] = now;
		else if (ts[i].tv_nsec != UTIME_OMIT)
			*field[i] = ts[i].tv_sec;
	n->ctime = now;
	return 0;
}

static int node_truncate(struct tmpfs *t, struct tnode *n, const void *arg)
{
	off_t len = *(const off_t *)arg;

	if (S_ISDIR(n->mode))
		return -EISDIR;
	return len < 0 ? -EINVAL : resize(t, n, (uint64_t)len);
}

/* Run fn on an open file's node under the lock. */
static int on_file(void *priv, node_fn *fn, const void *arg)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	int err = fn(f->t, f->n, arg);
	pthread_mutex_unlock(&f->t->lock);
	return err;
}

static int file_fstat(void *priv, struct stat *st)
{
	return on_file(priv, node_stat, st);
}

/* ftruncate of a directory: POSIX's EINVAL, not truncate's EISDIR. */
static int file_truncate(void *priv, off_t len)
{
	int err = on_file(priv, node_truncate, &len);

	return err == -EISDIR ? -EINVAL : err;
}

static int file_chmod(void *priv, mode_t mode)
{
	return on_file(priv, node_chmod, &mode);
}

static int file_utimens(void *priv, const struct timespec ts[2])
{
	return on_file(priv, node_times, ts);
}

static int file_close(void *priv)
{
	struct tfile *f = priv;

	pthread_mutex_lock(&f->t->lock);
	f->n->opens--;
	release(f->t, f->n);
	pthread_mutex_unlock(&f->t->lock);
	free(f);
	return 0;
}

/* The path of n, from its names up to the root, under the mount point. */
static int file_dir_path(void *priv, char *out)
{
	struct tfile *f = priv;
	const struct tnode *n = f->n;
	char buf[PATH_MAX];
	size_t at = sizeof(buf) - 1;
	int err = 0;

	pthread_mutex_lock(&f->t->lock);
	if (!S_ISDIR(n->mode))
		err = -ENOTDIR;
	buf[at] = '\0';
	for (; !err && n != &f->t->root; n = n->parent) {
		size_t l = strlen(n->name);
		if (!n->linked)
			err = -ENOENT; /* it, or a directory above, was removed */
		else if (l + 1 + strlen(f->t->at) > at)
			err = -ENAMETOOLONG;
		else
			at -= l + 1, buf[at] = '/',
				     memcpy(buf + at + 1, n->name, l);
	}
	pthread_mutex_unlock(&f->t->lock);
	if (!err && !buf[at]) /* the root of the tmpfs */
		strcpy(out, *f->t->at ? f->t->at : "/");
	else if (!err)
		strcat(strcpy(out, f->t->at), buf + at);
	return err;
}

static const struct file_ops tmpfs_file_ops = {
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
};

/* ---- the path operations --------------------------------------------- */

/* The node open() is after: found, or made for O_CREAT. */
static int open_node(struct tmpfs *t, const char *path, int flags, mode_t mode,
		     struct tnode **out)
{
	const char *name;
	int err = 0;
	struct tnode *dir = walk(t, path, &name, &err), *n;

	if (!dir && err != -EBUSY) /* EBUSY: path is the root */
		return err;
	n = dir ? child(t, dir, name, strlen(name)) : &t->root;
	if (n && (flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (n) {
		*out = n;
		return 0;
	}
	if (!(flags & O_CREAT))
		return -ENOENT;
	return create(t, dir, name, S_IFREG | (mode & 07777), out);
}

static int tmpfs_open(void *fs, const char *path, int flags, mode_t mode)
{
	bool writes = (flags & O_ACCMODE) != O_RDONLY;
	struct tfile *f = malloc(sizeof(*f));
	struct tmpfs *t = fs;
	struct tnode *n = NULL;
	int err;

	if (!f)
		return -ENOMEM;
	pthread_mutex_lock(&t->lock);
	err = open_node(t, path, flags, mode, &n);
	if (!err && S_ISDIR(n->mode) &&
	    (writes || (flags & (O_TRUNC | O_CREAT))))
		err = -EISDIR;
	if (!err && (flags & O_DIRECTORY) && !S_ISDIR(n->mode))
		err = -ENOTDIR;
	if (!err && writes && (flags & O_TRUNC))
		err = resize(t, n, 0);
	if (!err) {
		*f = (struct tfile){ t, n, 0, (flags & O_APPEND) != 0 };
		n->opens++;
		err = fd_install(&tmpfs_file_ops, f, flags);
		if (err < 0)
			n->opens--;
	}
	pthread_mutex_unlock(&t->lock);
	if (err < 0)
		free(f);
	return err;
}

/* Run fn on the node at path under the lock: its result, or the
 * lookup's error. */
static int on_path(struct tmpfs *t, const char *path, node_fn *fn,
		   const void *arg)
{
	int err = 0;

	pthread_mutex_lock(&t->lock);
	struct tnode *n = walk(t, path, NULL, &err);
	if (n)
		err = fn(t, n, arg);
	pthread_mutex_unlock(&t->lock);
	return err;
}

static int tmpfs_stat(void *fs, const char *path, struct stat *st)
{
	return on_path(fs, path, node_stat, st);
}

/* The first of dir's entries after inode pos: kids are kept in inode
 * order, so the one after the last given, when that one is still there. */
static struct tnode *kid_after(struct tmpfs *t, struct tnode *dir, ino_t pos)
{
	struct tnode *k = t->readdir_hint;

	if (pos && k && k->parent == dir && k->ino == pos)
		return k->next;
	for (k = dir->kids; k && k->ino <= pos; k = k->next)
		;
	return k;
}

/* The cookie is the last inode given. */
static int tmpfs_readdir(void *fs, const char *path, long *pos,
			 struct dirent *ent)
{
	struct tmpfs *t = fs;
	int err = 0;

	pthread_mutex_lock(&t->lock);
	struct tnode *d = walk(t, path, NULL, &err), *k = NULL;
	if (d && !S_ISDIR(d->mode))
		err = -ENOTDIR;
	if (!err)
		k = t->readdir_hint = kid_after(t, d, (ino_t)*pos);
	if (k) {
		strcpy(ent->d_name, k->name);
		ent->d_ino = k->ino;
		ent->d_type = S_ISDIR(k->mode) ? DT_DIR : DT_REG;
		*pos = (long)k->ino;
	}
	pthread_mutex_unlock(&t->lock);
	return err ? err : k != NULL;
}

static int tmpfs_mkdir(void *fs, const char *path, mode_t mode)
{
	struct tmpfs *t = fs;
	const char *name;
	int err = 0;
	struct tnode *n;

	pthread_mutex_lock(&t->lock);
	struct tnode *dir = walk(t, path, &name, &err);
	if (dir && child(t, dir, name, strlen(name)))
		err = -EEXIST;
	else if (dir)
		err = create(t, dir, name, S_IFDIR | (mode & 07777), &n);
	pthread_mutex_unlock(&t->lock);
	return err == -EBUSY ? -EEXIST : err;
}

/* Unlink (dir: rmdir) the node at path. */
static int remove_node(struct tmpfs *t, const char *path, bool dir)
{
	int err = 0;

	pthread_mutex_lock(&t->lock);
	struct tnode *n = walk(t, path, NULL, &err);
	if (n == &t->root)
		err = -EBUSY;
	else if (n && dir != !!S_ISDIR(n->mode))
		err = dir ? -ENOTDIR : -EISDIR;
	else if (n && n->kids)
		err = -ENOTEMPTY;
	if (!err) {
		detach(t, n);
		release(t, n);
	}
	pthread_mutex_unlock(&t->lock);
	return err;
}

static int tmpfs_unlink(void *fs, const char *path)
{
	return remove_node(fs, path, false);
}

static int tmpfs_rmdir(void *fs, const char *path)
{
	return remove_node(fs, path, true);
}

/* Can from take to's place (POSIX rename())? 0 or the errno. */
static int replaceable(const struct tnode *from, const struct tnode *to)
{
	if (S_ISDIR(from->mode) && !S_ISDIR(to->mode))
		return -ENOTDIR;
	if (!S_ISDIR(from->mode) && S_ISDIR(to->mode))
		return -EISDIR;
	return to->kids ? -ENOTEMPTY : 0;
}

static int move(struct tmpfs *t, struct tnode *n, struct tnode *dir,
		const char *name)
{
	struct tnode *old = child(t, dir, name, strlen(name));
	char *copy;
	int err = 0;

	if (old == n)
		return 0;
	for (const struct tnode *up = dir; up; up = up->parent)
		if (up == n)
			return -EINVAL; /* into its own subtree */
	if (old && (err = replaceable(n, old)))
		return err;
	if (!(copy = strdup(name)))
		return -ENOMEM;
	if (old) {
		detach(t, old);
		release(t, old);
	}
	detach(t, n);
	free(n->name);
	n->name = copy;
	attach(t, dir, n);
	return 0;
}

static int tmpfs_rename(void *fs, const char *from, const char *to)
{
	struct tmpfs *t = fs;
	const char *name;
	int err = 0;

	pthread_mutex_lock(&t->lock);
	struct tnode *n = walk(t, from, NULL, &err), *dir = NULL;
	if (n == &t->root)
		err = -EBUSY;
	if (!err)
		dir = walk(t, to, &name, &err);
	if (dir)
		err = move(t, n, dir, name);
	pthread_mutex_unlock(&t->lock);
	return err;
}

static int tmpfs_truncate(void *fs, const char *path, off_t len)
{
	return on_path(fs, path, node_truncate, &len);
}

static int tmpfs_chmod(void *fs, const char *path, mode_t mode)
{
	return on_path(fs, path, node_chmod, &mode);
}

static int tmpfs_utimens(void *fs, const char *path,
			 const struct timespec ts[2])
{
	return on_path(fs, path, node_times, ts);
}

const struct fs_ops fs_tmpfs_ops = {
	.open = tmpfs_open,
	.stat = tmpfs_stat,
	.readdir = tmpfs_readdir,
	.mkdir = tmpfs_mkdir,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.truncate = tmpfs_truncate,
	.chmod = tmpfs_chmod,
	.utimens = tmpfs_utimens,
};
