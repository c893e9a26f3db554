/* SPDX-License-Identifier: MIT */
/*
 * timerfd.c: timerfd_create(2) and kin as Linux has them: a timer on
 * CLOCK_MONOTONIC (CLOCK_BOOTTIME alike: ukos does not suspend) or
 * CLOCK_REALTIME, set relative or absolute, one-shot or periodic; a read
 * gives the expirations since the last (missed ones counted), waiting for
 * the first. Nothing runs when one expires: expirations are counted from
 * the clock whenever the timer is looked at, and poll and blocked reads
 * sleep until the next is due.
 */
#define _GNU_SOURCE /* CLOCK_BOOTTIME */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <ukos/clock.h>
#include <ukos/wait.h>

#include "../threads.h"
#include "event.h"

#define NS 1000000000ull

struct tfd {
	struct event_file ef;
	clockid_t clock;
	uint64_t next;     /* monotonic ns of the next expiry; 0: disarmed */
	uint64_t interval; /* ns; 0: one-shot */
	uint64_t pending;  /* expirations counted, not yet read */
};

/* Count what has expired by now into pending; the lock held. */
static void catch_up(struct tfd *t)
{
	uint64_t now = clock_uptime_ns();

	if (!t->next || now < t->next)
		return;
	if (!t->interval) {
		t->pending++;
		t->next = 0;
		return;
	}
	uint64_t n = (now - t->next) / t->interval + 1;
	t->pending += n;
	t->next += n * t->interval;
}

static bool expired(struct event_file *ef, uint64_t arg)
{
	(void)arg;
	catch_up((struct tfd *)ef);
	return ((struct tfd *)ef)->pending > 0;
}

static uint64_t due(struct event_file *ef)
{
	uint64_t next = ((struct tfd *)ef)->next;

	return next ? next : WAIT_FOREVER;
}

static ssize_t tfd_read(void *priv, void *buf, size_t len)
{
	struct tfd *t = priv;
	uint64_t n = 0;
	int err;

	if (len < sizeof(n))
		return -EINVAL;
	pthread_mutex_lock(event_lock());
	err = event_wait(&t->ef, expired, 0, due);
	if (!err) {
		n = t->pending;
		t->pending = 0;
	}
	pthread_mutex_unlock(event_lock());
	if (err)
		return err;
	memcpy(buf, &n, sizeof(n));
	return sizeof(n);
}

static short tfd_poll_locked(void *priv, short events, uint64_t *at)
{
	struct tfd *t = priv;

	catch_up(t);
	*at = t->next ? t->next : WAIT_FOREVER;
	return t->pending ? (short)(events & (POLLIN | POLLRDNORM)) : 0;
}

static const struct event_kind tfd_kind = { tfd_poll_locked };

static const struct file_ops tfd_ops = {
	.read = tfd_read,
	.fstat = event_file_fstat,
	.setfl = event_file_setfl,
	.close = event_file_close,
	.poll = event_file_poll,
	.poller = &event_poller,
};

int timerfd_create(int clockid, int flags)
{
	struct tfd *t;
	int fd;

	if (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME &&
	    clockid != CLOCK_BOOTTIME)
		return (int)fd_ret(-EINVAL);
	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return (int)fd_ret(-EINVAL);
	t = calloc(1, sizeof(*t));
	if (!t)
		return (int)fd_ret(-ENOMEM);
	t->ef = (struct event_file){ &tfd_kind, (flags & TFD_NONBLOCK) != 0 };
	t->clock = clockid == CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	fd = fd_install(&tfd_ops, t,
			O_RDONLY | (flags & TFD_NONBLOCK ? O_NONBLOCK : 0));
	if (fd < 0)
		free(t);
	return (int)fd_ret(fd);
}

static struct tfd *timer_of(int fd, int *err)
{
	struct file *f = fd_get(fd);

	*err = !f ? -EBADF : f->ops != &tfd_ops ? -EINVAL : 0;
	return *err ? NULL : f->priv;
}

static bool valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long)NS;
}

static uint64_t ns_of(const struct timespec *ts)
{
	uint64_t s = (uint64_t)ts->tv_sec;

	return s > UINT64_MAX / NS / 2 ? UINT64_MAX / 2
				       : s * NS + (uint64_t)ts->tv_nsec;
}

static struct timespec ts_of(uint64_t ns)
{
	return (struct timespec){ (time_t)(ns / NS), (long)(ns % NS) };
}

/* What is left of t's timer now: the time to its next expiry and its
 * interval; the lock held. */
static void current(struct tfd *t, struct itimerspec *cur)
{
	uint64_t now = clock_uptime_ns();

	catch_up(t);
	cur->it_interval = ts_of(t->interval);
	cur->it_value =
		ts_of(t->next ? (t->next > now ? t->next - now : 1) : 0);
}

int timerfd_settime(int fd, int flags, const struct itimerspec *new,
		    struct itimerspec *old)
{
	int err;
	struct tfd *t = timer_of(fd, &err);
	uint64_t next = 0, value;

	if (!t)
		return (int)fd_ret(err);
	if (!new || (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !valid(&new->it_value) || !valid(&new->it_interval))
		return (int)fd_ret(new ? -EINVAL : -EFAULT);
	value = ns_of(&new->it_value);
	if (value && (flags & TFD_TIMER_ABSTIME)) {
		/* An absolute time on the timer's clock: as a monotonic
		 * moment (ukos's realtime clock is never set, so
		 * CANCEL_ON_SET has nothing to cancel). */
		err = clock_deadline_ns(t->clock, &new->it_value, &next);
		if (err)
			return (int)fd_ret(err);
		if (!next)
			next = 1; /* already past: due at once */
	} else if (value) {
		next = clock_uptime_ns() + value;
	}
	pthread_mutex_lock(event_lock());
	if (old)
		current(t, old);
	t->next = next;
	t->interval = value ? ns_of(&new->it_interval) : 0;
	t->pending = 0;
	pthread_mutex_unlock(event_lock());
	event_changed();
	return 0;
}

int timerfd_gettime(int fd, struct itimerspec *cur)
{
	int err;
	struct tfd *t = timer_of(fd, &err);

	if (!t)
		return (int)fd_ret(err);
	if (!cur)
		return (int)fd_ret(-EFAULT);
	pthread_mutex_lock(event_lock());
	current(t, cur);
	pthread_mutex_unlock(event_lock());
	return 0;
}
