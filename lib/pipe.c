/* SPDX-License-Identifier: MIT */
/*
 * pipe.c: pipe and pipe2 (POSIX), between the app's threads: a 64 KiB
 * ring with a read end and a write end. A read waits for data and sees
 * end-of-file once every write end is closed; a write waits for room,
 * and writes of at most PIPE_BUF bytes go in whole, never interleaved.
 * With no read end left a write says EPIPE: there is no SIGPIPE to send
 * (no signal is delivered here), so it is as if SIGPIPE were ignored.
 * O_NONBLOCK makes waits EAGAIN. poll waits on pipes with a poller of
 * their own, woken by any pipe's change.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukos/clock.h>
#include <unistd.h>

#include "fd.h"
#include "pipe.h"
#include "threads.h"

#define PIPE_SIZE (64 * 1024) /* what Linux gives a pipe */

struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed; /* data in, room out, or an end closed */
	size_t head, len;       /* the bytes held: buf[head, head + len) */
	unsigned readers, writers;
	char buf[PIPE_SIZE];
};

struct pipe_end {
	struct pipe_waiter w; /* first: how pipe_poller asks it */
	struct pipe *p;
	bool nonblock;
	bool reader;
};

/* poll's wait on pipes: every change to any pipe is told here too (after
 * the pipe's own lock is let go: this lock is always taken first), but
 * only while a poll waits, so reads and writes pay nothing otherwise. A
 * poller counts itself in before it looks at the pipes, and a changer
 * looks at the count after its change: one of the two sees the other. */
static pthread_mutex_t poll_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t poll_changed = PTHREAD_COND_INITIALIZER;
static atomic_uint pollers;

static void tell_pollers(void)
{
	if (!atomic_load(&pollers))
		return;
	pthread_mutex_lock(&poll_lock);
	pthread_cond_broadcast(&poll_changed);
	pthread_mutex_unlock(&poll_lock);
}

/* Take n bytes from the ring's head into out. */
static void ring_take(struct pipe *p, char *out, size_t n)
{
	size_t first = PIPE_SIZE - p->head < n ? PIPE_SIZE - p->head : n;

	memcpy(out, p->buf + p->head, first);
	memcpy(out + first, p->buf, n - first);
	p->head = (p->head + n) % PIPE_SIZE;
	p->len -= n;
}

/* Add n bytes of in at the ring's end. */
static void ring_put(struct pipe *p, const char *in, size_t n)
{
	size_t tail = (p->head + p->len) % PIPE_SIZE;
	size_t first = PIPE_SIZE - tail < n ? PIPE_SIZE - tail : n;

	memcpy(p->buf + tail, in, first);
	memcpy(p->buf, in + first, n - first);
	p->len += n;
}

/* Copy n bytes from the ring's head into out, leaving them there. */
static void ring_peek(const struct pipe *p, char *out, size_t n)
{
	size_t first = PIPE_SIZE - p->head < n ? PIPE_SIZE - p->head : n;

	memcpy(out, p->buf + p->head, first);
	memcpy(out + first, p->buf, n - first);
}

ssize_t pipe_ring_read(struct pipe *p, void *buf, size_t len, bool nonblock,
		       bool peek)
{
	ssize_t r = 0;

	if (!len)
		return 0;
	pthread_mutex_lock(&p->lock);
	while (!p->len && p->writers && !nonblock && !r)
		r = -pthread_cond_wait_intr(&p->changed, &p->lock, WAIT_FOREVER,
					    true);
	if (p->len) {
		size_t n = len < p->len ? len : p->len;
		if (peek) {
			ring_peek(p, buf, n);
		} else {
			ring_take(p, buf, n);
			pthread_cond_broadcast(&p->changed);
		}
		r = (ssize_t)n;
	} else if (p->writers && !r) {
		r = -EAGAIN; /* empty, and O_NONBLOCK */
	}
	pthread_mutex_unlock(&p->lock);
	if (r > 0 && !peek)
		tell_pollers();
	return r;
}

static ssize_t pipe_read(void *priv, void *buf, size_t len)
{
	struct pipe_end *e = priv;

	return pipe_ring_read(e->p, buf, len, e->nonblock, false);
}

/* Room for the next piece: all of it for a write of at most whole bytes
 * (it must not be split), else any. */
static size_t room_for(const struct pipe *p, size_t left, size_t len,
		       size_t whole)
{
	size_t room = PIPE_SIZE - p->len;

	if (len <= whole)
		return room >= left ? left : 0;
	return room < left ? room : left;
}

ssize_t pipe_ring_write(struct pipe *p, const void *buf, size_t len,
			bool nonblock, size_t whole)
{
	const char *s = buf;
	size_t done = 0;
	int err = 0;

	pthread_mutex_lock(&p->lock);
	while (done < len) {
		size_t n = room_for(p, len - done, len, whole);
		if (!p->readers) {
			err = -EPIPE;
			break;
		}
		if (!n && nonblock) {
			err = -EAGAIN;
			break;
		}
		if (!n) {
			err = -pthread_cond_wait_intr(&p->changed, &p->lock,
						      WAIT_FOREVER, true);
			if (err)
				break; /* a signal handler ran: EINTR */
			continue;
		}
		ring_put(p, s + done, n);
		done += n;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	if (done)
		tell_pollers();
	return done ? (ssize_t)done : len ? err : 0;
}

static ssize_t pipe_write(void *priv, const void *buf, size_t len)
{
	struct pipe_end *e = priv;

	return pipe_ring_write(e->p, buf, len, e->nonblock, PIPE_BUF);
}

short pipe_ring_poll(struct pipe *p, bool reader, short events)
{
	short r = 0;

	pthread_mutex_lock(&p->lock);
	if (reader) {
		r |= p->len ? (events & POLLIN) : 0;
		r |= p->writers ? 0 : POLLHUP;
	} else {
		r |= PIPE_SIZE - p->len >= PIPE_BUF ? (events & POLLOUT) : 0;
		r |= p->readers ? 0 : POLLERR;
	}
	pthread_mutex_unlock(&p->lock);
	return r;
}

static short pipe_poll(void *priv, short events)
{
	struct pipe_end *e = priv;

	return pipe_ring_poll(e->p, e->reader, events);
}

/* Which of ents are ready now: their count. */
static int ready_count(struct fd_pollent *ents, unsigned n)
{
	int ready = 0;

	for (unsigned i = 0; i < n; i++) {
		const struct pipe_waiter *w = ents[i].priv;
		ents[i].revents = w->poll(ents[i].priv, ents[i].events);
		ready += ents[i].revents != 0;
	}
	return ready;
}

/* The ready count, 0 at the timeout, or -EINTR: a signal handler ran
 * (poll is never restarted). */
static int poller_wait(struct fd_pollent *ents, unsigned n, int timeout_ms)
{
	uint64_t deadline =
		timeout_ms < 0
			? WAIT_FOREVER
			: clock_uptime_ns() + (uint64_t)timeout_ms * 1000000;
	int ready, err = 0;

	pthread_mutex_lock(&poll_lock);
	atomic_fetch_add(&pollers, 1);
	while (!(ready = ready_count(ents, n)) && timeout_ms && !err)
		err = pthread_cond_wait_intr(&poll_changed, &poll_lock,
					     deadline, false);
	atomic_fetch_sub(&pollers, 1);
	pthread_mutex_unlock(&poll_lock);
	return ready || err != EINTR ? ready : -EINTR;
}

const struct fd_poller pipe_poller = { poller_wait };

static int pipe_fstat(void *priv, struct stat *st)
{
	struct pipe *p = ((struct pipe_end *)priv)->p;

	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PIPE_BUF;
	pthread_mutex_lock(&p->lock);
	st->st_size = (off_t)p->len;
	pthread_mutex_unlock(&p->lock);
	return 0;
}

static int pipe_setfl(void *priv, int flags)
{
	((struct pipe_end *)priv)->nonblock = (flags & O_NONBLOCK) != 0;
	return 0;
}

void pipe_ring_close(struct pipe *p, bool reader)
{
	bool last;

	pthread_mutex_lock(&p->lock);
	if (reader)
		p->readers--;
	else
		p->writers--;
	last = !p->readers && !p->writers;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	tell_pollers();
	if (last) {
		pthread_cond_destroy(&p->changed);
		pthread_mutex_destroy(&p->lock);
		free(p);
	}
}

/* The last close of both ends frees the pipe. */
static int pipe_close(void *priv, bool reader)
{
	struct pipe_end *e = priv;

	pipe_ring_close(e->p, reader);
	free(e);
	return 0;
}

static int read_end_close(void *priv)
{
	return pipe_close(priv, true);
}

static int write_end_close(void *priv)
{
	return pipe_close(priv, false);
}

static const struct file_ops read_end_ops = {
	.read = pipe_read,
	.fstat = pipe_fstat,
	.close = read_end_close,
	.setfl = pipe_setfl,
	.poll = pipe_poll,
	.poller = &pipe_poller,
};

static const struct file_ops write_end_ops = {
	.write = pipe_write,
	.fstat = pipe_fstat,
	.close = write_end_close,
	.setfl = pipe_setfl,
	.poll = pipe_poll,
	.poller = &pipe_poller,
};

struct pipe *pipe_ring_new(void)
{
	struct pipe *p = malloc(sizeof(*p));

	if (!p)
		return NULL;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	p->head = p->len = 0;
	p->readers = p->writers = 1;
	return p;
}

size_t pipe_ring_len(struct pipe *p)
{
	pthread_mutex_lock(&p->lock);
	size_t n = p->len;
	pthread_mutex_unlock(&p->lock);
	return n;
}

static int make_pipe(int fds[2], int flags)
{
	struct pipe *p;
	struct pipe_end *r, *w;
	bool nonblock = flags & O_NONBLOCK;

	if (!fds)
		return -EFAULT;
	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	p = pipe_ring_new();
	r = malloc(sizeof(*r));
	w = malloc(sizeof(*w));
	if (!p || !r || !w)
		goto err_nomem;
	*r = (struct pipe_end){ { pipe_poll }, p, nonblock, true };
	*w = (struct pipe_end){ { pipe_poll }, p, nonblock, false };
	fds[0] = fd_install(&read_end_ops, r, O_RDONLY | (flags & O_NONBLOCK));
	if (fds[0] < 0) {
		int err = fds[0];
		free(p), free(r), free(w);
		return err;
	}
	fds[1] = fd_install(&write_end_ops, w, O_WRONLY | (flags & O_NONBLOCK));
	if (fds[1] < 0) {
		int err = fds[1];
		p->writers = 0; /* closing the read end frees all */
		fd_close(fds[0]);
		free(w);
		return err;
	}
	return 0;
err_nomem:
	free(p), free(r), free(w);
	return -ENOMEM;
}

int pipe(int fds[2])
{
	return (int)fd_ret(make_pipe(fds, 0));
}

int pipe2(int fds[2], int flags)
{
	return (int)fd_ret(make_pipe(fds, flags));
}
