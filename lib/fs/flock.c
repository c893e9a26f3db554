/* SPDX-License-Identifier: MIT */
/*
 * flock.c: BSD whole-file locks, as Linux has them: a lock belongs to an
 * open file description (its dups share it, another open() of the same
 * file is another owner), shared or exclusive, converted in place, and
 * gone with the description's last close (seen from its generation, fd.h,
 * by the next look at the list: a waiter looks every 100 ms).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>

#include "../fd.h"

#define RECHECK_NS 100000000L

struct flock_held {
	struct flock_held *next;
	dev_t dev;
	ino_t ino;
	struct file *owner;
	unsigned gen;
	bool excl;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static struct flock_held *held;

static bool stale(const struct flock_held *h)
{
	return !h->owner->refs || h->owner->gen != h->gen;
}

/* Drop f's lock on the file (or, f NULL, the stale locks). */
static void drop(const struct file *f, const struct stat *st)
{
	for (struct flock_held **p = &held; *p;) {
		struct flock_held *h = *p;
		if (f ? h->owner == f && h->gen == f->gen &&
				    h->dev == st->st_dev && h->ino == st->st_ino
		      : stale(h)) {
			*p = h->next;
			free(h);
		} else {
			p = &h->next;
		}
	}
}

static bool conflicts(const struct file *f, const struct stat *st, bool excl)
{
	for (struct flock_held *h = held; h; h = h->next)
		if (h->dev == st->st_dev && h->ino == st->st_ino &&
		    h->owner != f && (excl || h->excl))
			return true;
	return false;
}

static int take(struct file *f, const struct stat *st, bool excl, bool wait)
{
	struct flock_held *h;

	for (;;) {
		drop(NULL, NULL);
		if (!conflicts(f, st, excl))
			break;
		if (!wait)
			return -EWOULDBLOCK;
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += RECHECK_NS;
		if (until.tv_nsec >= 1000000000L)
			until.tv_sec++, until.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&changed, &lock, &until);
	}
	drop(f, st); /* a conversion replaces the description's lock */
	h = malloc(sizeof(*h));
	if (!h)
		return -ENOLCK;
	*h =
		(struct flock_held){ held, st->st_dev, st->st_ino,
				     f,    f->gen,     excl };
	held = h;
	pthread_cond_broadcast(&changed);
	return 0;
}

int flock(int fd, int op)
{
	struct file *f = fd_get(fd);
	int kind = op & ~LOCK_NB, r = 0;
	struct stat st;

	if (!f)
		return (int)fd_ret(-EBADF);
	if (kind != LOCK_SH && kind != LOCK_EX && kind != LOCK_UN)
		return (int)fd_ret(-EINVAL);
	if (f->ops->fstat(f->priv, &st) != 0)
		return (int)fd_ret(-EBADF);
	pthread_mutex_lock(&lock);
	if (kind == LOCK_UN) {
		drop(f, &st);
		pthread_cond_broadcast(&changed);
	} else {
		r = take(f, &st, kind == LOCK_EX, !(op & LOCK_NB));
	}
	pthread_mutex_unlock(&lock);
	return (int)fd_ret(r);
}
