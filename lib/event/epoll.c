/* SPDX-License-Identifier: MIT */
/*
 * epoll.c: Linux's epoll over the fd table. An epoll instance is a file
 * whose interest list names open file descriptions (struct file), not fd
 * numbers, as Linux's does: an entry lives while its description is open
 * (a dup keeps it) and goes with the description's last close, which is
 * seen from the description's generation (fd.h) the next time the list
 * is looked at.
 *
 * epoll_wait asks the entries' files through file_poll, the machinery of
 * poll(): its cost grows with the interest list, and readiness is level-
 * triggered underneath. EPOLLET is therefore served as level-triggered:
 * every event Linux would report is reported, and a program written for
 * edge triggering (it reads or writes until EAGAIN) sees at most some
 * extra wake-ups. EPOLLONESHOT disables an entry once it has reported,
 * until EPOLL_CTL_MOD. A wait looks at the list again every 100 ms, so an
 * entry another thread adds is seen by then.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <ukos/clock.h>

#include "../fd.h"
#include "../signal/sig.h"

#define RESCAN_MS 100
#define MAX_NESTS 4 /* Linux's EP_MAX_NESTS: epolls within epolls */

/* The conditions poll() knows (the same bits), which files are asked. */
#define ASKED                                                                  \
	(EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLRDNORM | EPOLLRDBAND |           \
	 EPOLLWRNORM | EPOLLWRBAND)
/* What may go with EPOLLEXCLUSIVE (Linux's EPOLLEXCLUSIVE_OK_BITS). */
#define EXCLUSIVE_OK                                                           \
	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET |    \
	 EPOLLEXCLUSIVE)

struct entry {
	struct file *file;
	unsigned gen; /* file->gen when added: the entry's description */
	uint32_t events;
	epoll_data_t data;
	bool fired; /* EPOLLONESHOT reported: off until EPOLL_CTL_MOD */
};

struct epoll {
	pthread_mutex_t lock;
	struct entry *entries;
	unsigned n, cap;
	unsigned next; /* where the next wait starts: no entry starves */
};

static const struct file_ops epoll_ops;

static bool alive(const struct entry *e)
{
	return e->file->refs && e->file->gen == e->gen;
}

/* Drop the entries whose description has been closed. */
static void sweep(struct epoll *ep)
{
	unsigned k = 0;

	for (unsigned i = 0; i < ep->n; i++)
		if (alive(&ep->entries[i]))
			ep->entries[k++] = ep->entries[i];
	ep->n = k;
	if (ep->next >= ep->n)
		ep->next = 0;
}

static struct entry *find(struct epoll *ep, const struct file *f)
{
	for (unsigned i = 0; i < ep->n; i++)
		if (ep->entries[i].file == f && alive(&ep->entries[i]))
			return &ep->entries[i];
	return NULL;
}

/* The epoll behind file f, or NULL. */
static struct epoll *epoll_of(const struct file *f)
{
	return f && f->ops == &epoll_ops ? f->priv : NULL;
}

/* Whether putting inner into outer would make a loop or nest epolls
 * deeper than Linux allows. Called with outer's lock held, takes inner's
 * (nested epolls are walked from the outside in, always in that order). */
static bool loops(struct epoll *outer, struct epoll *inner, int depth)
{
	bool bad = false;

	if (inner == outer || depth >= MAX_NESTS)
		return true;
	pthread_mutex_lock(&inner->lock);
	for (unsigned i = 0; i < inner->n && !bad; i++) {
		struct epoll *sub = epoll_of(inner->entries[i].file);
		if (sub && alive(&inner->entries[i]))
			bad = loops(outer, sub, depth + 1);
	}
	pthread_mutex_unlock(&inner->lock);
	return bad;
}

static int add(struct epoll *ep, struct file *f, const struct epoll_event *ev)
{
	struct epoll *inner = epoll_of(f);

	if (find(ep, f))
		return -EEXIST;
	if ((ev->events & EPOLLEXCLUSIVE) &&
	    (inner || (ev->events & ~EXCLUSIVE_OK)))
		return -EINVAL;
	if (inner && loops(ep, inner, 1))
		return -ELOOP;
	sweep(ep);
	if (ep->n == ep->cap) {
		unsigned cap = ep->cap ? ep->cap * 2 : 8;
		struct entry *e = realloc(ep->entries, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		ep->entries = e, ep->cap = cap;
	}
	ep->entries[ep->n++] =
		(struct entry){ f, f->gen, ev->events, ev->data, false };
	return 0;
}

static int ctl(struct epoll *ep, int op, struct file *f,
	       const struct epoll_event *ev)
{
	struct entry *e = find(ep, f);

	switch (op) {
	case EPOLL_CTL_ADD:
		return add(ep, f, ev);
	case EPOLL_CTL_MOD:
		if (!e)
			return -ENOENT;
		/* Linux: an exclusive entry cannot be changed, nor made so. */
		if ((ev->events | e->events) & EPOLLEXCLUSIVE)
			return -EINVAL;
		e->events = ev->events, e->data = ev->data, e->fired = false;
		return 0;
	case EPOLL_CTL_DEL:
		if (!e)
			return -ENOENT;
		*e = ep->entries[--ep->n];
		return 0;
	}
	return -EINVAL;
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	struct file *ef = fd_get(epfd), *f = fd_get(fd);
	struct epoll *ep = epoll_of(ef);
	struct stat st;
	int r;

	if (!ef || !f)
		return (int)fd_ret(-EBADF);
	if (!ep || f == ef ||
	    (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD && op != EPOLL_CTL_DEL))
		return (int)fd_ret(-EINVAL);
	if (op != EPOLL_CTL_DEL && !event)
		return (int)fd_ret(-EFAULT);
	/* Linux: files that are always ready (regular files, directories)
	 * cannot be watched. */
	if (f->ops->fstat(f->priv, &st) == 0 &&
	    (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return (int)fd_ret(-EPERM);
	pthread_mutex_lock(&ep->lock);
	r = ctl(ep, op, f, event);
	pthread_mutex_unlock(&ep->lock);
	return (int)fd_ret(r);
}

/* The entries to ask, from ep->next on: live ones not fired. fps[i]
 * asks for entries[at[i]]. The count, or -ENOMEM. */
static int snapshot(struct epoll *ep, struct file_poll **fps, unsigned **at)
{
	unsigned k = 0;

	sweep(ep);
	*fps = malloc((ep->n ? ep->n : 1) * sizeof(**fps));
	*at = malloc((ep->n ? ep->n : 1) * sizeof(**at));
	if (!*fps || !*at) {
		free(*fps), free(*at);
		return -ENOMEM;
	}
	for (unsigned j = 0; j < ep->n; j++) {
		unsigned i = (ep->next + j) % ep->n;
		struct entry *e = &ep->entries[i];
		if (e->fired)
			continue;
		(*at)[k] = i;
		(*fps)[k++] =
			(struct file_poll){ e->file, (short)(e->events & ASKED),
					    0 };
	}
	return (int)k;
}

/* What an entry reports of a file's poll revents: the conditions it
 * asked for, and errors and hang-ups always (epoll(7)). */
static uint32_t reported(const struct entry *e, short revents)
{
	uint32_t got = (uint16_t)revents & ~(uint32_t)POLLNVAL;

	if ((revents & POLLHUP) && (e->events & EPOLLRDHUP))
		got |= EPOLLRDHUP;
	return got & (e->events | EPOLLERR | EPOLLHUP);
}

/* The entries a pass found ready, into out[0, max): how many. Entries
 * changed, removed or fired since the snapshot are left for the next. */
static int harvest(struct epoll *ep, const struct file_poll *fps,
		   const unsigned *at, unsigned n, struct epoll_event *out,
		   int max)
{
	int got = 0;
	unsigned last = ep->next;

	for (unsigned k = 0; k < n && got < max; k++) {
		struct entry *e = at[k] < ep->n ? &ep->entries[at[k]] : NULL;
		uint32_t ev;
		if (!e || e->file != fps[k].file || !alive(e) || e->fired)
			continue;
		ev = reported(e, fps[k].revents);
		if (!ev)
			continue;
		out[got++] = (struct epoll_event){ ev, e->data };
		e->fired = (e->events & EPOLLONESHOT) != 0;
		last = at[k];
	}
	if (got && ep->n)
		ep->next = (last + 1) % ep->n;
	return got;
}

/* One look at ep's entries, waiting up to wait_ms for one to be ready:
 * how many were put in out, or -errno. */
static int wait_once(struct epoll *ep, struct epoll_event *out, int max,
		     int wait_ms)
{
	struct file_poll *fps;
	unsigned *at;
	int n, r;

	pthread_mutex_lock(&ep->lock);
	n = snapshot(ep, &fps, &at);
	pthread_mutex_unlock(&ep->lock);
	if (n < 0)
		return n;
	r = fd_poll_files(fps, (unsigned)n, wait_ms);
	if (r > 0) {
		pthread_mutex_lock(&ep->lock);
		r = harvest(ep, fps, at, (unsigned)n, out, max);
		pthread_mutex_unlock(&ep->lock);
	}
	free(fps), free(at);
	return r;
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	struct file *ef = fd_get(epfd);
	struct epoll *ep = epoll_of(ef);
	uint64_t until =
		timeout < 0 ? UINT64_MAX
			    : clock_uptime_ns() + (uint64_t)timeout * 1000000;

	if (!ef)
		return (int)fd_ret(-EBADF);
	if (!ep || maxevents <= 0)
		return (int)fd_ret(-EINVAL);
	if (!events)
		return (int)fd_ret(-EFAULT);
	for (;;) {
		uint64_t now = clock_uptime_ns();
		uint64_t left_ms = now >= until ? 0
				   : until == UINT64_MAX
					   ? UINT64_MAX
					   : (until - now + 999999) / 1000000;
		int r = wait_once(ep, events, maxevents,
				  left_ms > RESCAN_MS ? RESCAN_MS
						      : (int)left_ms);
		if (r != 0 || left_ms == 0)
			return (int)fd_ret(r);
	}
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const sigset_t *mask)
{
	bool intr;
	uint64_t old = signal_mask_swap(mask, &intr);
	int r = intr ? (int)fd_ret(-EINTR)
		     : epoll_wait(epfd, events, maxevents, timeout);
	int err = errno;

	signal_mask_restore(mask, old);
	errno = err;
	return r;
}

/* An epoll is itself ready for reading while one of its entries would
 * report (a one-shot one is not fired by being looked at). */
static short epoll_poll(void *priv, short events)
{
	struct epoll *ep = priv;
	struct file_poll *fps;
	unsigned *at;
	bool ready = false;
	int n, r;

	if (!(events & POLLIN))
		return 0;
	pthread_mutex_lock(&ep->lock);
	n = snapshot(ep, &fps, &at);
	pthread_mutex_unlock(&ep->lock);
	if (n < 0)
		return POLLERR;
	r = fd_poll_files(fps, (unsigned)n, 0);
	pthread_mutex_lock(&ep->lock);
	for (int k = 0; r > 0 && k < n && !ready; k++) {
		struct entry *e = at[k] < ep->n ? &ep->entries[at[k]] : NULL;
		ready = e && e->file == fps[k].file &&
			reported(e, fps[k].revents);
	}
	pthread_mutex_unlock(&ep->lock);
	free(fps), free(at);
	return ready ? POLLIN : 0;
}

static int epoll_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = 0600; /* Linux: an anonymous inode, no file type */
	st->st_blksize = 4096;
	return 0;
}

static int epoll_close(void *priv)
{
	struct epoll *ep = priv;

	pthread_mutex_destroy(&ep->lock);
	free(ep->entries);
	free(ep);
	return 0;
}

static const struct file_ops epoll_ops = {
	.fstat = epoll_fstat,
	.close = epoll_close,
	.poll = epoll_poll,
};

int epoll_create1(int flags)
{
	struct epoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return (int)fd_ret(-EINVAL);
	ep = calloc(1, sizeof(*ep));
	if (!ep)
		return (int)fd_ret(-ENOMEM);
	pthread_mutex_init(&ep->lock, NULL);
	fd = fd_install(&epoll_ops, ep, O_RDWR | flags);
	if (fd < 0)
		epoll_close(ep);
	return (int)fd_ret(fd);
}

int epoll_create(int size)
{
	/* The size is a hint since Linux 2.6.8, but must be positive. */
	return size <= 0 ? (int)fd_ret(-EINVAL) : epoll_create1(0);
}
