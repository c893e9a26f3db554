/* SPDX-License-Identifier: MIT */
/*
 * test_socket_posix.c: the POSIX socket functions (net/socket_posix.c) on
 * the fd table (lib/fd.c), against a fake network behind sock.h: how
 * addresses, flags and options are translated, every POSIX error path,
 * and that no lwIP socket is ever leaked.
 */
#define _GNU_SOURCE /* accept4 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "../../lib/fd.h"
#include "../../lib/unix/unix.h"
#include "../../net/sock.h"

/* The kernel's side of fd.c. */
unsigned long arch_irq_save(void)
{
	return 0;
}
void arch_irq_restore(unsigned long f)
{
	(void)f;
}

/* ---- the fake network ---------------------------------------------- */

/* lib/unix/'s pairs, faked: none is ever an fd of the table here. */
int unix_socketpair(int type, int sv[2])
{
	(void)type, (void)sv;
	return -ENFILE;
}

bool unix_is(const struct file *f)
{
	(void)f;
	return false;
}

ssize_t unix_send(void *priv, const void *buf, size_t len, int flags)
{
	(void)priv, (void)buf, (void)len, (void)flags;
	return -EBADF;
}

ssize_t unix_recv(void *priv, void *buf, size_t len, int flags)
{
	(void)priv, (void)buf, (void)len, (void)flags;
	return -EBADF;
}

int unix_shutdown(void *priv, int how)
{
	(void)priv, (void)how;
	return -EBADF;
}

int unix_getsockopt(void *priv, int level, int name, void *val, socklen_t *len)
{
	(void)priv, (void)level, (void)name, (void)val, (void)len;
	return -EBADF;
}

int unix_setsockopt(void *priv, int level, int name, const void *val,
		    socklen_t len)
{
	(void)priv, (void)level, (void)name, (void)val, (void)len;
	return -EBADF;
}

int unix_name(struct sockaddr *sa, socklen_t *len)
{
	(void)sa, (void)len;
	return -EBADF;
}

static struct {
	int next, open;       /* lwIP sockets handed out, still open */
	struct net_addr addr; /* the last address passed in */
	int flags, nonblock, opt, fail;
	enum net_type type;
	enum net_family family;
} fake;

int net_sock_socket(enum net_family f, enum net_type t, int proto)
{
	(void)proto;
	if (fake.fail)
		return fake.fail;
	fake.family = f, fake.type = t;
	fake.open++;
	return fake.next++;
}
int net_sock_bind(int s, const struct net_addr *a)
{
	(void)s;
	fake.addr = *a;
	return 0;
}
int net_sock_connect(int s, const struct net_addr *a)
{
	(void)s;
	fake.addr = *a;
	return fake.fail;
}
int net_sock_listen(int s, int b)
{
	(void)s, (void)b;
	return 0;
}
int net_sock_accept(int s, struct net_addr *peer)
{
	(void)s;
	*peer = (struct net_addr){ .family = NET_AF_INET, .port = 4321 };
	memcpy(peer->addr, "\x0a\x00\x02\x02", 4);
	fake.open++;
	return fake.next++;
}
ssize_t net_sock_send(int s, const void *b, size_t n, int flags,
		      const struct net_addr *to)
{
	(void)s, (void)b;
	fake.flags = flags;
	if (to)
		fake.addr = *to;
	return (ssize_t)n;
}
ssize_t net_sock_recv(int s, void *b, size_t n, int flags,
		      struct net_addr *from)
{
	(void)s;
	fake.flags = flags;
	memset(b, 'x', n);
	if (from) {
		*from = (struct net_addr){ .family = NET_AF_INET6, .port = 53 };
		from->addr[15] = 1;
	}
	return (ssize_t)n;
}
int net_sock_close(int s)
{
	(void)s;
	fake.open--;
	return 0;
}
int net_sock_shutdown(int s, int how)
{
	(void)s, (void)how;
	return 0;
}
int net_sock_name(int s, bool peer, struct net_addr *a)
{
	(void)s, (void)peer;
	*a = fake.addr;
	return 0;
}
int net_sock_setopt(int s, enum net_opt o, const void *v, size_t len)
{
	(void)s, (void)v, (void)len;
	fake.opt = (int)o;
	return 0;
}
int net_sock_getopt(int s, enum net_opt o, void *v, size_t *len)
{
	(void)s;
	fake.opt = (int)o;
	*(int *)v = o == NET_SO_TYPE ? NET_DGRAM : 7;
	*len = sizeof(int);
	return 0;
}
int net_sock_nonblock(int s, bool on)
{
	(void)s;
	fake.nonblock = on;
	return 0;
}
int net_sock_nread(int s)
{
	(void)s;
	return 42;
}
int net_sock_poll(struct net_pollfd *fds, unsigned n, int timeout)
{
	(void)timeout;
	for (unsigned i = 0; i < n; i++)
		fds[i].revents = fds[i].events & NET_POLLOUT;
	return (int)n;
}

/* ---- tests ---------------------------------------------------------- */

static int setup(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	fake.next = 3;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int fd = 0; fd < FD_MAX; fd++)
		fd_close(fd);
	assert_int_equal(fake.open, 0); /* nothing leaked */
	return 0;
}

static void test_socket_kinds(void **state)
{
	(void)state;
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	assert_true(fd >= 0);
	assert_int_equal(fake.family, NET_AF_INET6);
	assert_int_equal(fake.type, NET_DGRAM);
	assert_int_equal(fake.nonblock, 1);
	assert_true(fd_get(fd)->flags & O_NONBLOCK);

	errno = 0;
	assert_int_equal(socket(AF_UNIX, SOCK_STREAM, 0), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
	assert_int_equal(socket(AF_INET, 99, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), -1);
	assert_int_equal(errno, EPROTONOSUPPORT);
	fake.fail = -ENOMEM;
	assert_int_equal(socket(AF_INET, SOCK_STREAM, 0), -1);
	assert_int_equal(errno, ENOMEM);
	/* AF_UNIX pairs are lib/unix/'s (faked here: it says ENFILE), and
	 * only they exist. */
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), -1);
	assert_int_equal(errno, ENFILE);
	assert_int_equal(socketpair(AF_INET, SOCK_STREAM, 0, sv), -1);
	assert_int_equal(errno, EOPNOTSUPP);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 6, sv), -1);
	assert_int_equal(errno, EPROTONOSUPPORT);
	assert_int_equal(socketpair(99, SOCK_STREAM, 0, sv), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
}

static void test_addresses(void **state)
{
	(void)state;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(8080),
				 .sin_addr = { htonl(0x0a00020f) } };
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(fake.addr.family, NET_AF_INET);
	assert_int_equal(fake.addr.port, 8080);
	assert_memory_equal(fake.addr.addr, "\x0a\x00\x02\x0f", 4);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_memory_equal(&ss, &a, sizeof(a));

	/* Truncated as POSIX says, with the full length reported. */
	len = 4;
	memset(&ss, 0, sizeof(ss));
	assert_int_equal(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_int_equal(((struct sockaddr_in *)&ss)->sin_addr.s_addr, 0);

	errno = 0;
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a) - 1), -1);
	assert_int_equal(errno, EINVAL);
	a.sin_family = AF_UNIX;
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
	assert_int_equal(bind(fd, NULL, 0), -1);
	assert_int_equal(errno, EINVAL);
}

static void test_accept_and_io(void **state)
{
	(void)state;
	int l = socket(AF_INET, SOCK_STREAM, 0), c;
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	char buf[8];
	struct sockaddr_in6 from;

	assert_int_equal(listen(l, 1000), 0);
	c = accept4(l, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
	assert_true(c >= 0 && c != l);
	assert_int_equal(ntohs(peer.sin_port), 4321);
	assert_int_equal(peer.sin_addr.s_addr, htonl(0x0a000202));
	assert_int_equal(accept4(l, NULL, NULL, 0x1234), -1);
	assert_int_equal(errno, EINVAL);

	assert_int_equal(send(c, "hi", 2, MSG_DONTWAIT | MSG_NOSIGNAL), 2);
	assert_int_equal(fake.flags, NET_MSG_DONTWAIT);
	assert_int_equal(recv(c, buf, sizeof(buf), MSG_PEEK | MSG_WAITALL), 8);
	assert_int_equal(fake.flags, NET_MSG_PEEK | NET_MSG_WAITALL);
	assert_int_equal(send(c, "x", 1, MSG_OOB), -1);
	assert_int_equal(errno, EOPNOTSUPP);
	len = sizeof(from);
	assert_int_equal(recvfrom(c, buf, 4, 0, (struct sockaddr *)&from, &len),
			 4);
	assert_int_equal(len, sizeof(from));
	assert_int_equal(from.sin6_family, AF_INET6);
	assert_int_equal(ntohs(from.sin6_port), 53);
	assert_int_equal(shutdown(c, 7), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(shutdown(c, SHUT_WR), 0);
}

static void test_options(void **state)
{
	(void)state;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, v;
	socklen_t len = sizeof(v);
	struct timeval tv = { 1, 0 };

	assert_int_equal(
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	assert_int_equal(fake.opt, NET_SO_REUSEADDR);
	assert_int_equal(
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0);
	assert_int_equal(fake.opt, NET_TCP_NODELAY);
	assert_int_equal(
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	assert_int_equal(fake.opt, NET_SO_RCVTIMEO);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 4), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, 12345, &one, sizeof(one)),
			 -1);
	assert_int_equal(errno, ENOPROTOOPT);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_TYPE, &one, sizeof(one)),
			 -1);
	assert_int_equal(errno, ENOPROTOOPT);
	assert_int_equal(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), 0);
	assert_int_equal(v, SOCK_DGRAM); /* translated back */
	assert_int_equal(len, sizeof(int));
}

static void test_not_sockets(void **state)
{
	(void)state;
	int one = 1;

	errno = 0;
	assert_int_equal(listen(900, 1), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(
		setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
		-1);
	assert_int_equal(errno, EBADF);
}

static int stat_stub(void *p, struct stat *st)
{
	(void)p;
	memset(st, 0, sizeof(*st));
	return 0;
}

static void test_not_a_socket(void **state)
{
	static const struct file_ops console = { .fstat = stat_stub };
	(void)state;
	int fd = fd_install(&console, NULL, O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(listen(fd, 1), -1);
	assert_int_equal(errno, ENOTSOCK);
	fd_close(fd);
}

/* The table full: the new lwIP socket is closed again, EMFILE. */
static void test_table_full(void **state)
{
	(void)state;
	int fd, n = 0;

	while ((fd = socket(AF_INET, SOCK_DGRAM, 0)) >= 0)
		n++;
	assert_int_equal(errno, EMFILE);
	assert_int_equal(n, FD_MAX);
	assert_int_equal(fake.open, FD_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_socket_kinds, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_addresses, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_accept_and_io, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_sockets, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_a_socket, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_table_full, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
