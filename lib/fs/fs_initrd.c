/* SPDX-License-Identifier: MIT */
/*
 * fs_initrd.c: the boot archive as a file system (fs.h), read-only: the
 * cpio archive the boot loader handed over (kernel/initrd.c). At start-up
 * the archive is indexed once — every path, sorted, with the directories
 * its files imply — and files are then read straight out of the
 * archive's memory. The index is the root itself (ukos.root=ro) or what
 * fs_mount.c fills the writable root from. A corrupt or truncated archive
 * is reported at boot; what precedes the damage stays readable.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukos/console.h>
#include <ukos/cpio.h>
#include <ukos/initrd.h>
#include <unistd.h>

#include "../fd.h"
#include "fs.h"

struct node {
	char *path; /* absolute, normalized: "/", "/etc", "/etc/motd" */
	mode_t mode;
	time_t mtime;
	const uint8_t *data;
	size_t size;
};

/* Without an archive the root holds only the mount points (sorted, for
 * find's bsearch): no index to build at boot. */
static struct node bare[] = {
	{ .path = "/", .mode = S_IFDIR | 0755 },
	{ .path = FS_DEV_MOUNT, .mode = S_IFDIR | 0755 },
	{ .path = FS_TMP_MOUNT, .mode = S_IFDIR | 01777 },
};
static struct node *nodes = bare;
static size_t node_count = sizeof(bare) / sizeof(bare[0]);
static size_t node_cap; /* room in nodes once it is the heap's */

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
	char *copy = strdup(path);

	if (!copy)
		return -ENOMEM;
	if (node_count == node_cap) {
		size_t n = node_cap ? node_cap * 2 : 64;
		struct node *more = realloc(nodes, n * sizeof(*nodes));
		if (!more) {
			free(copy);
			return -ENOMEM;
		}
		nodes = more, node_cap = n;
	}
	nodes[node_count++] = (struct node){ copy, mode, mtime, data, size };
	return 0;
}

/* "./a//b/" and "a/b" and "/a/b" all name /a/b in an archive; ".." is
 * refused: there is no way out of the root. */
static int archive_path(const char *name, char *out)
{
	char abs[PATH_MAX + 1];

	for (const char *p = name; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -EINVAL;
		p += n + (e ? 1 : 0);
	}
	if (strlen(name) >= PATH_MAX - 1)
		return -ENAMETOOLONG;
	abs[0] = '/';
	strcpy(abs + 1, name);
	return fs_resolve(abs, out);
}

/* The archive's files and directories (links and devices are not kept),
 * and a boot line saying what was found and what could not be kept. */
static void read_archive(const uint8_t *a, size_t len)
{
	size_t off = 0, files = 0, bad = 0;
	struct cpio_entry e;
	char path[PATH_MAX];
	int r;

	while ((r = cpio_next(a, len, &off, &e)) == 1) {
		if (!S_ISDIR(e.mode) && !S_ISREG(e.mode))
			continue;
		if (archive_path(e.name, path) != 0) {
			bad++;
			continue;
		}
		if (add(path, e.mode, e.mtime, e.data, e.size) != 0) {
			r = -ENOMEM;
			break;
		}
		files += S_ISREG(e.mode);
	}
	if (r == -ENOMEM)
		kprintf("ukos: initrd: out of memory indexing the archive at "
			"byte %zu of %zu: the files before it are kept\n",
			off, len);
	else if (r < 0)
		kprintf("ukos: initrd: not a cpio (newc) archive, or corrupt "
			"at byte %zu of %zu: the files before it are kept\n",
			off, len);
	if (bad)
		kprintf("ukos: initrd: %zu entries left out: a \"..\" in the "
			"name, or longer than %d bytes\n",
			bad, PATH_MAX - 2);
	kprintf("ukos: initrd: %zu files, %zu bytes\n", files, len);
}

/* The directories that paths imply ("/a/b/c" implies /a and /a/b). */
static void add_parents(void)
{
	char path[PATH_MAX], *slash;

	for (size_t i = 0, n = node_count; i < n; i++) {
		strcpy(path, nodes[i].path);
		while ((slash = strrchr(path, '/')) && slash != path) {
			*slash = '\0';
			add(path, S_IFDIR | 0755, 0, NULL, 0);
		}
	}
}

/* Sort by path and keep one node per path: the first, except that an
 * archive's own entry beats a directory only implied (mtime 0). */
static void sort_unique(void)
{
	size_t kept = 0;

	qsort(nodes, node_count, sizeof(*nodes), by_path);
	for (size_t i = 0; i < node_count; i++) {
		struct node *last = kept ? &nodes[kept - 1] : NULL;
		if (!last || strcmp(last->path, nodes[i].path) != 0) {
			nodes[kept++] = nodes[i];
			continue;
		}
		if (S_ISDIR(last->mode) && !last->mtime &&
		    !S_ISDIR(nodes[i].mode)) {
			struct node keep = nodes[i];
			nodes[i] = *last;
			*last = keep;
		}
		free(nodes[i].path);
	}
	node_count = kept;
}

/* Index the archive once, before main(), so what is wrong with it is
 * said at boot. */
__attribute__((constructor)) static void fs_index(void)
{
	size_t len, n = node_count;
	const uint8_t *a = initrd_get(&len);

	if (!a)
		return;
	nodes = NULL, node_count = 0;
	for (size_t i = 0; i < n; i++)
		add(bare[i].path, bare[i].mode, 0, NULL, 0);
	read_archive(a, len);
	add_parents();
	sort_unique();
}

/* Sorted by path, a directory comes before what it holds ("/a" sorts
 * before every "/a/..."). */
int fs_initrd_each(int (*fn)(void *arg, const char *path, mode_t mode,
			     time_t mtime, const void *data, size_t size),
		   void *arg)
{
	int r = 0;

	for (size_t i = 0; !r && i < node_count; i++)
		r = fn(arg, nodes[i].path, nodes[i].mode, nodes[i].mtime,
		       nodes[i].data, nodes[i].size);
	return r;
}

void fs_initrd_drop(void)
{
	if (nodes == bare)
		return;
	for (size_t i = 0; i < node_count; i++)
		free(nodes[i].path);
	free(nodes);
	nodes = bare, node_count = sizeof(bare) / sizeof(bare[0]);
	node_cap = 0;
}

/* The node at path (normalized), or NULL with *err: ENOENT, or ENOTDIR
 * when a component on the way is a file. */
static const struct node *lookup(const char *path, int *err)
{
	char up[PATH_MAX];
	const struct node *n = find(path);

	if (n)
		return n;
	*err = -ENOENT;
	strcpy(up, path);
	for (char *s = strrchr(up, '/'); s && s != up; s = strrchr(up, '/')) {
		*s = '\0';
		n = find(up);
		if (n) {
			if (!S_ISDIR(n->mode))
				*err = -ENOTDIR;
			break;
		}
	}
	return NULL;
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

static int file_dir_path(void *priv, char *out)
{
	const struct node *n = ((struct open_file *)priv)->n;

	if (!S_ISDIR(n->mode))
		return -ENOTDIR;
	strcpy(out, n->path);
	return 0;
}

static const struct file_ops initrd_file_ops = {
	.read = file_read,
	.pread = file_pread,
	.lseek = file_lseek,
	.fstat = file_fstat,
	.close = file_close,
	.dir_path = file_dir_path,
};

static int initrd_open(void *fs, const char *path, int flags, mode_t mode)
{
	int err;
	const struct node *n = lookup(path, &err);
	bool writes = (flags & O_ACCMODE) != O_RDONLY ||
		      (flags & (O_CREAT | O_TRUNC | O_APPEND));
	struct open_file *f;

	(void)mode;
	if (!n)
		return err == -ENOENT && (flags & O_CREAT)
			       ? fs_create_refused(&fs_initrd_ops, fs, path)
			       : err;
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

static int initrd_stat(void *fs, const char *path, struct stat *st)
{
	int err;
	const struct node *n = lookup(path, &err);

	(void)fs;
	if (!n)
		return err;
	fill_stat(n, st);
	return 0;
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

/* The cookie is the index of the next node to look at: a directory's
 * subtree sorts right after it. */
static int initrd_readdir(void *fs, const char *path, long *pos,
			  struct dirent *ent)
{
	int err;
	const struct node *d = lookup(path, &err);
	size_t l = strlen(path);

	(void)fs;
	if (!d)
		return err;
	if (!S_ISDIR(d->mode))
		return -ENOTDIR;
	for (size_t i = *pos ? (size_t)*pos : (size_t)(d - nodes) + 1;
	     i < node_count; i++) {
		const struct node *n = &nodes[i];
		if (l > 1 && strncmp(n->path, path, l) != 0)
			break; /* past the subtree */
		if (!child_of(path, n->path))
			continue;
		strncpy(ent->d_name, strrchr(n->path, '/') + 1,
			sizeof(ent->d_name) - 1);
		ent->d_name[sizeof(ent->d_name) - 1] = '\0';
		ent->d_ino = (ino_t)(i + 1);
		ent->d_type = S_ISDIR(n->mode) ? DT_DIR : DT_REG;
		*pos = (long)i + 1;
		return 1;
	}
	*pos = (long)node_count;
	return 0;
}

const struct fs_ops fs_initrd_ops = {
	.open = initrd_open,
	.stat = initrd_stat,
	.readdir = initrd_readdir,
};
