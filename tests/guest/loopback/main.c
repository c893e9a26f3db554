/* SPDX-License-Identifier: MIT */
/*
 * loopback: a program talking to itself — TCP and UDP over lo (127.0.0.1
 * and ::1) and over its own address, the interfaces as getifaddrs and
 * net/if.h name them, sendfile from a file into a TCP connection, and
 * AF_UNIX socket pairs.
 * argv[1]: "nic" when the VM has one (eth0 at 10.0.2.15), "none" if not.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../check.h"

#define BIG (300 * 1024)

static uint8_t big[BIG], back[BIG];

static void pattern(void)
{
	for (size_t i = 0; i < BIG; i++)
		big[i] = (uint8_t)(i * 13 + (i >> 10));
}

/* A listener on addr (family fam, port 0: any), its port into *port. */
static int listener(int fam, const char *addr, uint16_t *port)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len = fam == AF_INET ? sizeof(struct sockaddr_in)
				       : sizeof(struct sockaddr_in6);
	int s = socket(fam, SOCK_STREAM, 0);

	ss.ss_family = (sa_family_t)fam;
	if (fam == AF_INET)
		inet_pton(fam, addr, &((struct sockaddr_in *)&ss)->sin_addr);
	else
		inet_pton(fam, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr);
	if (s < 0 || bind(s, (struct sockaddr *)&ss, len) || listen(s, 4) ||
	    getsockname(s, (struct sockaddr *)&ss, &len))
		return -1;
	*port = ntohs(fam == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
				     : ((struct sockaddr_in6 *)&ss)->sin6_port);
	return s;
}

static int dial(int fam, const char *addr, uint16_t port)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len = fam == AF_INET ? sizeof(struct sockaddr_in)
				       : sizeof(struct sockaddr_in6);
	int s = socket(fam, SOCK_STREAM, 0);

	ss.ss_family = (sa_family_t)fam;
	if (fam == AF_INET) {
		inet_pton(fam, addr, &((struct sockaddr_in *)&ss)->sin_addr);
		((struct sockaddr_in *)&ss)->sin_port = htons(port);
	} else {
		inet_pton(fam, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr);
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(port);
	}
	if (s < 0 || connect(s, (struct sockaddr *)&ss, len)) {
		if (s >= 0)
			close(s);
		return -1;
	}
	return s;
}

static int lfd;

/* The server side: accept one, echo everything back. */
static void *echo(void *arg)
{
	static char buf[16384];
	int c = accept(lfd, NULL, NULL);
	ssize_t n;

	(void)arg;
	while (c >= 0 && (n = read(c, buf, sizeof(buf))) > 0)
		if (write(c, buf, (size_t)n) != n)
			break;
	if (c >= 0)
		close(c);
	return NULL;
}

static bool read_all(int c, uint8_t *to, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n && (r = read(c, to + got, n - got)) > 0)
		got += (size_t)r;
	return got == n;
}

/* 300 KiB through an echo server at addr, 16 KiB at a time: the same
 * bytes back. (One thread reads and writes the connection: lwIP's sockets
 * take one call at a time on a socket.) */
static bool round_trip(int fam, const char *addr)
{
	uint16_t port;
	pthread_t srv;
	int c;
	bool ok = true;

	lfd = listener(fam, fam == AF_INET ? "0.0.0.0" : "::", &port);
	if (lfd < 0)
		return false;
	pthread_create(&srv, NULL, echo, NULL);
	c = dial(fam, addr, port);
	if (c < 0) {
		close(lfd);
		return false;
	}
	memset(back, 0, sizeof(back));
	for (size_t at = 0; at < BIG && ok; at += 16384) {
		size_t n = BIG - at < 16384 ? BIG - at : 16384;
		ok = write(c, big + at, n) == (ssize_t)n &&
		     read_all(c, back + at, n);
	}
	ok = ok && !memcmp(back, big, BIG);
	shutdown(c, SHUT_WR);
	pthread_join(srv, NULL);
	close(c), close(lfd);
	printf("loopback: tcp over %s %s\n", addr, ok ? "ok" : "FAILED");
	return ok;
}

static void udp(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	char buf[16] = "";
	int s = socket(AF_INET, SOCK_DGRAM, 0),
	    t = socket(AF_INET, SOCK_DGRAM, 0);

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(s, (struct sockaddr *)&a, &len) == 0);
	CHECK(sendto(t, "datagram", 8, 0, (struct sockaddr *)&a, sizeof(a)) ==
	      8);
	CHECK(recv(s, buf, sizeof(buf), 0) == 8 && !memcmp(buf, "datagram", 8));
	close(s), close(t);
}

static void interfaces(bool nic)
{
	struct ifaddrs *list, *i;
	char name[IF_NAMESIZE], a[64];
	bool lo4 = false, lo6 = false, eth = false;

	CHECK(if_nametoindex("lo") == 1);
	CHECK(if_indextoname(1, name) && !strcmp(name, "lo"));
	CHECK(!nic || if_nametoindex("eth0") == 2);
	CHECK(if_nametoindex("eth9") == 0 && errno == ENXIO);
	CHECK(getifaddrs(&list) == 0);
	for (i = list; i; i = i->ifa_next) {
		int fam = i->ifa_addr->sa_family;
		inet_ntop(
			fam,
			fam == AF_INET
				? (void *)&((struct sockaddr_in *)i->ifa_addr)
					  ->sin_addr
				: (void *)&((struct sockaddr_in6 *)i->ifa_addr)
					  ->sin6_addr,
			a, sizeof(a));
		printf("ifaddr: %s %s flags 0x%x\n", i->ifa_name, a,
		       i->ifa_flags);
		if (!strcmp(i->ifa_name, "lo") && !strcmp(a, "127.0.0.1"))
			lo4 = (i->ifa_flags & (IFF_UP | IFF_LOOPBACK)) ==
			      (IFF_UP | IFF_LOOPBACK);
		lo6 |= !strcmp(i->ifa_name, "lo") && !strcmp(a, "::1");
		eth |= !strcmp(i->ifa_name, "eth0") &&
		       !strcmp(a, "10.0.2.15") &&
		       (i->ifa_flags & IFF_BROADCAST) && i->ifa_broadaddr &&
		       ((struct sockaddr_in *)i->ifa_broadaddr)
				       ->sin_addr.s_addr == htonl(0x0a0002ff);
	}
	freeifaddrs(list);
	CHECK(lo4 && lo6 && eth == nic);
}

static void send_file(void)
{
	uint16_t port;
	pthread_t srv;
	off_t off = 1000;
	int f = open("/tmp/sendfile", O_CREAT | O_RDWR | O_TRUNC, 0644);
	int p[2], c;

	CHECK(f >= 0 && write(f, big, BIG) == BIG);
	lfd = listener(AF_INET, "127.0.0.1", &port);
	pthread_create(&srv, NULL, echo, NULL);
	c = dial(AF_INET, "127.0.0.1", port);
	CHECK(c >= 0);
	/* at an offset: the file's own position stays where it was */
	CHECK(lseek(f, 5, SEEK_SET) == 5);
	CHECK(sendfile(c, f, &off, 100000) == 100000 && off == 101000);
	CHECK(lseek(f, 0, SEEK_CUR) == 5);
	CHECK(read_all(c, back, 100000) && !memcmp(back, big + 1000, 100000));
	/* without: from the file's position, which moves; to the end */
	CHECK(lseek(f, BIG - 5000, SEEK_SET) == BIG - 5000);
	CHECK(sendfile(c, f, NULL, 100000) == 5000);
	CHECK(lseek(f, 0, SEEK_CUR) == BIG);
	CHECK(read_all(c, back, 5000) && !memcmp(back, big + BIG - 5000, 5000));
	CHECK(sendfile(c, f, NULL, 10) == 0); /* at the end */
	/* errors */
	CHECK(pipe(p) == 0);
	CHECK(sendfile(c, p[0], NULL, 10) < 0 && errno == EINVAL);
	CHECK(sendfile(c, 999, NULL, 10) < 0 && errno == EBADF);
	off = -1;
	CHECK(sendfile(c, f, &off, 10) < 0 && errno == EINVAL);
	close(p[0]), close(p[1]);
	close(c);
	pthread_join(srv, NULL);
	close(lfd), close(f);
}

static void *pair_writer(void *arg)
{
	int fd = *(int *)arg;

	for (size_t at = 0; at < BIG;) {
		ssize_t w = write(fd, big + at, BIG - at);
		if (w <= 0)
			break;
		at += (size_t)w;
	}
	close(fd);
	return NULL;
}

static void pairs(void)
{
	int sv[2], nb[2], type = 0;
	char buf[16];
	struct pollfd p;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(type);
	pthread_t t;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[0], "ping", 4) == 4 && read(sv[1], buf, 16) == 4 &&
	      !memcmp(buf, "ping", 4));
	CHECK(send(sv[1], "pong", 4, 0) == 4);
	CHECK(recv(sv[0], buf, 16, MSG_PEEK) == 4);
	int avail = 0;
	CHECK(ioctl(sv[0], FIONREAD, &avail) == 0 && avail == 4);
	CHECK(recv(sv[0], buf, 16, 0) == 4 && !memcmp(buf, "pong", 4));
	CHECK(recv(sv[0], buf, 16, MSG_DONTWAIT) < 0 && errno == EAGAIN);
	p = (struct pollfd){ sv[0], POLLIN | POLLOUT, 0 };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
	      type == SOCK_STREAM);
	len = sizeof(ss);
	CHECK(getsockname(sv[0], (struct sockaddr *)&ss, &len) == 0 &&
	      ss.ss_family == AF_UNIX);
	CHECK(bind(sv[0], (struct sockaddr *)&ss, len) < 0 && errno == EINVAL);
	CHECK(connect(sv[0], (struct sockaddr *)&ss, len) < 0 &&
	      errno == EISCONN);
	CHECK(listen(sv[0], 1) < 0 && errno == EINVAL);
	/* shut down for writing: the peer reads end of file */
	CHECK(shutdown(sv[0], SHUT_WR) == 0);
	CHECK(read(sv[1], buf, 16) == 0);
	CHECK(write(sv[0], "x", 1) < 0 && errno == EPIPE);
	CHECK(write(sv[1], "back", 4) == 4 && read(sv[0], buf, 16) == 4);
	/* closed: the peer reads end of file, writes EPIPE, polls hang-up */
	close(sv[0]);
	p = (struct pollfd){ sv[1], POLLIN, 0 };
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & (POLLIN | POLLHUP)));
	CHECK(read(sv[1], buf, 16) == 0);
	CHECK(write(sv[1], "x", 1) < 0 && errno == EPIPE);
	close(sv[1]);
	/* 300 KiB from another thread, read whole */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	pthread_create(&t, NULL, pair_writer, &sv[1]);
	memset(back, 0, sizeof(back));
	CHECK(recv(sv[0], back, BIG, MSG_WAITALL) == BIG &&
	      !memcmp(back, big, BIG));
	pthread_join(t, NULL);
	close(sv[0]);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, nb) == 0);
	CHECK(read(nb[0], buf, 1) < 0 && errno == EAGAIN);
	close(nb[0]), close(nb[1]);
	/* what a pair cannot be */
	CHECK(socketpair(AF_INET, SOCK_STREAM, 0, sv) < 0 &&
	      errno == EOPNOTSUPP);
	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0 &&
	      errno == EOPNOTSUPP);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 5, sv) < 0 &&
	      errno == EPROTONOSUPPORT);
	CHECK(socket(AF_UNIX, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT);
}

int main(int argc, char **argv)
{
	bool nic = argc > 1 && !strcmp(argv[1], "nic");

	pattern();
	interfaces(nic);
	CHECK(round_trip(AF_INET, "127.0.0.1"));
	CHECK(round_trip(AF_INET6, "::1"));
	if (nic)
		CHECK(round_trip(AF_INET, "10.0.2.15"));
	udp();
	send_file();
	pairs();
	return check_verdict("loopback");
}
