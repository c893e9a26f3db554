/* SPDX-License-Identifier: MIT */
/*
 * socket_posix.c: the POSIX socket functions. A socket is a file in the
 * one fd table (lib/fd.h) whose private data is its lwIP socket number;
 * read, write, close, fcntl(O_NONBLOCK), ioctl, poll and select reach it
 * through its file ops. Addresses, flags and options arrive in POSIX
 * (Linux) terms and go to sock_lwip.c in sock.h's neutral ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "../lib/fd.h"
#include "../lib/unix/unix.h"
#include "sock.h"

static int sock_of(void *priv)
{
	return (int)(intptr_t)priv;
}

static ssize_t file_read(void *priv, void *buf, size_t len)
{
	return net_sock_recv(sock_of(priv), buf, len, 0, NULL);
}

static ssize_t file_write(void *priv, const void *buf, size_t len)
{
	return net_sock_send(sock_of(priv), buf, len, 0, NULL);
}

static int file_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	st->st_blksize = 4096;
	return 0;
}

static int file_close(void *priv)
{
	return net_sock_close(sock_of(priv));
}

static int file_setfl(void *priv, int flags)
{
	return net_sock_nonblock(sock_of(priv), flags & O_NONBLOCK);
}

static int file_ioctl(void *priv, unsigned long req, void *arg)
{
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	n = net_sock_nread(sock_of(priv));
	if (n < 0)
		return n;
	*(int *)arg = n;
	return 0;
}

static short to_poll(short e)
{
	return (short)((e & NET_POLLIN ? POLLIN : 0) |
		       (e & NET_POLLOUT ? POLLOUT : 0) |
		       (e & NET_POLLERR ? POLLERR : 0) |
		       (e & NET_POLLHUP ? POLLHUP : 0) |
		       (e & NET_POLLNVAL ? POLLNVAL : 0));
}

static int poller_wait(struct fd_pollent *ents, unsigned n, int timeout_ms)
{
	struct net_pollfd few[16], *p = few;
	int r;

	if (n > 16 && !(p = malloc(n * sizeof(*p))))
		return -ENOMEM;
	for (unsigned i = 0; i < n; i++)
		p[i] = (struct net_pollfd){
			sock_of(ents[i].priv),
			(short)((ents[i].events & (POLLIN | POLLRDNORM)
					 ? NET_POLLIN
					 : 0) |
				(ents[i].events & (POLLOUT | POLLWRNORM)
					 ? NET_POLLOUT
					 : 0)),
			0,
		};
	r = net_sock_poll(p, n, timeout_ms);
	for (unsigned i = 0; r >= 0 && i < n; i++)
		ents[i].revents = to_poll(p[i].revents);
	if (p != few)
		free(p);
	return r;
}

static const struct fd_poller socket_poller = { poller_wait };

static const struct file_ops socket_ops = {
	.read = file_read,
	.write = file_write,
	.fstat = file_fstat,
	.close = file_close,
	.setfl = file_setfl,
	.ioctl = file_ioctl,
	.poller = &socket_poller,
};

/* The socket behind fd: its lwIP number, or -EBADF / -ENOTSOCK. */
static int sock(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return f->ops == &socket_ops ? sock_of(f->priv) : -ENOTSOCK;
}

/* The end of an AF_UNIX pair fd is (unix.h), or NULL. */
static void *pair_end(int fd)
{
	struct file *f = fd_get(fd);

	return unix_is(f) ? f->priv : NULL;
}

/* What a connected pair's end answers a call it cannot take: bind and
 * listen EINVAL, connect EISCONN, accept EINVAL (as Linux). */
static int pair_refuses(int fd, int err)
{
	return pair_end(fd) ? err : 0;
}

/* A new socket s as an fd, closing s if the table is full. */
static int install(int s, int nonblock)
{
	int fd;

	if (nonblock && net_sock_nonblock(s, true) != 0) {
		net_sock_close(s);
		return -EINVAL;
	}
	fd = fd_install(&socket_ops, (void *)(intptr_t)s,
			O_RDWR | (nonblock ? O_NONBLOCK : 0));
	if (fd < 0)
		net_sock_close(s);
	return fd;
}

/* A POSIX address in; -EINVAL if too short, -EAFNOSUPPORT if neither
 * IPv4 nor IPv6. */
static int addr_in(const struct sockaddr *sa, socklen_t len, struct net_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (!sa || len < sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;
		if (len < sizeof(*s4))
			return -EINVAL;
		a->family = NET_AF_INET;
		a->port = ntohs(s4->sin_port);
		memcpy(a->addr, &s4->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;
		if (len < sizeof(*s6))
			return -EINVAL;
		a->family = NET_AF_INET6;
		a->port = ntohs(s6->sin6_port);
		a->flowinfo = s6->sin6_flowinfo;
		memcpy(a->addr, &s6->sin6_addr, 16);
		a->scope = s6->sin6_scope_id;
		return 0;
	}
	if (sa->sa_family == AF_UNSPEC) {
		a->family = NET_AF_UNSPEC;
		return 0;
	}
	return -EAFNOSUPPORT;
}

/* An address out, truncated to *len as POSIX says; *len becomes the
 * full size. */
static void addr_out(const struct net_addr *a, struct sockaddr *sa,
		     socklen_t *len)
{
	struct sockaddr_storage ss;
	socklen_t full;

	if (!sa || !len)
		return;
	memset(&ss, 0, sizeof(ss));
	if (a->family == NET_AF_INET6) {
		struct sockaddr_in6 *s6 = (void *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(a->port);
		s6->sin6_flowinfo = a->flowinfo;
		memcpy(&s6->sin6_addr, a->addr, 16);
		s6->sin6_scope_id = a->scope;
		full = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(a->port);
		memcpy(&s4->sin_addr, a->addr, 4);
		full = sizeof(*s4);
	}
	memcpy(sa, &ss, *len < full ? *len : full);
	*len = full;
}

static int msg_flags(int flags, int *out)
{
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	*out = (flags & MSG_PEEK ? NET_MSG_PEEK : 0) |
	       (flags & MSG_DONTWAIT ? NET_MSG_DONTWAIT : 0) |
	       (flags & MSG_MORE ? NET_MSG_MORE : 0) |
	       (flags & MSG_WAITALL ? NET_MSG_WAITALL : 0);
	return 0; /* MSG_NOSIGNAL: there are no signals */
}

int socket(int domain, int type, int protocol)
{
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), s;
	enum net_type t;

	if (domain != AF_INET && domain != AF_INET6)
		return (int)fd_ret(-EAFNOSUPPORT);
	if (kind == SOCK_STREAM)
		t = NET_STREAM;
	else if (kind == SOCK_DGRAM)
		t = NET_DGRAM;
	else if (kind == SOCK_RAW)
		t = NET_RAW;
	else
		return (int)fd_ret(-EINVAL);
	if (t == NET_STREAM && protocol && protocol != IPPROTO_TCP)
		return (int)fd_ret(-EPROTONOSUPPORT);
	if (t == NET_DGRAM && protocol && protocol != IPPROTO_UDP)
		return (int)fd_ret(-EPROTONOSUPPORT);
	s = net_sock_socket(domain == AF_INET6 ? NET_AF_INET6 : NET_AF_INET, t,
			    protocol);
	if (s < 0)
		return (int)fd_ret(s);
	return (int)fd_ret(install(s, type & SOCK_NONBLOCK));
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	/* Only AF_UNIX has pairs (lib/unix/): TCP and UDP have none. */
	if (domain != AF_UNIX)
		return (int)fd_ret(domain == AF_INET || domain == AF_INET6
					   ? -EOPNOTSUPP
					   : -EAFNOSUPPORT);
	if (protocol)
		return (int)fd_ret(-EPROTONOSUPPORT);
	return (int)fd_ret(unix_socketpair(type, sv));
}

int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct net_addr a;
	int s = sock(fd), err = s < 0 ? s : addr_in(sa, len, &a);

	if (pair_end(fd))
		return (int)fd_ret(-EINVAL);
	return (int)fd_ret(err ? err : net_sock_bind(s, &a));
}

int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct net_addr a;
	int s = sock(fd), err = s < 0 ? s : addr_in(sa, len, &a);

	if (pair_end(fd))
		return (int)fd_ret(-EISCONN);
	return (int)fd_ret(err ? err : net_sock_connect(s, &a));
}

int listen(int fd, int backlog)
{
	int s = pair_refuses(fd, -EINVAL) ?: sock(fd);

	if (backlog < 0 || backlog > 255)
		backlog = 255; /* lwIP keeps it in 8 bits */
	return (int)fd_ret(s < 0 ? s : net_sock_listen(s, backlog));
}

int accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
	struct net_addr peer;
	int s = pair_refuses(fd, -EINVAL) ?: sock(fd), ns;

	if (s < 0)
		return (int)fd_ret(s);
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return (int)fd_ret(-EINVAL);
	ns = net_sock_accept(s, &peer);
	if (ns < 0)
		return (int)fd_ret(ns);
	addr_out(&peer, sa, len);
	return (int)fd_ret(install(ns, flags & SOCK_NONBLOCK));
}

int accept(int fd, struct sockaddr *sa, socklen_t *len)
{
	return accept4(fd, sa, len, 0);
}

static int name(int fd, bool peer, struct sockaddr *sa, socklen_t *len)
{
	struct net_addr a;
	int s = sock(fd), err;

	if (pair_end(fd))
		return (int)fd_ret(unix_name(sa, len));
	if (s < 0)
		return (int)fd_ret(s);
	err = net_sock_name(s, peer, &a);
	if (!err)
		addr_out(&a, sa, len);
	return (int)fd_ret(err);
}

int getsockname(int fd, struct sockaddr *sa, socklen_t *len)
{
	return name(fd, false, sa, len);
}

int getpeername(int fd, struct sockaddr *sa, socklen_t *len)
{
	return name(fd, true, sa, len);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	struct net_addr a;
	int s = sock(fd), f = 0, err = s < 0 ? s : msg_flags(flags, &f);
	void *pe = pair_end(fd);

	if (pe) /* connected: an address is one too many */
		return fd_ret(to ? -EISCONN : unix_send(pe, buf, len, flags));
	if (!err && to)
		err = addr_in(to, tolen, &a);
	if (err)
		return fd_ret(err);
	return fd_ret(net_sock_send(s, buf, len, f, to ? &a : NULL));
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	struct net_addr a;
	int s = sock(fd), f = 0, err = s < 0 ? s : msg_flags(flags, &f);
	void *pe = pair_end(fd);
	ssize_t r;

	if (pe) {
		r = unix_recv(pe, buf, len, flags);
		if (r >= 0 && from)
			unix_name(from, fromlen);
		return fd_ret(r);
	}
	if (err)
		return fd_ret(err);
	r = net_sock_recv(s, buf, len, f, from ? &a : NULL);
	if (r >= 0 && from)
		addr_out(&a, from, fromlen);
	return fd_ret(r);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

/* The iovecs as one buffer: the first itself when there is only one. */
static size_t iov_total(const struct msghdr *m)
{
	size_t total = 0;

	for (size_t i = 0; i < m->msg_iovlen; i++)
		total += m->msg_iov[i].iov_len;
	return total;
}

ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
{
	size_t total = iov_total(m), at = 0;
	char *buf;
	ssize_t r;

	if (m->msg_iovlen == 1)
		return sendto(fd, m->msg_iov[0].iov_base, total, flags,
			      m->msg_name, m->msg_namelen);
	buf = malloc(total ? total : 1);
	if (!buf)
		return fd_ret(-ENOMEM);
	for (size_t i = 0; i < m->msg_iovlen; i++) {
		memcpy(buf + at, m->msg_iov[i].iov_base, m->msg_iov[i].iov_len);
		at += m->msg_iov[i].iov_len;
	}
	r = sendto(fd, buf, total, flags, m->msg_name, m->msg_namelen);
	free(buf);
	return r;
}

ssize_t recvmsg(int fd, struct msghdr *m, int flags)
{
	size_t total = iov_total(m), at = 0;
	char *buf;
	ssize_t r;

	m->msg_flags = 0;
	m->msg_controllen = 0;
	if (m->msg_iovlen == 1)
		return recvfrom(fd, m->msg_iov[0].iov_base, total, flags,
				m->msg_name,
				m->msg_name ? &m->msg_namelen : NULL);
	buf = malloc(total ? total : 1);
	if (!buf)
		return fd_ret(-ENOMEM);
	r = recvfrom(fd, buf, total, flags, m->msg_name,
		     m->msg_name ? &m->msg_namelen : NULL);
	for (size_t i = 0; r > 0 && i < m->msg_iovlen && at < (size_t)r; i++) {
		size_t n = (size_t)r - at < m->msg_iov[i].iov_len
				   ? (size_t)r - at
				   : m->msg_iov[i].iov_len;
		memcpy(m->msg_iov[i].iov_base, buf + at, n);
		at += n;
	}
	free(buf);
	return r;
}

int shutdown(int fd, int how)
{
	int s = sock(fd);
	void *pe = pair_end(fd);

	if (pe)
		return (int)fd_ret(unix_shutdown(pe, how));
	if (s >= 0 && how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		s = -EINVAL;
	return (int)fd_ret(s < 0 ? s : net_sock_shutdown(s, how));
}

/* A POSIX level and name as a neutral option, or -ENOPROTOOPT. */
static int option(int level, int name)
{
	static const struct {
		int level, name, opt;
	} map[] = {
		{ SOL_SOCKET, SO_REUSEADDR, NET_SO_REUSEADDR },
		/* One port per listener and no load spreading: reusing a
		 * port is what SO_REUSEADDR already allows. */
		{ SOL_SOCKET, SO_REUSEPORT, NET_SO_REUSEADDR },
		{ SOL_SOCKET, SO_KEEPALIVE, NET_SO_KEEPALIVE },
		{ SOL_SOCKET, SO_BROADCAST, NET_SO_BROADCAST },
		{ SOL_SOCKET, SO_RCVBUF, NET_SO_RCVBUF },
		{ SOL_SOCKET, SO_SNDBUF, NET_SO_SNDBUF },
		{ SOL_SOCKET, SO_RCVTIMEO, NET_SO_RCVTIMEO },
		{ SOL_SOCKET, SO_SNDTIMEO, NET_SO_SNDTIMEO },
		{ SOL_SOCKET, SO_LINGER, NET_SO_LINGER },
		{ SOL_SOCKET, SO_ERROR, NET_SO_ERROR },
		{ SOL_SOCKET, SO_TYPE, NET_SO_TYPE },
		{ SOL_SOCKET, SO_ACCEPTCONN, NET_SO_ACCEPTCONN },
		{ IPPROTO_TCP, TCP_NODELAY, NET_TCP_NODELAY },
		{ IPPROTO_TCP, TCP_KEEPIDLE, NET_TCP_KEEPIDLE },
		{ IPPROTO_TCP, TCP_KEEPINTVL, NET_TCP_KEEPINTVL },
		{ IPPROTO_TCP, TCP_KEEPCNT, NET_TCP_KEEPCNT },
		{ IPPROTO_IP, IP_TTL, NET_IP_TTL },
		{ IPPROTO_IP, IP_TOS, NET_IP_TOS },
		{ IPPROTO_IPV6, IPV6_V6ONLY, NET_IPV6_V6ONLY },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].level == level && map[i].name == name)
			return map[i].opt;
	return -ENOPROTOOPT;
}

/* The size an option's value must have. */
static size_t option_size(int opt)
{
	if (opt == NET_SO_RCVTIMEO || opt == NET_SO_SNDTIMEO)
		return sizeof(struct timeval);
	if (opt == NET_SO_LINGER)
		return sizeof(struct linger);
	return sizeof(int);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int s = sock(fd), opt = s < 0 ? s : option(level, name);
	void *pe = pair_end(fd);

	if (pe)
		return (int)fd_ret(unix_setsockopt(pe, level, name, val, len));
	if (opt < 0)
		return (int)fd_ret(opt);
	if (!val || len < option_size(opt))
		return (int)fd_ret(-EINVAL);
	if (opt == NET_SO_TYPE || opt == NET_SO_ERROR ||
	    opt == NET_SO_ACCEPTCONN)
		return (int)fd_ret(-ENOPROTOOPT); /* read-only */
	return (int)fd_ret(net_sock_setopt(s, opt, val, option_size(opt)));
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int s = sock(fd), opt = s < 0 ? s : option(level, name);
	union {
		int i;
		struct timeval tv;
		struct linger l;
	} v;
	size_t n = option_size(opt);
	int err;
	void *pe = pair_end(fd);

	if (pe)
		return (int)fd_ret(unix_getsockopt(pe, level, name, val, len));
	if (opt < 0)
		return (int)fd_ret(opt);
	if (!val || !len)
		return (int)fd_ret(-EINVAL);
	memset(&v, 0, sizeof(v));
	err = net_sock_getopt(s, opt, &v, &n);
	if (err)
		return (int)fd_ret(err);
	if (opt == NET_SO_TYPE)
		v.i = v.i == NET_STREAM  ? SOCK_STREAM
		      : v.i == NET_DGRAM ? SOCK_DGRAM
					 : SOCK_RAW;
	memcpy(val, &v, *len < n ? *len : n);
	*len = (socklen_t)n;
	return 0;
}
