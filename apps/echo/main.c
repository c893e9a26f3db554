/* SPDX-License-Identifier: MIT */
/*
 * echo: the echo service (RFC 862) over TCP and UDP, a thread per TCP
 * connection. Written as for Linux: plain POSIX sockets and threads.
 *   echo [PORT]      (default 7)
 */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One socket for IPv6 and IPv4 (IPV6_V6ONLY off, as on Linux). */
static int open_socket(int type, int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons((uint16_t)port),
				  .sin6_addr = IN6ADDR_ANY_INIT };
	int one = 1, zero = 0, fd = socket(AF_INET6, type, 0);

	if (fd < 0) {
		perror("echo: socket");
		exit(1);
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("echo: bind");
		exit(1);
	}
	return fd;
}

/* Write all of buf; false if the peer went away. */
static int write_all(int fd, const char *buf, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, (size_t)n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		buf += w;
		n -= w;
	}
	return 1;
}

static void *serve_tcp(void *arg)
{
	int fd = (int)(long)arg;
	char buf[16384];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (!write_all(fd, buf, n))
			break;
	close(fd);
	return NULL;
}

static void *serve_udp(void *arg)
{
	int fd = (int)(long)arg;
	char buf[65536];

	for (;;) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof(peer);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&peer, &len);
		if (n >= 0)
			sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&peer,
			       len);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7;
	pthread_attr_t detached;
	pthread_t t;
	int lfd;

	if (port <= 0 || port > 65535) {
		fprintf(stderr, "usage: echo [PORT]\n");
		return 2;
	}
	pthread_attr_init(&detached);
	pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
	pthread_create(&t, &detached, serve_udp,
		       (void *)(long)open_socket(SOCK_DGRAM, port));
	lfd = open_socket(SOCK_STREAM, port);
	if (listen(lfd, SOMAXCONN) < 0) {
		perror("echo: listen");
		return 1;
	}
	printf("echo: listening on TCP and UDP port %d\n", port);
	fflush(stdout);
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			perror("echo: accept");
			continue;
		}
		if (pthread_create(&t, &detached, serve_tcp,
				   (void *)(long)fd)) {
			fprintf(stderr, "echo: no thread for a connection\n");
			close(fd);
		}
	}
}
