/* SPDX-License-Identifier: MIT */
/*
 * pipe: pipes between threads — end-of-file and EPIPE, O_NONBLOCK,
 * poll (woken by another thread's write; beside a socket that is not
 * ready, in either order), 4 MiB streamed through in odd pieces and
 * checked, and writes of PIPE_BUF bytes from two threads never
 * interleaved.
 */
#define _GNU_SOURCE /* pipe2, as on Linux */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"

#define STREAM (4u << 20)

static void basics(void)
{
	char buf[16];
	struct stat st;
	int p[2];

	CHECK(pipe(p) == 0 && p[0] > 2 && p[1] > 2);
	CHECK(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK(write(p[1], "hello", 5) == 5);
	CHECK(fstat(p[0], &st) == 0 && st.st_size == 5);
	CHECK(read(p[0], buf, 3) == 3 && !memcmp(buf, "hel", 3));
	CHECK(read(p[0], buf, sizeof(buf)) == 2 && !memcmp(buf, "lo", 2));
	CHECK(lseek(p[0], 0, SEEK_SET) == -1 && errno == ESPIPE);
	CHECK(write(p[0], "x", 1) == -1 && errno == EBADF);
	CHECK(read(p[1], buf, 1) == -1 && errno == EBADF);
	/* The write end's last close is end-of-file, after the data. */
	int d = dup(p[1]);
	CHECK(write(d, "ab", 2) == 2 && close(p[1]) == 0);
	struct pollfd pf = { .fd = p[0], .events = POLLIN };
	CHECK(poll(&pf, 1, 0) == 1 && pf.revents == POLLIN); /* d still open */
	CHECK(close(d) == 0);
	CHECK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN) &&
	      (pf.revents & POLLHUP));
	CHECK(read(p[0], buf, sizeof(buf)) == 2);
	CHECK(read(p[0], buf, sizeof(buf)) == 0);
	CHECK(close(p[0]) == 0);

	/* No read end: EPIPE (no SIGPIPE is sent), and POLLERR. */
	CHECK(pipe(p) == 0 && close(p[0]) == 0);
	CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE);
	pf = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLERR));
	CHECK(close(p[1]) == 0);

	CHECK(pipe(NULL) == -1 && errno == EFAULT);
	CHECK(pipe2(p, 0x40000000) == -1 && errno == EINVAL);
}

static void nonblocking(void)
{
	static char big[70000];
	char c;
	int p[2];

	CHECK(pipe2(p, O_NONBLOCK) == 0);
	CHECK(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK));
	CHECK(read(p[0], &c, 1) == -1 && errno == EAGAIN);
	/* Fills to 64 KiB, then a short count, then EAGAIN. */
	CHECK(write(p[1], big, sizeof(big)) == 65536);
	CHECK(write(p[1], big, 1) == -1 && errno == EAGAIN);
	struct pollfd pf = { .fd = p[1], .events = POLLOUT };
	CHECK(poll(&pf, 1, 0) == 0);
	CHECK(read(p[0], big, 1000) == 1000);
	CHECK(poll(&pf, 1, 0) == 1 && pf.revents == POLLOUT);
	/* Blocking again (F_SETFL): a write that fits goes in. */
	CHECK(fcntl(p[1], F_SETFL, 0) == 0 && write(p[1], big, 512) == 512);
	close(p[0]);
	close(p[1]);
}

static void *late_writer(void *arg)
{
	usleep(20000);
	if (write(*(int *)arg, "!", 1) != 1)
		perror("pipe: late write");
	return NULL;
}

/* poll waits on a pipe until another thread writes; alone, and beside a
 * UDP socket with nothing to read, first or second in the set. */
static void polling(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(9999),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_DGRAM, 0), p[2];
	pthread_t t;
	char c;

	CHECK(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);
	for (int round = 0; round < 3; round++) {
		struct pollfd pf[2] = {
			{ .fd = round == 2 ? s : -1, .events = POLLIN },
			{ .fd = -1, .events = POLLIN },
		};
		CHECK(pipe(p) == 0);
		pf[round == 2 ? 1 : 0].fd = p[0];
		if (round == 1)
			pf[1].fd = s;
		CHECK(poll(pf, 2, 30) == 0); /* times out */
		CHECK(pthread_create(&t, NULL, late_writer, &p[1]) == 0);
		CHECK(poll(pf, 2, -1) == 1);
		struct pollfd *pp = pf[0].fd == p[0] ? &pf[0] : &pf[1];
		struct pollfd *ps = pp == &pf[0] ? &pf[1] : &pf[0];
		CHECK(pp->revents == POLLIN && ps->revents == 0);
		CHECK(read(p[0], &c, 1) == 1 && c == '!');
		pthread_join(t, NULL);
		close(p[0]);
		close(p[1]);
	}
	close(s);
}

static void *producer(void *arg)
{
	int fd = *(int *)arg;
	static unsigned char chunk[7919];
	size_t sent = 0;

	while (sent < STREAM) {
		size_t n = STREAM - sent < sizeof(chunk) ? STREAM - sent
							 : sizeof(chunk);
		for (size_t i = 0; i < n; i++)
			chunk[i] = (unsigned char)((sent + i) * 13 % 251);
		if (write(fd, chunk, n) != (ssize_t)n)
			break;
		sent += n;
	}
	close(fd);
	return (void *)sent;
}

/* 4 MiB from a thread, read in other-sized pieces, byte for byte. */
static void stream(void)
{
	static unsigned char buf[5003];
	size_t got = 0, bad = 0;
	pthread_t t;
	void *sent;
	ssize_t n;
	int p[2];

	CHECK(pipe(p) == 0);
	CHECK(pthread_create(&t, NULL, producer, &p[1]) == 0);
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != (unsigned char)((got + i) * 13 % 251);
		got += (size_t)n;
	}
	CHECK(n == 0 && got == STREAM && bad == 0);
	CHECK(pthread_join(t, &sent) == 0 && (size_t)sent == STREAM);
	close(p[0]);
	printf("pipe: %zu bytes streamed\n", got);
}

#define RECORDS 400

static void *recorder(void *arg)
{
	int *ctx = arg;
	char rec[PIPE_BUF];

	memset(rec, 'a' + ctx[1], sizeof(rec));
	for (int i = 0; i < RECORDS; i++)
		if (write(ctx[0], rec, sizeof(rec)) != (ssize_t)sizeof(rec))
			break;
	return NULL;
}

/* Two threads write PIPE_BUF-byte records: each arrives whole. */
static void atomic_writes(void)
{
	int p[2], a[2], b[2];
	pthread_t ta, tb;
	char rec[PIPE_BUF];
	int torn = 0, count = 0;

	CHECK(pipe(p) == 0);
	a[0] = b[0] = p[1], a[1] = 0, b[1] = 1;
	pthread_create(&ta, NULL, recorder, a);
	pthread_create(&tb, NULL, recorder, b);
	for (count = 0; count < 2 * RECORDS; count++) {
		size_t got = 0;
		while (got < sizeof(rec)) {
			ssize_t n = read(p[0], rec + got, sizeof(rec) - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got < sizeof(rec))
			break;
		for (size_t i = 1; i < sizeof(rec); i++)
			torn += rec[i] != rec[0];
	}
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	CHECK(count == 2 * RECORDS && torn == 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	basics();
	nonblocking();
	polling();
	stream();
	atomic_writes();
	return check_verdict("pipe");
}
