/* SPDX-License-Identifier: MIT */
/*
 * evwait.c: how poll (and epoll through it) waits on eventfds and
 * timerfds together: every change to one is broadcast here, but only
 * while a poller waits (a poller counts itself in before it looks, a
 * changer looks at the count after its change: one sees the other), and
 * a wait ends by itself when the nearest armed timer is due.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/clock.h>
#include <ukos/wait.h>

#include "../threads.h"
#include "event.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static atomic_uint waiting;

void event_changed(void)
{
	if (!atomic_load(&waiting))
		return;
	pthread_mutex_lock(&lock);
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
}

/* Ask each entry now; the earliest moment one may become ready by
 * itself (a timer) into *due. */
static int ready_count(struct fd_pollent *ents, unsigned n, uint64_t *due)
{
	int ready = 0;

	*due = WAIT_FOREVER;
	for (unsigned i = 0; i < n; i++) {
		const struct event_file *ef = ents[i].priv;
		uint64_t at = WAIT_FOREVER;
		ents[i].revents =
			ef->kind->poll(ents[i].priv, ents[i].events, &at);
		ready += ents[i].revents != 0;
		if (at != WAIT_FOREVER && (*due == WAIT_FOREVER || at < *due))
			*due = at;
	}
	return ready;
}

static int wait_events(struct fd_pollent *ents, unsigned n, int timeout_ms)
{
	uint64_t deadline =
		timeout_ms < 0
			? WAIT_FOREVER
			: clock_uptime_ns() + (uint64_t)timeout_ms * 1000000;
	uint64_t due;
	int ready, err = 0;

	pthread_mutex_lock(&lock);
	atomic_fetch_add(&waiting, 1);
	while (!(ready = ready_count(ents, n, &due)) && timeout_ms && !err) {
		uint64_t until = deadline;
		if (due != WAIT_FOREVER &&
		    (until == WAIT_FOREVER || due < until))
			until = due;
		err = pthread_cond_wait_intr(&changed, &lock, until, false);
		if (err == ETIMEDOUT && until != deadline)
			err = 0; /* a timer's moment, not the poll's end */
	}
	atomic_fetch_sub(&waiting, 1);
	pthread_mutex_unlock(&lock);
	return ready || err != EINTR ? ready : -EINTR;
}

const struct fd_poller event_poller = { wait_events };

int event_wait(struct event_file *ef,
	       bool (*ready)(struct event_file *ef, uint64_t arg), uint64_t arg,
	       uint64_t (*due)(struct event_file *ef))
{
	int err = 0;

	atomic_fetch_add(&waiting, 1);
	while (!ready(ef, arg) && !err) {
		if (ef->nonblock) {
			err = EAGAIN;
			break;
		}
		err = pthread_cond_wait_intr(
			&changed, &lock, due ? due(ef) : WAIT_FOREVER, true);
		if (err == ETIMEDOUT)
			err = 0; /* the timer's moment: look again */
	}
	atomic_fetch_sub(&waiting, 1);
	return -err;
}

pthread_mutex_t *event_lock(void)
{
	return &lock;
}

short event_file_poll(void *priv, short events)
{
	struct event_file *ef = priv;
	uint64_t due;

	pthread_mutex_lock(&lock);
	short r = ef->kind->poll(priv, events, &due);
	pthread_mutex_unlock(&lock);
	return r;
}

int event_file_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = 0600; /* an anonymous inode, as on Linux */
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

int event_file_setfl(void *priv, int flags)
{
	((struct event_file *)priv)->nonblock = flags & O_NONBLOCK;
	return 0;
}

int event_file_close(void *priv)
{
	free(priv);
	return 0;
}
