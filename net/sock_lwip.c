/* SPDX-License-Identifier: MIT */
/*
 * sock_lwip.c: the sock.h contract on lwIP's socket API (lwip_socket,
 * lwip_bind, ...): ukos's neutral addresses, flags and options turned
 * into lwIP's, and lwIP's errno (newlib's values: LWIP_ERRNO_STDINCLUDE)
 * into -errno.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/thread.h>

#include "lwip/netdb.h"
#include "lwip/sockets.h"
#include "sock.h"

/* -errno after a failed lwip_ call. */
static int fail(void)
{
	return errno ? -errno : -EIO;
}

static int ret(int r)
{
	return r < 0 ? fail() : r;
}

static socklen_t to_lwip(const struct net_addr *a, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == NET_AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_len = sizeof(*s6);
		s6->sin6_family = AF_INET6;
		s6->sin6_port = lwip_htons(a->port);
		s6->sin6_flowinfo = a->flowinfo;
		memcpy(&s6->sin6_addr, a->addr, 16);
		s6->sin6_scope_id = a->scope;
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	s4->sin_len = sizeof(*s4);
	s4->sin_family = AF_INET;
	s4->sin_port = lwip_htons(a->port);
	memcpy(&s4->sin_addr, a->addr, 4);
	return sizeof(*s4);
}

static void from_lwip(const struct sockaddr_storage *ss, struct net_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;
		a->family = NET_AF_INET6;
		a->port = lwip_ntohs(s6->sin6_port);
		a->flowinfo = s6->sin6_flowinfo;
		memcpy(a->addr, &s6->sin6_addr, 16);
		a->scope = s6->sin6_scope_id;
	} else if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)ss;
		a->family = NET_AF_INET;
		a->port = lwip_ntohs(s4->sin_port);
		memcpy(a->addr, &s4->sin_addr, 4);
	}
}

static int flags_to_lwip(int f)
{
	return (f & NET_MSG_PEEK ? MSG_PEEK : 0) |
	       (f & NET_MSG_DONTWAIT ? MSG_DONTWAIT : 0) |
	       (f & NET_MSG_MORE ? MSG_MORE : 0) |
	       (f & NET_MSG_WAITALL ? MSG_WAITALL : 0);
}

int net_sock_socket(enum net_family family, enum net_type type, int proto)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW };

	return ret(lwip_socket(family == NET_AF_INET6 ? AF_INET6 : AF_INET,
			       types[type], proto));
}

int net_sock_bind(int s, const struct net_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = to_lwip(a, &ss);

	return ret(lwip_bind(s, (struct sockaddr *)&ss, len));
}

int net_sock_connect(int s, const struct net_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = to_lwip(a, &ss);

	if (a->family == NET_AF_UNSPEC) { /* dissolve a UDP association */
		ss.ss_family = AF_UNSPEC;
		len = sizeof(struct sockaddr_in);
	}
	return ret(lwip_connect(s, (struct sockaddr *)&ss, len));
}

int net_sock_listen(int s, int backlog)
{
	return ret(lwip_listen(s, backlog));
}

/* Around a call whose lwIP wait a signal handler may end (sys_arch.c):
 * whether one did. */
static void intr_begin(enum thread_intr_mode mode)
{
	sched_current()->intr_mode = (unsigned char)mode;
	sched_current()->intr_ended = false;
}

static bool intr_end(void)
{
	sched_current()->intr_mode = THREAD_INTR_NONE;
	return sched_current()->intr_ended;
}

int net_sock_accept(int s, struct net_addr *peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int r;

	intr_begin(THREAD_INTR_RESTART);
	r = lwip_accept(s, (struct sockaddr *)&ss, &len);
	if (intr_end() && r < 0)
		return -EINTR;
	if (r < 0)
		return fail();
	if (peer)
		from_lwip(&ss, peer);
	return r;
}

ssize_t net_sock_send(int s, const void *buf, size_t len, int flags,
		      const struct net_addr *to)
{
	struct sockaddr_storage ss;

	if (to) {
		socklen_t sl = to_lwip(to, &ss);
		return ret((int)lwip_sendto(s, buf, len, flags_to_lwip(flags),
					    (struct sockaddr *)&ss, sl));
	}
	return ret((int)lwip_send(s, buf, len, flags_to_lwip(flags)));
}

ssize_t net_sock_recv(int s, void *buf, size_t len, int flags,
		      struct net_addr *from)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	ssize_t r;

	memset(&ss, 0, sizeof(ss));
	intr_begin(THREAD_INTR_RESTART);
	r = lwip_recvfrom(s, buf, len, flags_to_lwip(flags),
			  from ? (struct sockaddr *)&ss : NULL,
			  from ? &sl : NULL);
	if (intr_end() && r < 0)
		return -EINTR;
	if (r < 0)
		return fail();
	if (from)
		from_lwip(&ss, from);
	return r;
}

int net_sock_close(int s)
{
	return ret(lwip_close(s));
}

int net_sock_shutdown(int s, int how)
{
	return ret(lwip_shutdown(s, how));
}

int net_sock_name(int s, bool peer, struct net_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int r = peer ? lwip_getpeername(s, (struct sockaddr *)&ss, &len)
		     : lwip_getsockname(s, (struct sockaddr *)&ss, &len);

	if (r < 0)
		return fail();
	from_lwip(&ss, a);
	return 0;
}

/* lwIP's level and name for a neutral option. */
static const struct {
	int level, name;
} opts[] = {
	[NET_SO_REUSEADDR] = { SOL_SOCKET, SO_REUSEADDR },
	[NET_SO_KEEPALIVE] = { SOL_SOCKET, SO_KEEPALIVE },
	[NET_SO_BROADCAST] = { SOL_SOCKET, SO_BROADCAST },
	[NET_SO_RCVBUF] = { SOL_SOCKET, SO_RCVBUF },
	[NET_SO_SNDBUF] = { SOL_SOCKET, SO_SNDBUF },
	[NET_SO_RCVTIMEO] = { SOL_SOCKET, SO_RCVTIMEO },
	[NET_SO_SNDTIMEO] = { SOL_SOCKET, SO_SNDTIMEO },
	[NET_SO_LINGER] = { SOL_SOCKET, SO_LINGER },
	[NET_SO_ERROR] = { SOL_SOCKET, SO_ERROR },
	[NET_SO_TYPE] = { SOL_SOCKET, SO_TYPE },
	[NET_SO_ACCEPTCONN] = { SOL_SOCKET, SO_ACCEPTCONN },
	[NET_TCP_NODELAY] = { IPPROTO_TCP, TCP_NODELAY },
	[NET_TCP_KEEPIDLE] = { IPPROTO_TCP, TCP_KEEPIDLE },
	[NET_TCP_KEEPINTVL] = { IPPROTO_TCP, TCP_KEEPINTVL },
	[NET_TCP_KEEPCNT] = { IPPROTO_TCP, TCP_KEEPCNT },
	[NET_IP_TTL] = { IPPROTO_IP, IP_TTL },
	[NET_IP_TOS] = { IPPROTO_IP, IP_TOS },
	[NET_IPV6_V6ONLY] = { IPPROTO_IPV6, IPV6_V6ONLY },
};

int net_sock_setopt(int s, enum net_opt opt, const void *val, size_t len)
{
	/* lwIP keeps no send buffer size: accepted, as Linux would. */
	if (opt == NET_SO_SNDBUF)
		return 0;
	return ret(lwip_setsockopt(s, opts[opt].level, opts[opt].name, val,
				   (socklen_t)len));
}

int net_sock_getopt(int s, enum net_opt opt, void *val, size_t *len)
{
	socklen_t l = (socklen_t)*len;
	int r;

	if (opt == NET_SO_SNDBUF && *len >= sizeof(int)) {
		*(int *)val = TCP_SND_BUF;
		*len = sizeof(int);
		return 0;
	}
	r = lwip_getsockopt(s, opts[opt].level, opts[opt].name, val, &l);
	if (r < 0)
		return fail();
	*len = l;
	if (opt == NET_SO_TYPE) {
		int t = *(int *)val;
		*(int *)val = t == SOCK_STREAM  ? NET_STREAM
			      : t == SOCK_DGRAM ? NET_DGRAM
						: NET_RAW;
	}
	return 0;
}

int net_sock_nonblock(int s, bool on)
{
	int v = on;

	return ret(lwip_ioctl(s, (long)FIONBIO, &v));
}

int net_sock_nread(int s)
{
	int n = 0;

	if (lwip_ioctl(s, (long)FIONREAD, &n) < 0)
		return fail();
	return n;
}

int net_sock_poll(struct net_pollfd *fds, unsigned n, int timeout_ms)
{
	struct pollfd few[16], *p = few;
	int r;

	if (n > sizeof(few) / sizeof(few[0])) {
		p = malloc(n * sizeof(*p));
		if (!p)
			return -ENOMEM;
	}
	for (unsigned i = 0; i < n; i++)
		p[i] = (struct pollfd){
			fds[i].s,
			(short)((fds[i].events & NET_POLLIN ? POLLIN : 0) |
				(fds[i].events & NET_POLLOUT ? POLLOUT : 0)),
			0,
		};
	intr_begin(THREAD_INTR_FAIL); /* poll is never restarted */
	r = lwip_poll(p, n, timeout_ms);
	if (intr_end() && r <= 0)
		r = -EINTR, n = 0;
	else if (r < 0) {
		r = fail();
		n = 0;
	}
	for (unsigned i = 0; i < n; i++) {
		short e = p[i].revents;
		fds[i].revents = (short)((e & POLLIN ? NET_POLLIN : 0) |
					 (e & POLLOUT ? NET_POLLOUT : 0) |
					 (e & POLLERR ? NET_POLLERR : 0) |
					 (e & POLLHUP ? NET_POLLHUP : 0) |
					 (e & POLLNVAL ? NET_POLLNVAL : 0));
	}
	if (p != few)
		free(p);
	return r;
}

int net_resolve(const char *name, enum net_family family, struct net_addr *out,
		unsigned max)
{
	struct addrinfo hints, *res, *ai;
	unsigned n = 0;
	int r;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family == NET_AF_INET    ? AF_INET
			  : family == NET_AF_INET6 ? AF_INET6
						   : AF_UNSPEC;
	/* lwIP answers EAI_FAIL both for a name that does not exist and for
	 * a server that did not answer; the first is what it usually is. */
	r = lwip_getaddrinfo(name, NULL, &hints, &res);
	if (r == EAI_NONAME || r == EAI_FAIL)
		return -ENOENT;
	if (r)
		return -EAGAIN;
	for (ai = res; ai && n < max; ai = ai->ai_next)
		from_lwip((struct sockaddr_storage *)ai->ai_addr, &out[n++]);
	lwip_freeaddrinfo(res);
	return (int)n;
}
