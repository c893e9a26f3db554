/* SPDX-License-Identifier: MIT */
/*
 * eventfd.c: eventfd(2) as Linux has it — an 8-byte counter. A read takes
 * it whole (EFD_SEMAPHORE: one), waiting while it is 0; a write adds,
 * waiting while the sum would pass 2^64 - 2; EFD_NONBLOCK makes those
 * waits EAGAIN. Readable while non-zero, writable while 1 more fits.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <ukos/wait.h>
#include <unistd.h>

#include "event.h"

#define COUNT_MAX 0xfffffffffffffffeull

struct efd {
	struct event_file ef;
	uint64_t count;
	bool semaphore;
};

static bool readable(struct event_file *ef, uint64_t arg)
{
	(void)arg;
	return ((struct efd *)ef)->count > 0;
}

/* Whether v more fits. */
static bool room_for(struct event_file *ef, uint64_t v)
{
	return ((struct efd *)ef)->count <= COUNT_MAX - v;
}

static ssize_t efd_read(void *priv, void *buf, size_t len)
{
	struct efd *e = priv;
	uint64_t v;
	int err;

	if (len < sizeof(v))
		return -EINVAL;
	pthread_mutex_lock(event_lock());
	err = event_wait(&e->ef, readable, 0, NULL);
	if (!err) {
		v = e->semaphore ? 1 : e->count;
		e->count -= v;
	}
	pthread_mutex_unlock(event_lock());
	if (err)
		return err;
	memcpy(buf, &v, sizeof(v));
	event_changed();
	return sizeof(v);
}

static ssize_t efd_write(void *priv, const void *buf, size_t len)
{
	struct efd *e = priv;
	uint64_t v;
	int err;

	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == UINT64_MAX)
		return -EINVAL;
	pthread_mutex_lock(event_lock());
	err = event_wait(&e->ef, room_for, v, NULL);
	if (!err)
		e->count += v;
	pthread_mutex_unlock(event_lock());
	if (err)
		return err;
	event_changed();
	return sizeof(v);
}

static short efd_poll_locked(void *priv, short events, uint64_t *due)
{
	struct efd *e = priv;
	short r = 0;

	(void)due;
	if (e->count > 0)
		r |= POLLIN | POLLRDNORM;
	if (e->count < COUNT_MAX)
		r |= POLLOUT | POLLWRNORM;
	return r & (events | POLLERR | POLLHUP);
}

static const struct event_kind efd_kind = { efd_poll_locked };

static const struct file_ops efd_ops = {
	.read = efd_read,
	.write = efd_write,
	.fstat = event_file_fstat,
	.setfl = event_file_setfl,
	.close = event_file_close,
	.poll = event_file_poll,
	.poller = &event_poller,
};

int eventfd(unsigned int initval, int flags)
{
	struct efd *e;
	int fd;

	if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
		return (int)fd_ret(-EINVAL);
	e = calloc(1, sizeof(*e));
	if (!e)
		return (int)fd_ret(-ENOMEM);
	*e = (struct efd){ { &efd_kind, (flags & EFD_NONBLOCK) != 0 },
			   initval,
			   (flags & EFD_SEMAPHORE) != 0 };
	fd = fd_install(&efd_ops, e,
			O_RDWR | (flags & EFD_NONBLOCK ? O_NONBLOCK : 0));
	if (fd < 0)
		free(e);
	return (int)fd_ret(fd);
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}
