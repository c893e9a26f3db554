/* SPDX-License-Identifier: MIT */
/*
 * unix_pair.c: socketpair(AF_UNIX, SOCK_STREAM) — two connected stream
 * sockets between the app's threads, each end reading one pipe ring and
 * writing the other (lib/pipe.h): read/write and the socket calls on
 * them (send/recv with MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL; shutdown;
 * the options and names a socket pair has), poll and epoll waiting on
 * them as on pipes. There are no named AF_UNIX sockets (socket() says
 * EAFNOSUPPORT): a pair is all a program can have.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../pipe.h"
#include "unix.h"

#define BUF_SIZE (64 * 1024) /* the ring's: SO_SNDBUF, SO_RCVBUF */

struct unix_end {
	struct pipe_waiter w;  /* first: how pipe_poller asks it */
	struct pipe *in, *out; /* NULL once shut down or closed */
	bool nonblock;
};

static const struct file_ops unix_ops;

bool unix_is(const struct file *f)
{
	return f && f->ops == &unix_ops;
}

ssize_t unix_recv(void *priv, void *buf, size_t len, int flags)
{
	struct unix_end *e = priv;
	bool nonblock = e->nonblock || (flags & MSG_DONTWAIT);
	size_t got = 0;
	ssize_t r;

	if (!e->in)
		return 0; /* shut down for reading: end of file */
	do {
		r = pipe_ring_read(e->in, (char *)buf + got, len - got,
				   nonblock, flags & MSG_PEEK);
		if (r > 0)
			got += (size_t)r;
	} while (r > 0 && got < len && (flags & MSG_WAITALL) &&
		 !(flags & MSG_PEEK));
	return got ? (ssize_t)got : r;
}

ssize_t unix_send(void *priv, const void *buf, size_t len, int flags)
{
	struct unix_end *e = priv;

	if (!e->out)
		return -EPIPE; /* shut down for writing */
	return pipe_ring_write(e->out, buf, len,
			       e->nonblock || (flags & MSG_DONTWAIT), 0);
}

static ssize_t end_read(void *priv, void *buf, size_t len)
{
	return unix_recv(priv, buf, len, 0);
}

static ssize_t end_write(void *priv, const void *buf, size_t len)
{
	return unix_send(priv, buf, len, 0);
}

int unix_shutdown(void *priv, int how)
{
	struct unix_end *e = priv;

	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	if (how != SHUT_WR && e->in) {
		pipe_ring_close(e->in, true);
		e->in = NULL;
	}
	if (how != SHUT_RD && e->out) {
		pipe_ring_close(e->out, false);
		e->out = NULL;
	}
	return 0;
}

static short end_poll(void *priv, short events)
{
	struct unix_end *e = priv;
	short r = 0;

	if (e->in)
		r |= pipe_ring_poll(e->in, true, events & POLLIN);
	else
		r |= events & POLLIN; /* reads say end of file at once */
	if (e->out)
		r |= pipe_ring_poll(e->out, false, events & POLLOUT);
	if (r & POLLERR) /* the peer closed: a socket says hang-up */
		r = (short)((r & ~POLLERR) | POLLHUP);
	return r;
}

static int end_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	st->st_nlink = 1;
	st->st_blksize = BUF_SIZE;
	return 0;
}

static int end_setfl(void *priv, int flags)
{
	((struct unix_end *)priv)->nonblock = flags & O_NONBLOCK;
	return 0;
}

static int end_ioctl(void *priv, unsigned long req, void *arg)
{
	struct unix_end *e = priv;

	if (req != FIONREAD)
		return -ENOTTY;
	*(int *)arg = e->in ? (int)pipe_ring_len(e->in) : 0;
	return 0;
}

static int end_close(void *priv)
{
	unix_shutdown(priv, SHUT_RDWR);
	free(priv);
	return 0;
}

static const struct file_ops unix_ops = {
	.read = end_read,
	.write = end_write,
	.fstat = end_fstat,
	.setfl = end_setfl,
	.ioctl = end_ioctl,
	.close = end_close,
	.poll = end_poll,
	.poller = &pipe_poller,
};

int unix_getsockopt(void *priv, int level, int name, void *val, socklen_t *len)
{
	int v;

	(void)priv;
	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	switch (name) {
	case SO_TYPE:
		v = SOCK_STREAM;
		break;
	case SO_ERROR:
	case SO_ACCEPTCONN:
		v = 0;
		break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		v = BUF_SIZE;
		break;
	case SO_DOMAIN:
		v = AF_UNIX;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (!val || !len || *len < sizeof(v))
		return -EINVAL;
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

int unix_setsockopt(void *priv, int level, int name, const void *val,
		    socklen_t len)
{
	(void)priv;
	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	if (!val || len < sizeof(int))
		return -EINVAL;
	/* The ring's size is fixed; Linux too treats these as hints, and
	 * getsockopt says what the buffer is. */
	return name == SO_SNDBUF || name == SO_RCVBUF ? 0 : -ENOPROTOOPT;
}

int unix_name(struct sockaddr *sa, socklen_t *len)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	socklen_t full = sizeof(un.sun_family); /* unnamed */

	if (!sa || !len)
		return -EFAULT;
	memcpy(sa, &un, *len < full ? *len : full);
	*len = full;
	return 0;
}

int unix_socketpair(int type, int sv[2])
{
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	bool nonblock = type & SOCK_NONBLOCK;
	struct pipe *ab, *ba;
	struct unix_end *a, *b;

	if (!sv)
		return -EFAULT;
	if (kind != SOCK_STREAM)
		return kind == SOCK_DGRAM || kind == SOCK_SEQPACKET
			       ? -EOPNOTSUPP
			       : -EINVAL;
	ab = pipe_ring_new(), ba = pipe_ring_new();
	a = malloc(sizeof(*a)), b = malloc(sizeof(*b));
	if (!ab || !ba || !a || !b) {
		free(ab), free(ba), free(a), free(b);
		return -ENOMEM;
	}
	*a = (struct unix_end){ { end_poll }, ba, ab, nonblock };
	*b = (struct unix_end){ { end_poll }, ab, ba, nonblock };
	int flags = O_RDWR | (nonblock ? O_NONBLOCK : 0);
	sv[0] = fd_install(&unix_ops, a, flags);
	if (sv[0] < 0) {
		end_close(a), end_close(b);
		return sv[0];
	}
	sv[1] = fd_install(&unix_ops, b, flags);
	if (sv[1] < 0) {
		int err = sv[1];
		fd_close(sv[0]);
		end_close(b);
		return err;
	}
	return 0;
}
