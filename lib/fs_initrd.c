/* SPDX-License-Identifier: MIT */
/*
 * fs_initrd.c: the root file system, read-only, from the cpio archive the
 * boot loader handed over (kernel/initrd.c). At start-up the archive is
 * indexed once — every path, sorted, with the directories its files imply
 * — and files are then read straight out of the archive's memory. A
 * corrupt or truncated archive is reported at boot; what precedes the
 * damage stays readable.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukos/console.h>
#include <ukos/cpio.h>
#include <ukos/initrd.h>
#include <unistd.h>

#include "fd.h"
#include "fs.h"

struct node {
	char *path; /* absolute, normalized: "/", "/etc", "/etc/motd" */
	mode_t mode;
	time_t mtime;
	const uint8_t *data;
	size_t size;
};

static struct node *nodes;
static size_t node_count;
static char cwd[PATH_MAX] = "/";

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct node *)a)->path,
		      ((const struct node *)b)->path);
}

static const struct node *find(const char *path)
{
	struct node key = { .path = (char *)path };

	return bsearch(&key, nodes, node_count, sizeof(*nodes), by_path);
}

static int add(const char *path, mode_t mode, time_t mtime, const uint8_t *data,
	       size_t size)
{
	static size_t cap;
	char *copy = strdup(path);

	if (!copy)
		return -ENOMEM;
	if (node_count == cap) {
		size_t n = cap ? cap * 2 : 64;
		struct node *more = realloc(nodes, n * sizeof(*nodes));
		if (!more) {
			free(copy);
			return -ENOMEM;
		}
		nodes = more, cap = n;
	}
	nodes[node_count++] = (struct node){ copy, mode, mtime, data, size };
	return 0;
}

/* Append component p (n bytes) to the path out[0, *o). 0, or -1 if it
 * would not fit PATH_MAX. */
static int push(char *out, size_t *o, const char *p, size_t n)
{
	if (*o + n + 2 > PATH_MAX)
		return -1;
	if (*o > 1)
		out[(*o)++] = '/';
	memcpy(out + *o, p, n);
	*o += n;
	return 0;
}

/* "./a//b/" and "a/b" and "/a/b" all name /a/b in an archive. */
static int archive_path(const char *name, char *out)
{
	size_t o = 0;

	out[o++] = '/';
	for (const char *p = name; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && !(n == 1 && p[0] == '.')) {
			if (n == 2 && p[0] == '.' && p[1] == '.')
				return -EINVAL; /* no way out of the root */
			if (push(out, &o, p, n))
				return -ENAMETOOLONG;
		}
		p += n + (e ? 1 : 0);
	}
	out[o] = '\0';
	return 0;
}

/* Index the archive: its entries, then the directories they imply,
 * sorted; duplicates keep the first. */
__attribute__((constructor)) static void fs_index(void)
{
	size_t len, off = 0, files = 0;
	const uint8_t *a = initrd_get(&len);
	struct cpio_entry e;
	char path[PATH_MAX];
	int r = 0;

	add("/", S_IFDIR | 0755, 0, NULL, 0);
	while (a && (r = cpio_next(a, len, &off, &e)) == 1) {
		if (archive_path(e.name, path) != 0)
			continue;
		if (!S_ISDIR(e.mode) && !S_ISREG(e.mode))
			continue; /* links, devices: not kept */
		if (add(path, e.mode, e.mtime, e.data, e.size) != 0)
			break;
		files += S_ISREG(e.mode);
	}
	if (a && r < 0)
		kprintf("ukos: initrd: not a cpio (newc) archive, or corrupt "
			"at "
			"byte %zu of %zu: the files before it are kept\n",
			off, len);
	for (size_t i = 0, n = node_count; i < n; i++) {
		char *slash;
		strcpy(path, nodes[i].path);
		while ((slash = strrchr(path, '/')) && slash != path) {
			*slash = '\0';
			add(path, S_IFDIR | 0755, 0, NULL, 0);
		}
	}
	qsort(nodes, node_count, sizeof(*nodes), by_path);
	size_t kept = 0;
	for (size_t i = 0; i < node_count; i++) {
		if (kept && strcmp(nodes[kept - 1].path, nodes[i].path) == 0) {
			/* The entry itself beats a directory it implied. */
			if (S_ISDIR(nodes[kept - 1].mode) &&
			    !nodes[kept - 1].mtime && !S_ISDIR(nodes[i].mode))
				nodes[kept - 1] = nodes[i];
			continue;
		}
		nodes[kept++] = nodes[i];
	}
	node_count = kept;
	if (a)
		kprintf("ukos: initrd: %zu files, %zu bytes\n", files, len);
}

/* path, relative to the working directory or absolute, normalized into
 * out: 0, -ENOENT (empty), -ENAMETOOLONG, -EFAULT. ".." stops at "/". */
static int resolve(const char *path, char *out)
{
	char buf[PATH_MAX * 2];
	size_t o = 0;

	if (!path)
		return -EFAULT;
	if (!*path)
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (path[0] == '/')
		strcpy(buf, path);
	else
		strcat(strcat(strcpy(buf, cwd), "/"), path);
	out[o++] = '/';
	out[o] = '\0';
	for (char *p = buf; *p;) {
		char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 1 && out[o - 1] != '/')
				o--;
			if (o > 1)
				o--;
		} else if (n && !(n == 1 && p[0] == '.') &&
			   push(out, &o, p, n)) {
			return -ENAMETOOLONG;
		}
		out[o] = '\0';
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* The node at path (its absolute form left in abs[PATH_MAX]), or NULL
 * with *err: ENOENT, or ENOTDIR when a component on the way is a file. */
static const struct node *lookup_at(const char *path, char *abs, int *err)
{
	const struct node *n;

	*err = resolve(path, abs);
	if (*err)
		return NULL;
	/* A trailing slash asks for a directory. */
	size_t l = strlen(path);
	n = find(abs);
	if (n && l > 1 && path[l - 1] == '/' && !S_ISDIR(n->mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (n)
		return n;
	*err = -ENOENT;
	for (char *s = strrchr(abs, '/'); s && s != abs;
	     s = strrchr(abs, '/')) {
		*s = '\0';
		const struct node *up = find(abs);
		if (up) {
			if (!S_ISDIR(up->mode))
				*err = -ENOTDIR;
			break;
		}
	}
	return NULL;
}

static const struct node *lookup(const char *path, int *err)
{
	char abs[PATH_MAX];

	return lookup_at(path, abs, err);
}

static void fill_stat(const struct node *n, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = (ino_t)(n - nodes + 1);
	st->st_mode = n->mode;
	st->st_nlink = S_ISDIR(n->mode) ? 2 : 1;
	st->st_size = (off_t)n->size;
	st->st_mtime = n->mtime;
	st->st_blksize = 512;
	st->st_blocks = (blkcnt_t)((n->size + 511) / 512);
}

/* ---- open files ------------------------------------------------------ */

struct open_file {
	const struct node *n;
	off_t pos;
};

static ssize_t file_read(void *priv, void *buf, size_t len)
{
	struct open_file *f = priv;
	size_t left;

	if (S_ISDIR(f->n->mode))
		return -EISDIR;
	left = f->pos < (off_t)f->n->size ? f->n->size - (size_t)f->pos : 0;
	if (len > left)
		len = left;
	memcpy(buf, f->n->data + f->pos, len);
	f->pos += (off_t)len;
	return (ssize_t)len;
}

static ssize_t file_pread(void *priv, void *buf, size_t len, off_t at)
{
	struct open_file *f = priv;
	size_t left;

	if (S_ISDIR(f->n->mode))
		return -EISDIR;
	if (at < 0)
		return -EINVAL;
	left = at < (off_t)f->n->size ? f->n->size - (size_t)at : 0;
	if (len > left)
		len = left;
	memcpy(buf, f->n->data + at, len);
	return (ssize_t)len;
}

static off_t file_lseek(void *priv, off_t off, int whence)
{
	struct open_file *f = priv;
	off_t base = whence == SEEK_SET   ? 0
		     : whence == SEEK_CUR ? f->pos
		     : whence == SEEK_END ? (off_t)f->n->size
					  : -1;

	if (base < 0)
		return -EINVAL;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

static int file_fstat(void *priv, struct stat *st)
{
	fill_stat(((struct open_file *)priv)->n, st);
	return 0;
}

static int file_close(void *priv)
{
	free(priv);
	return 0;
}

static const struct file_ops initrd_file_ops = {
	.read = file_read,
	.pread = file_pread,
	.lseek = file_lseek,
	.fstat = file_fstat,
	.close = file_close,
};

int fs_open(const char *path, int flags)
{
	int err;
	const struct node *n = lookup(path, &err);
	bool writes = (flags & O_ACCMODE) != O_RDONLY ||
		      (flags & (O_CREAT | O_TRUNC | O_APPEND));
	struct open_file *f;

	if (!n)
		return err == -ENOENT && (flags & O_CREAT) ? -EROFS : err;
	if (writes)
		return S_ISDIR(n->mode) && (flags & O_ACCMODE) != O_RDONLY
			       ? -EISDIR
			       : -EROFS;
	if ((flags & O_DIRECTORY) && !S_ISDIR(n->mode))
		return -ENOTDIR;
	f = malloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct open_file){ n, 0 };
	err = fd_install(&initrd_file_ops, f, flags);
	if (err < 0)
		free(f);
	return err;
}

int fs_stat(const char *path, struct stat *st)
{
	int err;
	const struct node *n = lookup(path, &err);

	if (!n)
		return err;
	if (!st)
		return -EFAULT;
	fill_stat(n, st);
	return 0;
}

int fs_access(const char *path, int mode)
{
	int err;
	const struct node *n = lookup(path, &err);

	if (!n)
		return err;
	if (mode & W_OK)
		return -EROFS;
	if ((mode & X_OK) && !(n->mode & 0111))
		return -EACCES;
	return 0;
}

int fs_chdir(const char *path)
{
	char abs[PATH_MAX];
	int err;
	const struct node *n = lookup_at(path, abs, &err);

	if (!n)
		return err;
	if (!S_ISDIR(n->mode))
		return -ENOTDIR;
	strcpy(cwd, abs);
	return 0;
}

const char *fs_cwd(void)
{
	return cwd;
}

/* ---- directories ----------------------------------------------------- */

struct _ukos_dir {
	const struct node *dir;
	size_t next; /* index into nodes; 0 and 1 stand for "." and ".." */
	unsigned dots;
	struct dirent ent;
};

DIR *opendir(const char *path)
{
	int err;
	const struct node *n = lookup(path, &err);
	DIR *d;

	if (!n) {
		errno = -err;
		return NULL;
	}
	if (!S_ISDIR(n->mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		errno = ENOMEM;
		return NULL;
	}
	d->dir = n;
	d->next = (size_t)(n - nodes) + 1; /* children sort right after */
	return d;
}

/* Is child a direct entry of dir? */
static bool child_of(const char *dir, const char *child)
{
	size_t l = strlen(dir);

	if (l == 1) /* "/" */
		return child[0] == '/' && child[1] && !strchr(child + 1, '/');
	return strncmp(child, dir, l) == 0 && child[l] == '/' &&
	       !strchr(child + l + 1, '/');
}

struct dirent *readdir(DIR *d)
{
	if (!d) {
		errno = EBADF;
		return NULL;
	}
	if (d->dots < 2) {
		strcpy(d->ent.d_name, d->dots ? ".." : ".");
		d->ent.d_ino = (ino_t)(d->dir - nodes + 1);
		d->ent.d_type = DT_DIR;
		d->dots++;
		return &d->ent;
	}
	size_t l = strlen(d->dir->path);
	for (; d->next < node_count; d->next++) {
		const struct node *n = &nodes[d->next];
		if (l > 1 && strncmp(n->path, d->dir->path, l) != 0)
			break; /* past the subtree */
		if (!child_of(d->dir->path, n->path))
			continue;
		const char *base = strrchr(n->path, '/') + 1;
		strncpy(d->ent.d_name, base, sizeof(d->ent.d_name) - 1);
		d->ent.d_ino = (ino_t)(d->next + 1);
		d->ent.d_type = S_ISDIR(n->mode) ? DT_DIR : DT_REG;
		d->next++;
		return &d->ent;
	}
	return NULL;
}

int closedir(DIR *d)
{
	if (!d) {
		errno = EBADF;
		return -1;
	}
	free(d);
	return 0;
}

void rewinddir(DIR *d)
{
	if (d) {
		d->next = (size_t)(d->dir - nodes) + 1;
		d->dots = 0;
	}
}
