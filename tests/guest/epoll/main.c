/* SPDX-License-Identifier: MIT */
/*
 * tests/guest/epoll: Linux's epoll as programs use it (Redis's ae_epoll,
 * libevent): what is reported for pipes, a UDP socket and nested epolls,
 * level triggering, EPOLLONESHOT, maxevents taken in turn, a wait ended
 * by another thread, entries that live as long as their open file, and
 * the errors Linux gives for each misuse.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static int add(int ep, int fd, uint32_t events, uint64_t tag)
{
	struct epoll_event ev = { .events = events, .data.u64 = tag };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void errors(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	int ep = epoll_create1(0), ep2 = epoll_create(1), p[2];
	int file = open("/tmp/epoll-file", O_CREAT | O_RDWR, 0600);

	CHECK(ep >= 0 && ep2 >= 0 && file >= 0 && pipe(p) == 0);
	CHECK(epoll_create(0) == -1 && errno == EINVAL);
	CHECK(epoll_create1(12345) == -1 && errno == EINVAL);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev) == -1 && errno == EBADF);
	CHECK(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EBADF);
	CHECK(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev) == -1 &&
	      errno == EINVAL); /* not an epoll */
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL);
	CHECK(epoll_ctl(ep, 99, p[0], &ev) == -1 && errno == EINVAL);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev) == -1 && errno == EPERM);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL) == -1 &&
	      errno == EFAULT);
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == -1 && errno == ENOENT);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == -1 &&
	      errno == ENOENT);
	CHECK(add(ep, p[0], EPOLLIN, 1) == 0);
	CHECK(add(ep, p[0], EPOLLIN, 1) == -1 && errno == EEXIST);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);
	/* EPOLLEXCLUSIVE: ADD only, without ONESHOT, never on an epoll. */
	CHECK(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 1) == -1 &&
	      errno == EINVAL);
	CHECK(add(ep, ep2, EPOLLIN | EPOLLEXCLUSIVE, 1) == -1 &&
	      errno == EINVAL);
	CHECK(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1) == 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == -1 && errno == EINVAL);
	/* An epoll inside itself, through another: ELOOP. */
	CHECK(add(ep, ep2, EPOLLIN, 2) == 0);
	CHECK(add(ep2, ep, EPOLLIN, 3) == -1 && errno == ELOOP);
	CHECK(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL);
	CHECK(epoll_wait(999, out, 4, 0) == -1 && errno == EBADF);
	CHECK(epoll_wait(p[0], out, 4, 0) == -1 && errno == EINVAL);
	CHECK(epoll_wait(ep, out, 4, 0) == 0); /* nothing ready */
	close(ep), close(ep2), close(file), close(p[0]), close(p[1]);
	unlink("/tmp/epoll-file");
}

static void level_and_oneshot(void)
{
	struct epoll_event out[4];
	int ep = epoll_create1(EPOLL_CLOEXEC), p[2], q[2];

	CHECK(ep >= 0 && pipe(p) == 0 && pipe(q) == 0);
	CHECK(add(ep, p[0], EPOLLIN, 0x1234567890ull) == 0);
	CHECK(add(ep, q[1], EPOLLOUT | EPOLLONESHOT, 7) == 0);
	/* The write end is writable; one-shot: once, until MOD. */
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].events == EPOLLOUT &&
	      out[0].data.u64 == 7);
	CHECK(epoll_wait(ep, out, 4, 0) == 0);
	struct epoll_event mod = { .events = EPOLLOUT | EPOLLONESHOT,
				   .data.u64 = 8 };
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &mod) == 0);
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 8);
	/* Level-triggered: data not read is reported again and again. */
	CHECK(write(p[1], "xy", 2) == 2);
	for (int i = 0; i < 3; i++)
		CHECK(epoll_wait(ep, out, 4, 0) == 1 &&
		      out[0].events == EPOLLIN &&
		      out[0].data.u64 == 0x1234567890ull);
	char buf[4];
	CHECK(read(p[0], buf, sizeof(buf)) == 2);
	CHECK(epoll_wait(ep, out, 4, 0) == 0);
	/* EPOLLET: reported while there is data (a superset of Linux's edges). */
	struct epoll_event et = { .events = EPOLLIN | EPOLLET, .data.u64 = 9 };
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &et) == 0);
	CHECK(write(p[1], "z", 1) == 1);
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 9);
	CHECK(read(p[0], buf, sizeof(buf)) == 1);
	/* The writer gone: EPOLLHUP, which is reported unasked. */
	close(p[1]);
	int n = epoll_wait(ep, out, 4, 0);
	CHECK(n == 1 && (out[0].events & EPOLLHUP));
	close(ep), close(p[0]), close(q[0]), close(q[1]);
}

/* The entry belongs to the open file: a dup keeps it, the last close
 * removes it, and a new file at the same fd number is not watched. */
static void entries_follow_files(void)
{
	struct epoll_event out[4];
	int ep = epoll_create1(0), p[2], q[2], d;

	CHECK(ep >= 0 && pipe(p) == 0);
	CHECK(add(ep, p[0], EPOLLIN, 1) == 0);
	d = dup(p[0]);
	close(p[0]);
	CHECK(write(p[1], "a", 1) == 1);
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 1);
	close(d);
	CHECK(epoll_wait(ep, out, 4, 0) == 0);
	CHECK(pipe(q) == 0); /* likely at p[0]'s old number */
	CHECK(write(q[1], "b", 1) == 1);
	CHECK(epoll_wait(ep, out, 4, 0) == 0);
	CHECK(add(ep, q[0], EPOLLIN, 2) == 0); /* no EEXIST from the old one */
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 2);
	close(ep), close(p[1]), close(q[0]), close(q[1]);
}

/* maxevents 1 with three ready: each comes in its turn. */
static void fairness(void)
{
	struct epoll_event out[1];
	int ep = epoll_create1(0), p[3][2];
	unsigned seen = 0;

	for (int i = 0; i < 3; i++) {
		CHECK(pipe(p[i]) == 0 && write(p[i][1], "x", 1) == 1);
		CHECK(add(ep, p[i][0], EPOLLIN, (uint64_t)i) == 0);
	}
	for (int i = 0; i < 3; i++)
		if (epoll_wait(ep, out, 1, 0) == 1)
			seen |= 1u << out[0].data.u64;
	CHECK(seen == 7);
	for (int i = 0; i < 3; i++)
		close(p[i][0]), close(p[i][1]);
	close(ep);
}

static void nested_socket_console(void)
{
	struct epoll_event out[4];
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2];
	int udp = socket(AF_INET, SOCK_DGRAM, 0);

	CHECK(outer >= 0 && inner >= 0 && pipe(p) == 0);
	CHECK(add(outer, inner, EPOLLIN, 5) == 0);
	CHECK(add(inner, p[0], EPOLLIN, 6) == 0);
	CHECK(epoll_wait(outer, out, 4, 0) == 0);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(epoll_wait(outer, out, 4, 0) == 1 && out[0].data.u64 == 5 &&
	      out[0].events == EPOLLIN);
	CHECK(epoll_wait(inner, out, 4, 0) == 1 && out[0].data.u64 == 6);
	/* A UDP socket can always send; it has nothing to read. */
	CHECK(udp >= 0);
	CHECK(add(inner, udp, EPOLLIN | EPOLLOUT, 7) == 0);
	int n = epoll_wait(inner, out, 4, 0), got = 0;
	for (int i = 0; i < n; i++)
		if (out[i].data.u64 == 7)
			got = (int)out[i].events;
	CHECK(got == EPOLLOUT);
	/* The console's output is writable. */
	CHECK(add(inner, STDOUT_FILENO, EPOLLOUT, 8) == 0);
	n = epoll_wait(inner, out, 4, 0), got = 0;
	for (int i = 0; i < n; i++)
		got |= out[i].data.u64 == 8 && out[i].events == EPOLLOUT;
	CHECK(got);
	close(outer), close(inner), close(p[0]), close(p[1]), close(udp);
}

static void *late_writer(void *arg)
{
	struct timespec ts = { 0, 50 * 1000000 };

	nanosleep(&ts, NULL);
	CHECK(write(*(int *)arg, "w", 1) == 1);
	return NULL;
}

/* A wait ends when another thread makes a file ready, and a timeout is
 * waited out. */
static void waits(void)
{
	struct epoll_event out[2];
	int ep = epoll_create1(0), p[2];
	pthread_t t;
	uint64_t t0;

	CHECK(ep >= 0 && pipe(p) == 0 && add(ep, p[0], EPOLLIN, 3) == 0);
	t0 = now_ms();
	CHECK(epoll_wait(ep, out, 2, 60) == 0);
	CHECK(now_ms() - t0 >= 60);
	CHECK(pthread_create(&t, NULL, late_writer, &p[1]) == 0);
	t0 = now_ms();
	CHECK(epoll_wait(ep, out, 2, 10000) == 1 && out[0].data.u64 == 3);
	CHECK(now_ms() - t0 < 5000);
	pthread_join(t, NULL);
	close(ep), close(p[0]), close(p[1]);
}

int main(void)
{
	errors();
	level_and_oneshot();
	entries_follow_files();
	fairness();
	nested_socket_console();
	waits();
	return check_verdict("epoll");
}
