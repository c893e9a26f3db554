/* SPDX-License-Identifier: MIT */
/*
 * poll.c: poll, select and ioctl over the fd table. Files whose kind can
 * wait (sockets, pipes: file_ops.poller) wait together, one kind at a
 * time (the kind most of them are); the rest (the console, and the
 * fewer kind) are asked now, and
 * while any of them is not ready the wait goes in 10 ms slices so it is
 * asked again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <ukos/clock.h>
#include <ukos/timer.h>
#include <ukos/wait.h>

#include "fd.h"
#include "signal/sig.h"

#define SLICE_MS 10

/* Ask one file now: its poll op, or its kind's poller not waiting. */
static short ready_now(struct file *f, short events)
{
	struct fd_pollent e = { f->priv, events, 0 };

	if (f->ops->poll)
		return f->ops->poll(f->priv, events);
	if (f->ops->poller)
		return f->ops->poller->wait(&e, 1, 0) < 0 ? POLLERR : e.revents;
	return events & (POLLIN | POLLOUT);
}

/* The kind of file most of fps wait with: that kind does the waiting (a
 * server's sockets, beside the odd pipe), the others are asked. */
static const struct fd_poller *majority(const struct file_poll *fps, unsigned n)
{
	const struct fd_poller *kinds[4] = { 0 };
	unsigned counts[4] = { 0 }, best = 0;

	for (unsigned i = 0; i < n; i++) {
		const struct fd_poller *p =
			fps[i].file ? fps[i].file->ops->poller : NULL;
		for (unsigned k = 0; p && k < 4; k++)
			if (!kinds[k] || kinds[k] == p) {
				kinds[k] = p;
				counts[k]++;
				break;
			}
	}
	for (unsigned k = 1; k < 4; k++)
		if (counts[k] > counts[best])
			best = k;
	return kinds[best];
}

/* One pass: non-waiting files asked, waiting ones (one poller kind)
 * waited on for up to wait_ms (-1: no limit) — a slice only, while a
 * non-waiting file is asked for input and is not ready. Returns the ready
 * count or -errno; *waited says whether the poller did the waiting. */
static int pass(struct file_poll *fps, unsigned n, int wait_ms, bool *waited)
{
	struct fd_pollent few[16], *ents = few;
	const struct fd_poller *poller = NULL;
	unsigned nents = 0;
	int ready = 0;
	bool more = false;

	if (n > 16 && !(ents = malloc(n * sizeof(*ents))))
		return -ENOMEM;
	poller = majority(fps, n);
	for (unsigned i = 0; i < n; i++) {
		struct file *f = fps[i].file;
		fps[i].revents = 0;
		if (!f) {
			fps[i].revents = POLLNVAL;
		} else if (f->ops->poller && poller == f->ops->poller) {
			ents[nents++] = (struct fd_pollent){ f->priv,
							     fps[i].events, 0 };
			continue;
		} else {
			fps[i].revents = ready_now(f, fps[i].events);
			more |= (fps[i].events & POLLIN) && !fps[i].revents;
		}
		ready += fps[i].revents != 0;
	}
	if (more && (wait_ms < 0 || wait_ms > SLICE_MS))
		wait_ms = SLICE_MS;
	*waited = nents && !ready;
	if (nents) {
		int r = poller->wait(ents, nents, ready ? 0 : wait_ms);
		for (unsigned i = 0, k = 0; r >= 0 && i < n; i++) {
			struct file *f = fps[i].file;
			if (f && f->ops->poller == poller && k < nents) {
				fps[i].revents = ents[k++].revents;
				ready += fps[i].revents != 0;
			}
		}
		if (r < 0)
			ready = r;
	}
	if (ents != few)
		free(ents);
	return ready;
}

int fd_poll_files(struct file_poll *fps, unsigned n, int timeout_ms)
{
	uint64_t until =
		timeout_ms < 0
			? UINT64_MAX
			: clock_uptime_ns() + (uint64_t)timeout_ms * 1000000;
	bool waited;

	for (;;) {
		uint64_t now = clock_uptime_ns();
		int left = now >= until ? 0
			   : until == UINT64_MAX
				   ? -1
				   : (int)((until - now + 999999) / 1000000);
		int r = pass(fps, n, left, &waited);
		if (r != 0 || left == 0)
			return r;
		if (!waited) { /* nothing that waits: ask again in a while */
			uint64_t slice =
				clock_uptime_ns() + SLICE_MS * 1000000ull;
			if (timer_sleep_intr(slice < until ? slice : until))
				return -EINTR; /* never restarted */
		}
	}
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	struct file_poll few[16], *fps = few;
	unsigned k = 0;
	int r;

	if (n > FD_MAX)
		return (int)fd_ret(-EINVAL);
	if (n > 16 && !(fps = malloc(n * sizeof(*fps))))
		return (int)fd_ret(-ENOMEM);
	/* A negative fd is left out (revents 0); a closed one is POLLNVAL. */
	for (nfds_t i = 0; i < n; i++)
		if (fds[i].fd >= 0)
			fps[k++] = (struct file_poll){ fd_get(fds[i].fd),
						       fds[i].events, 0 };
	r = fd_poll_files(fps, k, timeout);
	k = 0;
	for (nfds_t i = 0; r >= 0 && i < n; i++)
		fds[i].revents = fds[i].fd < 0 ? 0 : fps[k++].revents;
	if (fps != few)
		free(fps);
	return (int)fd_ret(r);
}

/* A timespec timeout in poll's milliseconds, rounded up (-1: none). 0 or
 * -EINVAL. */
static int timeout_ms(const struct timespec *ts, int *ms)
{
	if (!ts) {
		*ms = -1;
		return 0;
	}
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t v = (uint64_t)ts->tv_sec * 1000 +
		     ((uint64_t)ts->tv_nsec + 999999) / 1000000;
	*ms = v > INT_MAX ? INT_MAX : (int)v;
	return 0;
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
	  const sigset_t *mask)
{
	int ms, r, err = timeout_ms(ts, &ms);
	bool intr;
	uint64_t old;

	if (err)
		return (int)fd_ret(err);
	old = signal_mask_swap(mask, &intr);
	r = intr ? (int)fd_ret(-EINTR) : poll(fds, n, ms);
	err = errno;
	signal_mask_restore(mask, old);
	errno = err;
	return r;
}

int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
	    const struct timespec *ts, const sigset_t *mask)
{
	struct timeval tv, *tvp = NULL;
	int ms, r, err = timeout_ms(ts, &ms);
	bool intr;
	uint64_t old;

	if (err)
		return (int)fd_ret(err);
	if (ts) {
		tv = (struct timeval){ ts->tv_sec, (ts->tv_nsec + 999) / 1000 };
		if (tv.tv_usec >= 1000000)
			tv.tv_sec++, tv.tv_usec -= 1000000;
		tvp = &tv;
	}
	old = signal_mask_swap(mask, &intr);
	r = intr ? (int)fd_ret(-EINTR) : select(nfds, rd, wr, ex, tvp);
	err = errno;
	signal_mask_restore(mask, old);
	errno = err;
	return r;
}

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
	struct pollfd few[64], *p = few;
	int n = 0, r, timeout;

	if (nfds < 0 || nfds > FD_SETSIZE ||
	    (tv &&
	     (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)))
		return (int)fd_ret(-EINVAL);
	if (nfds > 64 && !(p = malloc((size_t)nfds * sizeof(*p))))
		return (int)fd_ret(-ENOMEM);
	for (int fd = 0; fd < nfds; fd++) {
		short ev = (short)((rd && FD_ISSET(fd, rd) ? POLLIN : 0) |
				   (wr && FD_ISSET(fd, wr) ? POLLOUT : 0) |
				   (ex && FD_ISSET(fd, ex) ? POLLPRI : 0));
		if (ev)
			p[n++] = (struct pollfd){ fd, ev, 0 };
	}
	timeout =
		!tv ? -1
		: tv->tv_sec > 100000000
			? 100000000
			: (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
	r = poll(p, (nfds_t)n, timeout);
	if (r >= 0) {
		r = 0;
		if (rd)
			FD_ZERO(rd);
		if (wr)
			FD_ZERO(wr);
		if (ex)
			FD_ZERO(ex);
		for (int i = 0; i < n; i++) {
			short e = p[i].revents;
			if (e & POLLNVAL) {
				r = (int)fd_ret(-EBADF);
				break;
			}
			if (rd && (e & (POLLIN | POLLHUP | POLLERR)) &&
			    (p[i].events & POLLIN))
				FD_SET(p[i].fd, rd), r++;
			if (wr && (e & (POLLOUT | POLLERR)) &&
			    (p[i].events & POLLOUT))
				FD_SET(p[i].fd, wr), r++;
			if (ex && (e & POLLPRI))
				FD_SET(p[i].fd, ex), r++;
		}
	}
	if (p != few)
		free(p);
	return r;
}

int ioctl(int fd, unsigned long req, ...)
{
	struct file *f = fd_get(fd);
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!f)
		return (int)fd_ret(-EBADF);
	if (req == FIONBIO) {
		int on = arg ? *(int *)arg : 0;
		return (int)fd_ret(
			fd_set_flags(f, on ? f->flags | O_NONBLOCK
					   : f->flags & ~O_NONBLOCK));
	}
	return (int)fd_ret(f->ops->ioctl ? f->ops->ioctl(f->priv, req, arg)
					 : -ENOTTY);
}
