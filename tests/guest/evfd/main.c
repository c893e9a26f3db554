/* SPDX-License-Identifier: MIT */
/*
 * evfd: eventfd and timerfd as Linux has them — the counter's rules and
 * errors, EFD_SEMAPHORE, blocking calls woken by another thread, poll and
 * epoll readiness; timers relative and absolute, one-shot and periodic
 * (missed expirations counted), their remaining time, and every error;
 * and the masks ppoll, pselect and epoll_pwait wait with.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void *later_write(void *arg)
{
	usleep(30000);
	eventfd_write(*(int *)arg, 5);
	return NULL;
}

static void *later_read(void *arg)
{
	eventfd_t v;

	usleep(30000);
	eventfd_read(*(int *)arg, &v);
	return NULL;
}

static void counter(void)
{
	eventfd_t v = 0;
	uint64_t big = UINT64_MAX;
	struct pollfd p;
	struct stat st;
	int fd = eventfd(0, 0), nb = eventfd(0, EFD_NONBLOCK);

	CHECK(fd >= 0 && nb >= 0);
	CHECK(eventfd_write(fd, 1) == 0 && eventfd_write(fd, 2) == 0);
	CHECK(eventfd_read(fd, &v) == 0 && v == 3);
	CHECK(read(nb, &v, 8) < 0 && errno == EAGAIN);
	CHECK(read(nb, &v, 4) < 0 && errno == EINVAL);
	CHECK(write(nb, &v, 7) < 0 && errno == EINVAL);
	CHECK(write(nb, &big, 8) < 0 && errno == EINVAL);
	CHECK(eventfd_write(nb, UINT64_MAX - 1) == 0);
	CHECK(write(nb, &(uint64_t){ 1 }, 8) < 0 && errno == EAGAIN);
	p = (struct pollfd){ nb, POLLIN | POLLOUT, 0 };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLIN); /* full */
	CHECK(eventfd_read(nb, &v) == 0 && v == UINT64_MAX - 1);
	p = (struct pollfd){ nb, POLLIN | POLLOUT, 0 };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
	CHECK(fstat(nb, &st) == 0);
	CHECK(eventfd(0, 0x40000000) < 0 && errno == EINVAL);
	/* a blocked read, woken by another thread's write; a blocked write
	 * by another's read */
	pthread_t t;
	uint64_t t0 = now_ms();
	pthread_create(&t, NULL, later_write, &fd);
	CHECK(eventfd_read(fd, &v) == 0 && v == 5 && now_ms() - t0 >= 25);
	pthread_join(t, NULL);
	CHECK(eventfd_write(fd, UINT64_MAX - 1) == 0);
	pthread_create(&t, NULL, later_read, &fd);
	CHECK(eventfd_write(fd, 7) == 0);
	pthread_join(t, NULL);
	CHECK(eventfd_read(fd, &v) == 0 && v == 7);
	/* poll sleeping until another thread writes */
	pthread_create(&t, NULL, later_write, &fd);
	p = (struct pollfd){ fd, POLLIN, 0 };
	CHECK(poll(&p, 1, 2000) == 1 && p.revents == POLLIN);
	pthread_join(t, NULL);
	close(fd), close(nb);
}

static void semaphore(void)
{
	eventfd_t v;
	int fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);

	for (int i = 0; i < 3; i++)
		CHECK(eventfd_read(fd, &v) == 0 && v == 1);
	CHECK(eventfd_read(fd, &v) < 0 && errno == EAGAIN);
	close(fd);
}

static void epolled(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, got[2];
	int ep = epoll_create1(0), e = eventfd(0, EFD_NONBLOCK);
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec its = { .it_value = { 0, 20000000 } };

	ev.data.fd = e;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == 0);
	ev.data.fd = t;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev) == 0);
	CHECK(epoll_wait(ep, got, 2, 0) == 0);
	eventfd_write(e, 1);
	CHECK(epoll_wait(ep, got, 2, 0) == 1 && got[0].data.fd == e);
	eventfd_t v;
	eventfd_read(e, &v);
	CHECK(timerfd_settime(t, 0, &its, NULL) == 0);
	CHECK(epoll_wait(ep, got, 2, 2000) == 1 && got[0].data.fd == t);
	close(e), close(t), close(ep);
}

static void timers(void)
{
	struct itimerspec its = { 0 }, cur, old;
	struct timespec rt;
	uint64_t n = 0, t0;
	struct pollfd p;
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	int bl = timerfd_create(CLOCK_REALTIME, 0);
	int e = eventfd(0, 0);

	CHECK(fd >= 0 && bl >= 0);
	CHECK(read(fd, &n, 8) < 0 && errno == EAGAIN); /* disarmed */
	CHECK(read(fd, &n, 4) < 0 && errno == EINVAL);
	/* one-shot, relative: poll sleeps until it is due */
	its.it_value = (struct timespec){ 0, 50000000 };
	t0 = now_ms();
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	CHECK(timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec == 0 &&
	      cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 50000000);
	p = (struct pollfd){ fd, POLLIN, 0 };
	CHECK(poll(&p, 1, 2000) == 1 && p.revents == POLLIN);
	CHECK(now_ms() - t0 >= 45);
	CHECK(read(fd, &n, 8) == 8 && n == 1);
	CHECK(read(fd, &n, 8) < 0 && errno == EAGAIN);
	CHECK(timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec == 0 &&
	      cur.it_value.tv_nsec == 0);
	/* periodic: what was missed is counted */
	its.it_value = its.it_interval = (struct timespec){ 0, 10000000 };
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	usleep(105000);
	CHECK(read(fd, &n, 8) == 8 && n >= 10);
	CHECK(timerfd_gettime(fd, &cur) == 0 &&
	      cur.it_interval.tv_nsec == 10000000);
	/* disarmed again, the old setting given back */
	memset(&its, 0, sizeof(its));
	CHECK(timerfd_settime(fd, 0, &its, &old) == 0 &&
	      old.it_interval.tv_nsec == 10000000);
	usleep(20000);
	CHECK(read(fd, &n, 8) < 0 && errno == EAGAIN);
	/* absolute on the realtime clock, a blocking read */
	clock_gettime(CLOCK_REALTIME, &rt);
	rt.tv_nsec += 30000000;
	if (rt.tv_nsec >= 1000000000)
		rt.tv_sec++, rt.tv_nsec -= 1000000000;
	its.it_value = rt;
	t0 = now_ms();
	CHECK(timerfd_settime(bl, TFD_TIMER_ABSTIME, &its, NULL) == 0);
	CHECK(read(bl, &n, 8) == 8 && n == 1 && now_ms() - t0 >= 25);
	/* errors */
	CHECK(timerfd_create(42, 0) < 0 && errno == EINVAL);
	CHECK(timerfd_create(CLOCK_MONOTONIC, 0x40000000) < 0 &&
	      errno == EINVAL);
	its.it_value = (struct timespec){ 0, 1000000000 };
	CHECK(timerfd_settime(fd, 0, &its, NULL) < 0 && errno == EINVAL);
	its.it_value = (struct timespec){ 0, 1 };
	CHECK(timerfd_settime(fd, 0x80, &its, NULL) < 0 && errno == EINVAL);
	CHECK(timerfd_settime(e, 0, &its, NULL) < 0 && errno == EINVAL);
	CHECK(timerfd_settime(1000, 0, &its, NULL) < 0 && errno == EBADF);
	CHECK(timerfd_gettime(e, &cur) < 0 && errno == EINVAL);
	CHECK(write(fd, &n, 8) < 0);
	close(fd), close(bl), close(e);
}

static volatile int handled;
static pthread_t main_thread;

static void *kick_later(void *arg)
{
	(void)arg;
	usleep(50000);
	pthread_kill(main_thread, SIGUSR1);
	return NULL;
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* ppoll, pselect and epoll_pwait put their mask in place for the wait
 * alone: a pending signal it lets in ends the wait at once (EINTR, its
 * handler run); one it keeps out waits, still pending, for later. */
static void masked_waits(void)
{
	sigset_t block, none;
	struct epoll_event ev;
	struct timespec ts = { 5, 0 };
	int ep = epoll_create1(0), e = eventfd(0, 0);
	struct pollfd p = { e, POLLIN, 0 };
	uint64_t t0;

	sigemptyset(&none);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	signal(SIGUSR1, on_usr1);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	CHECK(handled == 0);
	CHECK(epoll_pwait(ep, &ev, 1, 50, &block) == 0 && handled == 0);
	t0 = now_ms();
	CHECK(epoll_pwait(ep, &ev, 1, 5000, &none) < 0 && errno == EINTR);
	CHECK(handled == 1 && now_ms() - t0 < 2500);
	raise(SIGUSR1);
	CHECK(ppoll(&p, 1, &ts, &none) < 0 && errno == EINTR && handled == 2);
	raise(SIGUSR1);
	CHECK(pselect(0, NULL, NULL, NULL, &ts, &none) < 0 && errno == EINTR &&
	      handled == 3);
	ts = (struct timespec){ 0, 20000000 };
	CHECK(ppoll(&p, 1, &ts, NULL) == 0); /* its timeout, mask kept */
	ts.tv_nsec = -1;
	CHECK(ppoll(&p, 1, &ts, NULL) < 0 && errno == EINVAL);
	CHECK(pselect(0, NULL, NULL, NULL, &ts, NULL) < 0 && errno == EINVAL);
	/* one sent while the wait is under way ends it too */
	pthread_t k;
	main_thread = pthread_self();
	pthread_create(&k, NULL, kick_later, NULL);
	t0 = now_ms();
	CHECK(epoll_pwait(ep, &ev, 1, 5000, &none) < 0 && errno == EINTR);
	CHECK(handled == 4 && now_ms() - t0 < 2500);
	pthread_join(k, NULL);
	handled = 3;
	raise(SIGUSR1); /* the thread's own mask is back: blocked */
	CHECK(handled == 3);
	pthread_sigmask(SIG_UNBLOCK, &block, NULL);
	CHECK(handled == 4);
	close(ep), close(e);
}

int main(void)
{
	masked_waits();
	counter();
	semaphore();
	epolled();
	timers();
	return check_verdict("evfd");
}
