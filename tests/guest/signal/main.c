/* SPDX-License-Identifier: MIT */
/*
 * Guest test: signals that belong to the process. Each case is one
 * argument: dispositions and masks, delivery to the right thread, timer
 * signals, interrupted calls, faults with their handlers, default actions.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

#define NOINLINE __attribute__((noinline))

static volatile sig_atomic_t got, got_sig, got_code;
static volatile pthread_t got_thread;
static volatile int got_value;
static void *volatile got_addr;

static void on_signal(int sig)
{
	got++;
	got_sig = sig;
	got_thread = pthread_self();
}

static void on_info(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	got++;
	got_sig = sig;
	got_code = info->si_code;
	got_value = info->si_value.sival_int;
	got_addr = info->si_addr;
	got_thread = pthread_self();
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void handle_info(int sig, int flags)
{
	struct sigaction sa = { .sa_sigaction = on_info,
				.sa_flags = SA_SIGINFO | flags };
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(sig, &sa, NULL) == 0);
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static sigset_t set_of(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	return s;
}

/* Dispositions: handlers, SA_SIGINFO, SIG_IGN, what sigaction refuses. */
static void test_actions(void)
{
	struct sigaction sa, old;
	sigset_t s;

	handle_info(SIGUSR1, 0);
	got = 0;
	CHECK(raise(SIGUSR1) == 0);
	CHECK(got == 1 && got_sig == SIGUSR1 && got_code == SI_TKILL);
	CHECK(kill(getpid(), SIGUSR1) == 0); /* before kill returns */
	CHECK(got == 2 && got_code == SI_USER);
	CHECK(sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 77 }) ==
	      0);
	CHECK(got == 3 && got_code == SI_QUEUE && got_value == 77);
	CHECK(kill(0, 0) == 0);
	CHECK(kill(-1, SIGUSR1) == -1 && errno == ESRCH); /* no others */
	CHECK(kill(2, SIGUSR1) == -1 && errno == ESRCH);
	CHECK(kill(getpid(), 99) == -1 && errno == EINVAL);
	CHECK(raise(-1) == -1 && errno == EINVAL);

	CHECK(signal(SIGUSR2, on_signal) == SIG_DFL);
	CHECK(signal(SIGUSR2, SIG_IGN) == on_signal);
	got = 0;
	CHECK(raise(SIGUSR2) == 0 && got == 0); /* ignored */
	CHECK(signal(SIGUSR2, on_signal) == SIG_IGN);
	CHECK(sigaction(SIGUSR2, NULL, &old) == 0 &&
	      old.sa_handler == on_signal && (old.sa_flags & SA_RESTART));
	CHECK(signal(NSIG, on_signal) == SIG_ERR && errno == EINVAL);
	CHECK(signal(0, on_signal) == SIG_ERR && errno == EINVAL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	CHECK(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
	CHECK(sigaction(SIGKILL, NULL, &old) == 0);
	CHECK(sigaction(65, &sa, NULL) == -1 && errno == EINVAL);

	/* The signal numbers and names are Linux's. */
	CHECK(SIGUSR1 == 10 && SIGSEGV == 11 && SIGALRM == 14 &&
	      SIGTERM == 15 && SIGCHLD == 17 && NSIG == 65);
	CHECK(!strcmp(strsignal(SIGTERM), "Terminated"));
	CHECK(!strcmp(strsignal(SIGRTMIN + 2), "Real-time signal 2"));
	CHECK(!strcmp(strsignal(200), "Unknown signal 200"));

	CHECK(sigemptyset(&s) == 0 && sigaddset(&s, SIGRTMAX) == 0 &&
	      sigismember(&s, SIGRTMAX) == 1 && sigismember(&s, SIGINT) == 0);
	CHECK(sigaddset(&s, 0) == -1 && errno == EINVAL);
	CHECK(sigaddset(&s, NSIG) == -1 && errno == EINVAL);
	CHECK(sigdelset(&s, SIGRTMAX) == 0 && sigismember(&s, SIGRTMAX) == 0);
	CHECK(sigfillset(&s) == 0 && sigismember(&s, SIGKILL) == 1);
	/* Ignored by default: nothing happens. */
	CHECK(raise(SIGCHLD) == 0 && raise(SIGWINCH) == 0 &&
	      raise(SIGURG) == 0 && raise(SIGCONT) == 0);
}

static volatile sig_atomic_t depth, max_depth;
static sigset_t seen_mask;

static void nested(int sig)
{
	(void)sig;
	got++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_SETMASK, NULL, &seen_mask);
	if (got < 3)
		raise(SIGUSR1); /* with SA_NODEFER: runs inside this one */
	depth--;
}

/* Masks: blocked signals wait; unblocking delivers before the call returns;
 * sa_mask and the signal itself are blocked during the handler. */
static void test_masks(void)
{
	sigset_t usr1 = set_of(SIGUSR1), pend, cur;
	struct sigaction sa = { .sa_handler = on_signal };

	handle(SIGUSR1, on_signal, 0);
	got = 0;
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0 && got == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0 && got == 0);
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	CHECK(sigprocmask(SIG_UNBLOCK, &usr1, NULL) == 0);
	/* The thread's own and the process's: one each, not two of one. */
	CHECK(got == 2);
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1));
	CHECK(sigprocmask(42, &usr1, NULL) == -1 && errno == EINVAL);
	CHECK(pthread_sigmask(42, &usr1, NULL) == EINVAL);
	/* SIGKILL and SIGSTOP cannot be blocked. */
	sigfillset(&cur);
	CHECK(sigprocmask(SIG_SETMASK, &cur, &cur) == 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &cur) == 0 &&
	      !sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP) &&
	      sigismember(&cur, SIGUSR2));
	sigemptyset(&cur);
	CHECK(sigprocmask(SIG_SETMASK, &cur, NULL) == 0);

	/* sa_mask (SIGUSR2) and the signal itself, during the handler. */
	sa.sa_handler = nested;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	got = 0, max_depth = 0;
	raise(SIGUSR1);
	/* without SA_NODEFER the inner raise waits for the outer handler */
	CHECK(got == 3 && max_depth == 1);
	CHECK(sigismember(&seen_mask, SIGUSR1) &&
	      sigismember(&seen_mask, SIGUSR2));
	CHECK(sigprocmask(SIG_SETMASK, NULL, &cur) == 0 &&
	      !sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));
	sa.sa_flags = SA_NODEFER;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	got = 0, max_depth = 0;
	raise(SIGUSR1);
	CHECK(got == 3 && max_depth == 3);

	/* SA_RESETHAND: once, then the default. */
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	got = 0;
	raise(SIGUSR2);
	CHECK(got == 1);
	CHECK(sigaction(SIGUSR2, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL);

	/* Setting SIG_IGN drops a pending one. */
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	raise(SIGUSR1);
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	signal(SIGUSR1, SIG_IGN);
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1));
	CHECK(sigprocmask(SIG_UNBLOCK, &usr1, NULL) == 0);
}

static sem_t ready;
static int pipe_fds[2];

static void *raiser(void *arg)
{
	(void)arg;
	raise(SIGUSR1);
	return NULL;
}

static void *reader(void *arg)
{
	char c;
	(void)arg;
	sem_post(&ready);
	return (void *)(intptr_t)read(pipe_fds[0], &c, 1);
}

static void *installer(void *arg)
{
	(void)arg;
	handle(SIGUSR2, on_signal, 0);
	return NULL;
}

static void *blocked_all(void *arg)
{
	sigset_t all;
	(void)arg;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	sem_post(&ready);
	sleep(1);
	return NULL;
}

/* Dispositions belong to the process, masks to each thread. */
static void test_threads(void)
{
	pthread_t t, b;
	void *r;
	sigset_t usr1 = set_of(SIGUSR1), mine;

	/* A handler one thread installed runs when another raises. */
	CHECK(pthread_create(&t, NULL, installer, NULL) == 0);
	pthread_join(t, NULL);
	got = 0;
	raise(SIGUSR2);
	CHECK(got == 1 && pthread_equal(got_thread, pthread_self()));

	/* raise in a thread runs the handler in that thread. */
	handle(SIGUSR1, on_signal, 0);
	got = 0;
	CHECK(pthread_create(&t, NULL, raiser, NULL) == 0);
	pthread_join(t, NULL);
	CHECK(got == 1 && pthread_equal(got_thread, t));

	/* A process signal main blocks goes to a thread that does not: it is
	 * blocked reading a pipe, and the handler (no SA_RESTART) makes the
	 * read fail with EINTR. A thread that blocks everything is passed. */
	CHECK(pipe(pipe_fds) == 0);
	sem_init(&ready, 0, 0);
	CHECK(pthread_sigmask(SIG_BLOCK, &usr1, NULL) == 0);
	CHECK(pthread_create(&b, NULL, blocked_all, NULL) == 0);
	sem_wait(&ready);
	CHECK(pthread_sigmask(SIG_UNBLOCK, &usr1, NULL) == 0);
	CHECK(pthread_create(&t, NULL, reader, NULL) == 0);
	sem_wait(&ready);
	usleep(20000); /* it is in read() */
	CHECK(pthread_sigmask(SIG_BLOCK, &usr1, NULL) == 0);
	got = 0;
	CHECK(kill(getpid(), SIGUSR1) == 0);
	pthread_join(t, &r);
	CHECK((intptr_t)r == -1);
	CHECK(got == 1 && pthread_equal(got_thread, t));
	/* A new thread starts with its creator's mask. */
	CHECK(pthread_sigmask(SIG_SETMASK, NULL, &mine) == 0 &&
	      sigismember(&mine, SIGUSR1));
	CHECK(pthread_sigmask(SIG_UNBLOCK, &usr1, NULL) == 0);
	pthread_join(b, NULL);

	/* pthread_kill: to that thread; to a bad signal: EINVAL. */
	sem_init(&ready, 0, 0);
	CHECK(pthread_create(&t, NULL, reader, NULL) == 0);
	sem_wait(&ready);
	usleep(20000);
	got = 0;
	CHECK(pthread_kill(t, SIGUSR1) == 0);
	pthread_join(t, &r);
	CHECK((intptr_t)r == -1 && got == 1 && pthread_equal(got_thread, t));
	CHECK(pthread_kill(pthread_self(), 0) == 0);
	CHECK(pthread_kill(pthread_self(), 100) == EINVAL);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
	got++;
	if (pipe_fds[1] > 0)
		write(pipe_fds[1], "x", 1);
}

/* alarm and setitimer: pause() ends after the handler; a busy loop is
 * interrupted (the handler runs from the timer's interrupt) with its
 * floating-point state intact. */
static void test_alarm(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } }, old;
	uint64_t t0;
	volatile double x = 1.0;
	double want = 1.0;

	handle(SIGALRM, on_alarm, 0);
	pipe_fds[1] = -1;
	got = 0;
	CHECK(alarm(1) == 0);
	CHECK(alarm(1) == 1); /* what was left, rounded up */
	t0 = now_ms();
	CHECK(pause() == -1 && errno == EINTR);
	CHECK(got == 1 && now_ms() - t0 >= 900);
	CHECK(alarm(0) == 0);

	got = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	while (!got) {
		x = x * 1.0000001 + 1e-9; /* FPU state across the handler */
		want = want * 1.0000001 + 1e-9;
	}
	CHECK(x == want);
	/* A periodic one: five in a row, then disarmed. */
	it.it_interval.tv_usec = 10000;
	it.it_value.tv_usec = 10000;
	got = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	t0 = now_ms();
	while (got < 5 && now_ms() - t0 < 5000)
		;
	CHECK(got >= 5);
	CHECK(getitimer(ITIMER_REAL, &old) == 0 &&
	      old.it_interval.tv_usec == 10000);
	memset(&it, 0, sizeof(it));
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(getitimer(ITIMER_REAL, &old) == 0 && old.it_value.tv_sec == 0 &&
	      old.it_value.tv_usec == 0);
	CHECK(setitimer(ITIMER_VIRTUAL, &it, NULL) == -1 && errno == EINVAL);
	it.it_value.tv_usec = 1000000;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL);
}

/* Blocking calls a handler interrupts: EINTR, or a restart under
 * SA_RESTART where Linux restarts. */
static void test_eintr(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	struct timespec rem, ts = { 5, 0 };
	char c;
	sem_t s;
	struct pollfd pfd;
	fd_set rd;
	uint64_t t0;
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

	CHECK(pipe(pipe_fds) == 0);
	handle(SIGALRM, on_alarm, 0);
	/* read: EINTR without SA_RESTART (the handler's byte stays) */
	pipe_fds[1] = -1;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(read(pipe_fds[0], &c, 1) == -1 && errno == EINTR);
	/* with SA_RESTART: the read goes on and gets the handler's byte */
	handle(SIGALRM, on_alarm, SA_RESTART);
	CHECK(pipe(pipe_fds) == 0);
	got = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(read(pipe_fds[0], &c, 1) == 1 && c == 'x' && got == 1);
	pipe_fds[1] = -1;

	/* nanosleep, sleep: EINTR, with the time left (never restarted) */
	setitimer(ITIMER_REAL, &it, NULL);
	t0 = now_ms();
	CHECK(nanosleep(&ts, &rem) == -1 && errno == EINTR);
	CHECK(now_ms() - t0 < 4000 && rem.tv_sec >= 3 && rem.tv_sec <= 5);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(sleep(5) >= 4);
	/* sem_timedwait under SA_RESTART goes on to its timeout (POSIX; Linux
	 * would say EINTR); without it, sem_wait fails */
	sem_init(&s, 0, 0);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 200000000;
	if (ts.tv_nsec >= 1000000000)
		ts.tv_sec++, ts.tv_nsec -= 1000000000;
	got = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(sem_timedwait(&s, &ts) == -1 && errno == ETIMEDOUT && got == 1);
	handle(SIGALRM, on_alarm, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(sem_wait(&s) == -1 && errno == EINTR);
	handle(SIGALRM, on_alarm, SA_RESTART);
	/* poll, select, sigsuspend: EINTR even with SA_RESTART */
	pfd = (struct pollfd){ pipe_fds[0], POLLIN, 0 };
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(poll(&pfd, 1, 5000) == -1 && errno == EINTR);
	FD_ZERO(&rd);
	FD_SET(pipe_fds[0], &rd);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(select(pipe_fds[0] + 1, &rd, NULL, NULL, NULL) == -1 &&
	      errno == EINTR);
	sigset_t none;
	sigemptyset(&none);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(sigsuspend(&none) == -1 && errno == EINTR);
	/* pthread_cond_timedwait is not: at most a spurious wake-up */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100000000;
	if (ts.tv_nsec >= 1000000000)
		ts.tv_sec++, ts.tv_nsec -= 1000000000;
	pthread_mutex_lock(&m);
	got = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	int err;
	while ((err = pthread_cond_timedwait(&cv, &m, &ts)) == 0)
		;
	CHECK(err == ETIMEDOUT && got == 1);
	pthread_mutex_unlock(&m);
	/* pause with a mutex held: the handler still runs */
	pthread_mutex_lock(&m);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(pause() == -1 && errno == EINTR);
	pthread_mutex_unlock(&m);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static void on_usr1_intr(int sig)
{
	(void)sig;
	got_sig = sig;
}

/* Socket calls: accept and recv restart under SA_RESTART and fail with
 * EINTR without it; poll on a socket always fails. */
static void test_sockets(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_ANY) };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGUSR1 };
	struct itimerspec later = { { 0, 0 }, { 0, 150000000 } };
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct pollfd pfd = { l, POLLIN, 0 };
	timer_t t;
	char c;

	CHECK(l >= 0 && u >= 0);
	a.sin_port = htons(7001);
	CHECK(bind(l, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(listen(l, 4) == 0);
	a.sin_port = htons(7002);
	CHECK(bind(u, (struct sockaddr *)&a, sizeof(a)) == 0);
	handle(SIGALRM, on_alarm, 0);
	pipe_fds[1] = -1;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(accept(l, NULL, NULL) == -1 && errno == EINTR);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(recv(u, &c, 1, 0) == -1 && errno == EINTR);
	/* SA_RESTART: SIGALRM's handler runs and accept goes on, until
	 * SIGUSR1 (no SA_RESTART) ends it */
	handle(SIGALRM, on_alarm, SA_RESTART);
	handle(SIGUSR1, on_usr1_intr, 0);
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0);
	got = 0, got_sig = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(timer_settime(t, 0, &later, NULL) == 0);
	CHECK(accept(l, NULL, NULL) == -1 && errno == EINTR);
	CHECK(got == 1 && got_sig == SIGUSR1);
	got = 0, got_sig = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(timer_settime(t, 0, &later, NULL) == 0);
	CHECK(recvfrom(u, &c, 1, 0, NULL, NULL) == -1 && errno == EINTR);
	CHECK(got == 1 && got_sig == SIGUSR1);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(poll(&pfd, 1, 5000) == -1 && errno == EINTR);
	CHECK(timer_delete(t) == 0);
	close(l);
	close(u);
}

static volatile int thread_calls;
static volatile pthread_t notify_thread;

static void notified(union sigval v)
{
	thread_calls += v.sival_int;
	notify_thread = pthread_self();
}

/* timer_create: SIGEV_SIGNAL with its value, SIGEV_THREAD, sigwait. */
static void test_timers(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGRTMIN,
			       .sigev_value.sival_int = 4242 };
	struct itimerspec its = { { 0, 0 }, { 0, 20000000 } }, cur;
	timer_t t, t2;
	uint64_t t0;
	siginfo_t info;
	sigset_t rt = set_of(SIGRTMIN), usr2 = set_of(SIGUSR2);
	struct timespec zero = { 0, 0 }, short_wait = { 0, 50000000 };
	int sig;

	handle_info(SIGRTMIN, 0);
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0);
	got = 0;
	CHECK(timer_settime(t, 0, &its, NULL) == 0);
	CHECK(timer_gettime(t, &cur) == 0 &&
	      (cur.it_value.tv_sec || cur.it_value.tv_nsec));
	t0 = now_ms();
	while (!got && now_ms() - t0 < 5000)
		;
	CHECK(got == 1 && got_code == SI_TIMER && got_value == 4242);
	CHECK(timer_gettime(t, &cur) == 0 && !cur.it_value.tv_sec &&
	      !cur.it_value.tv_nsec);
	/* periodic, then off */
	its.it_interval.tv_nsec = 5000000;
	got = 0;
	CHECK(timer_settime(t, 0, &its, NULL) == 0);
	t0 = now_ms();
	while (got < 4 && now_ms() - t0 < 5000)
		;
	CHECK(got >= 4);
	CHECK(timer_getoverrun(t) >= 0);
	CHECK(timer_delete(t) == 0);
	CHECK(timer_delete(t) == -1 && errno == EINVAL);
	CHECK(timer_settime(t, 0, &its, NULL) == -1 && errno == EINVAL);
	CHECK(timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &t2) == -1 &&
	      errno == ENOTSUP);
	CHECK(timer_create(99, &ev, &t2) == -1 && errno == EINVAL);
	ev.sigev_signo = 0;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t2) == -1 && errno == EINVAL);

	/* an absolute time on the realtime clock, taken by sigwaitinfo */
	ev.sigev_signo = SIGRTMIN;
	CHECK(sigprocmask(SIG_BLOCK, &rt, NULL) == 0);
	CHECK(timer_create(CLOCK_REALTIME, &ev, &t) == 0);
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_nsec += 30000000;
	if (its.it_value.tv_nsec >= 1000000000)
		its.it_value.tv_sec++, its.it_value.tv_nsec -= 1000000000;
	CHECK(timer_settime(t, TIMER_ABSTIME, &its, NULL) == 0);
	got = 0;
	CHECK(sigwaitinfo(&rt, &info) == SIGRTMIN);
	CHECK(info.si_code == SI_TIMER && info.si_value.sival_int == 4242);
	CHECK(got == 0); /* taken, not handled */
	CHECK(timer_delete(t) == 0);
	CHECK(sigtimedwait(&rt, &info, &zero) == -1 && errno == EAGAIN);
	t0 = now_ms();
	CHECK(sigtimedwait(&rt, &info, &short_wait) == -1 && errno == EAGAIN);
	CHECK(now_ms() - t0 >= 40);
	short_wait.tv_nsec = 1000000000;
	CHECK(sigtimedwait(&rt, &info, &short_wait) == -1 && errno == EINVAL);
	CHECK(sigprocmask(SIG_UNBLOCK, &rt, NULL) == 0);
	/* real-time signals queue, in order, each with its value */
	CHECK(sigprocmask(SIG_BLOCK, &rt, NULL) == 0);
	for (int i = 0; i < 5; i++)
		CHECK(sigqueue(getpid(), SIGRTMIN,
			       (union sigval){ .sival_int = 100 + i }) == 0);
	for (int i = 0; i < 5; i++)
		CHECK(sigwaitinfo(&rt, &info) == SIGRTMIN &&
		      info.si_code == SI_QUEUE &&
		      info.si_value.sival_int == 100 + i);
	CHECK(sigtimedwait(&rt, &info, &zero) == -1 && errno == EAGAIN);
	int sent = 0;
	while (sigqueue(getpid(), SIGRTMIN, (union sigval){ 0 }) == 0)
		sent++;
	CHECK(errno == EAGAIN && sent == sysconf(_SC_SIGQUEUE_MAX) + 1);
	while (sigtimedwait(&rt, &info, &zero) == SIGRTMIN)
		sent--;
	CHECK(sent == 0);
	CHECK(sigprocmask(SIG_UNBLOCK, &rt, NULL) == 0);
	CHECK(sysconf(_SC_REALTIME_SIGNALS) > 0 &&
	      sysconf(_SC_RTSIG_MAX) == SIGRTMAX - SIGRTMIN + 1);
	/* sigwait on one another thread sends */
	CHECK(sigprocmask(SIG_BLOCK, &usr2, NULL) == 0);
	kill(getpid(), SIGUSR2);
	CHECK(sigwait(&usr2, &sig) == 0 && sig == SIGUSR2);
	CHECK(sigprocmask(SIG_UNBLOCK, &usr2, NULL) == 0);

	/* SIGEV_THREAD: in a thread of its own, with the value */
	ev = (struct sigevent){ .sigev_notify = SIGEV_THREAD,
				.sigev_notify_function = notified,
				.sigev_value.sival_int = 1 };
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0);
	its = (struct itimerspec){ { 0, 10000000 }, { 0, 10000000 } };
	CHECK(timer_settime(t, 0, &its, NULL) == 0);
	t0 = now_ms();
	while (thread_calls < 3 && now_ms() - t0 < 5000)
		usleep(1000);
	CHECK(thread_calls >= 3);
	CHECK(!pthread_equal(notify_thread, pthread_self()));
	CHECK(timer_delete(t) == 0);
	ev.sigev_notify_function = NULL;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 && errno == EINVAL);
	/* no sigevent: SIGALRM */
	handle_info(SIGALRM, 0);
	CHECK(timer_create(CLOCK_MONOTONIC, NULL, &t) == 0);
	its = (struct itimerspec){ { 0, 0 }, { 0, 10000000 } };
	got = 0;
	CHECK(timer_settime(t, 0, &its, NULL) == 0);
	CHECK(pause() == -1 && got == 1 && got_sig == SIGALRM &&
	      got_code == SI_TIMER);
	CHECK(timer_delete(t) == 0);
}

static sigjmp_buf jump;
static char altstack[64 << 10] __attribute__((aligned(16)));
static volatile uintptr_t handler_sp;

static void on_fault(int sig, siginfo_t *info, void *ctx)
{
	int here;
	(void)ctx;
	got++;
	got_sig = sig;
	got_code = info->si_code;
	got_addr = info->si_addr;
	handler_sp = (uintptr_t)&here;
	siglongjmp(jump, 1);
}

static bool on_alt(uintptr_t sp)
{
	return sp > (uintptr_t)altstack &&
	       sp <= (uintptr_t)altstack + sizeof(altstack);
}

static volatile int depth_limit = 1 << 30;

NOINLINE static int recurse(int n)
{
	volatile char pad[512];
	pad[0] = (char)n;
	if (n < depth_limit)
		return recurse(n + 1) + pad[0];
	return pad[0];
}

static volatile int zero, quotient;

/* Faults run a handler installed for them (on the alternate stack under
 * SA_ONSTACK), which may jump out. */
static void test_faults(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault,
				.sa_flags = SA_SIGINFO };
	stack_t ss = { altstack, 0, sizeof(altstack) }, old;
	volatile int *bad = (volatile int *)0x1000;

	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	CHECK(sigaction(SIGFPE, &sa, NULL) == 0);
	CHECK(sigaction(SIGILL, &sa, NULL) == 0);
	got = 0;
	if (!sigsetjmp(jump, 1))
		(void)*bad; /* on this thread's stack */
	CHECK(got == 1 && got_sig == SIGSEGV && got_code == SEGV_MAPERR &&
	      got_addr == (void *)bad && !on_alt(handler_sp));
	if (!sigsetjmp(jump, 1))
		quotient = 10 / zero;
	CHECK(got == 2 && got_sig == SIGFPE && got_code == FPE_INTDIV);
	if (!sigsetjmp(jump, 1))
		__asm__ volatile("ud2");
	CHECK(got == 3 && got_sig == SIGILL);
	/* siglongjmp gave the mask back: SIGSEGV is not blocked */
	sigset_t cur;
	CHECK(sigprocmask(SIG_SETMASK, NULL, &cur) == 0 &&
	      !sigismember(&cur, SIGSEGV));

	/* a stack overflow: only the alternate stack can take it */
	CHECK(sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE));
	ss.ss_size = 100;
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 99;
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == EINVAL);
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, NULL) == 0);
	sa.sa_flags |= SA_ONSTACK;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	if (!sigsetjmp(jump, 1))
		recurse(0);
	CHECK(got == 4 && got_sig == SIGSEGV && on_alt(handler_sp));
	if (!sigsetjmp(jump, 1))
		(void)*bad;
	CHECK(got == 5 && on_alt(handler_sp));
	CHECK(sigaltstack(NULL, &old) == 0 && old.ss_sp == altstack &&
	      old.ss_flags == 0);
}

/* A fault whose handler ends the program itself. */
static void exit_42(int sig)
{
	(void)sig;
	_exit(42);
}

static void *thread_faults(void *arg)
{
	(void)arg;
	return (void *)(intptr_t) * (volatile int *)0x1000;
}

/* SIGABRT's handler runs, and abort() still ends the program. */
static void on_abort(int sig)
{
	(void)sig;
	printf("abort handler ran\n");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";

	if (!strcmp(what, "term"))
		raise(SIGTERM);
	if (!strcmp(what, "usr1-kill"))
		kill(getpid(), SIGUSR1);
	if (!strcmp(what, "sigkill"))
		kill(getpid(), SIGKILL);
	if (!strcmp(what, "alarm-default")) {
		alarm(1);
		for (;;)
			;
	}
	if (!strcmp(what, "raise-segv"))
		raise(SIGSEGV);
	if (!strcmp(what, "fault-exit")) {
		pthread_t t;
		signal(SIGSEGV, exit_42);
		pthread_create(&t, NULL, thread_faults, NULL);
		pthread_join(t, NULL);
		return 1;
	}
	if (!strcmp(what, "fault-blocked")) {
		sigset_t s = set_of(SIGSEGV);
		signal(SIGSEGV, exit_42);
		sigprocmask(SIG_BLOCK, &s, NULL);
		return *(volatile int *)0x1000;
	}
	if (!strcmp(what, "abort-handler")) {
		signal(SIGABRT, on_abort);
		abort();
	}
	if (!strcmp(what, "all")) {
		static const struct {
			const char *name;
			void (*fn)(void);
		} parts[] = {
			{ "actions", test_actions },
			{ "masks", test_masks },
			{ "threads", test_threads },
			{ "alarm", test_alarm },
			{ "eintr", test_eintr },
			{ "timers", test_timers },
			{ "faults", test_faults },
			{ "sockets", test_sockets },
		};
		setvbuf(stdout, NULL, _IONBF, 0); /* a hang still shows where */
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			printf("signal: %s\n", parts[i].name);
			parts[i].fn();
		}
		return check_verdict("signal");
	}
	printf("FAIL signal: '%s' did not end the program\n", what);
	return 1;
}
