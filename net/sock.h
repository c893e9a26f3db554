/* SPDX-License-Identifier: MIT */
/*
 * sock.h: the contract between ukos's POSIX socket functions
 * (socket_posix.c, which sees only the POSIX headers apps use) and lwIP's
 * sockets (sock_lwip.c, which sees only lwIP's): plain types and ukos's
 * own constants, so neither side's definitions leak into the other.
 * Functions return a result >= 0 or -errno.
 */
#ifndef UKOS_NET_SOCK_H
#define UKOS_NET_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum net_family { NET_AF_UNSPEC, NET_AF_INET, NET_AF_INET6 };
enum net_type { NET_STREAM, NET_DGRAM, NET_RAW };

/* An endpoint: IPv4 in addr[0..3]; port in host order. */
struct net_addr {
	enum net_family family;
	uint16_t port;
	uint8_t addr[16];
	uint32_t flowinfo, scope;
};

/* Message flags. */
#define NET_MSG_PEEK     0x1
#define NET_MSG_DONTWAIT 0x2
#define NET_MSG_MORE     0x4
#define NET_MSG_WAITALL  0x8

/* Socket options, whatever their POSIX level. */
enum net_opt {
	NET_SO_REUSEADDR,
	NET_SO_KEEPALIVE,
	NET_SO_BROADCAST,
	NET_SO_RCVBUF,
	NET_SO_SNDBUF,
	NET_SO_RCVTIMEO, /* struct timeval */
	NET_SO_SNDTIMEO, /* struct timeval */
	NET_SO_LINGER,   /* struct { int onoff, linger; } */
	NET_SO_ERROR,
	NET_SO_TYPE, /* as enum net_type */
	NET_SO_ACCEPTCONN,
	NET_TCP_NODELAY,
	NET_TCP_KEEPIDLE,
	NET_TCP_KEEPINTVL,
	NET_TCP_KEEPCNT,
	NET_IP_TTL,
	NET_IP_TOS,
	NET_IPV6_V6ONLY,
};

/* Poll events. */
#define NET_POLLIN   0x1
#define NET_POLLOUT  0x2
#define NET_POLLERR  0x4
#define NET_POLLHUP  0x8
#define NET_POLLNVAL 0x10

struct net_pollfd {
	int s;
	short events, revents;
};

int net_sock_socket(enum net_family family, enum net_type type, int proto);
int net_sock_bind(int s, const struct net_addr *a);
int net_sock_connect(int s, const struct net_addr *a);
int net_sock_listen(int s, int backlog);
int net_sock_accept(int s, struct net_addr *peer);
ssize_t net_sock_send(int s, const void *buf, size_t len, int flags,
		      const struct net_addr *to);
ssize_t net_sock_recv(int s, void *buf, size_t len, int flags,
		      struct net_addr *from);
int net_sock_close(int s);
int net_sock_shutdown(int s, int how); /* 0 read, 1 write, 2 both */
int net_sock_name(int s, bool peer, struct net_addr *a);
int net_sock_setopt(int s, enum net_opt opt, const void *val, size_t len);
int net_sock_getopt(int s, enum net_opt opt, void *val, size_t *len);
int net_sock_nonblock(int s, bool on);
int net_sock_nread(int s); /* bytes waiting to be read */
int net_sock_poll(struct net_pollfd *fds, unsigned n, int timeout_ms);

/* Resolve name (a numeric address or a DNS name) for family
 * (NET_AF_UNSPEC: either) into at most max addresses. Returns the count,
 * -ENOENT for no such name (or no answer: lwIP does not tell them apart),
 * -EAGAIN for other failures. */
int net_resolve(const char *name, enum net_family family, struct net_addr *out,
		unsigned max);

#endif
