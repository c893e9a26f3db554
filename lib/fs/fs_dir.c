/* SPDX-License-Identifier: MIT */
/*
 * fs_dir.c: opendir/fdopendir/readdir/rewinddir/closedir/dirfd and
 * scandir/alphasort (POSIX <dirent.h>) on any mounted file system: "." and ".." first, then
 * the file system's own entries by cookie, so removing entries while
 * reading skips no other.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../fd.h"
#include "fs.h"

struct _ukos_dir {
	const struct fs_mount *m;
	int fd;        /* fdopendir's, or dirfd's; -1: none yet */
	long pos;      /* the file system's cookie */
	unsigned dots; /* "." and ".." given so far */
	ino_t ino;
	struct dirent ent;
	char path[PATH_MAX]; /* inside fs */
	char abs[PATH_MAX];  /* from the root, for dirfd */
};

/* The path is resolved once, into d->abs; its file system gets the part
 * under its mount. */
DIR *opendir(const char *path)
{
	struct stat st;
	DIR *d = malloc(sizeof(*d));
	int err = d ? fs_resolve(path, d->abs) : -ENOMEM;

	if (!err)
		d->m = fs_lookup(d->abs, d->path, &err);
	if (!err)
		err = d->m->ops->stat(d->m->fs, d->path, &st);
	if (!err && !S_ISDIR(st.st_mode))
		err = -ENOTDIR;
	if (err) {
		free(d);
		fd_ret(err);
		return NULL;
	}
	d->fd = -1;
	d->ino = st.st_ino;
	rewinddir(d);
	return d;
}

struct dirent *readdir(DIR *d)
{
	int r;

	if (!d) {
		fd_ret(-EBADF);
		return NULL;
	}
	if (d->dots < 2) {
		strcpy(d->ent.d_name, d->dots ? ".." : ".");
		d->ent.d_ino = d->ino;
		d->ent.d_type = DT_DIR;
		d->dots++;
		return &d->ent;
	}
	r = d->m->ops->readdir(d->m->fs, d->path, &d->pos, &d->ent);
	if (r < 0)
		fd_ret(r);
	return r == 1 ? &d->ent : NULL;
}

void rewinddir(DIR *d)
{
	if (d)
		d->pos = 0, d->dots = 0;
}

int closedir(DIR *d)
{
	int err = 0;

	if (!d)
		return (int)fd_ret(-EBADF);
	if (d->fd >= 0)
		err = fd_close(d->fd);
	free(d);
	return (int)fd_ret(err);
}

/* POSIX: the directory fd is the DIR's from then on; closedir closes it. */
DIR *fdopendir(int fd)
{
	char path[PATH_MAX];
	struct file *f = fd_get(fd);
	int err = !f                  ? -EBADF
		  : !f->ops->dir_path ? -ENOTDIR
				      : f->ops->dir_path(f->priv, path);
	DIR *d;

	if (err) {
		fd_ret(err);
		return NULL;
	}
	d = opendir(path);
	if (d)
		d->fd = fd;
	return d;
}

/* The DIR's own fd, opened on first asking (for openat and its kin). */
int dirfd(DIR *d)
{
	int fd;

	if (!d)
		return (int)fd_ret(-EINVAL);
	if (d->fd >= 0)
		return d->fd;
	fd = fs_open(d->abs, O_RDONLY | O_DIRECTORY, 0);
	if (fd >= 0)
		d->fd = fd;
	return (int)fd_ret(fd);
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

/* Free list[0, n) and list: 0 entries is the failure's count. */
static void free_list(struct dirent **list, size_t n)
{
	while (n)
		free(list[--n]);
	free(list);
}

int scandir(const char *path, struct dirent ***out,
	    int (*select)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	struct dirent **list = NULL, *e;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (select && !select(e))
			continue;
		if (n == cap) {
			size_t more = cap ? cap * 2 : 16;
			struct dirent **l = realloc(list, more * sizeof(*l));
			if (!l)
				goto err_nomem;
			list = l, cap = more;
		}
		if (!(list[n] = malloc(sizeof(*e))))
			goto err_nomem;
		*list[n++] = *e;
	}
	closedir(d);
	if (compare && n)
		qsort(list, n, sizeof(*list),
		      (int (*)(const void *, const void *))compare);
	*out = list;
	return (int)n;
err_nomem:
	free_list(list, n);
	closedir(d);
	fd_ret(-ENOMEM);
	return -1;
}
