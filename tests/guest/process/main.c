/* SPDX-License-Identifier: MIT */
/*
 * tests/guest/process: the process that programs written for Linux
 * expect to be in — getrlimit/setrlimit (RLIMIT_NOFILE enforced by the
 * fd table, the rest fixed: EPERM), uname, prctl's thread name, CPU
 * affinity, session calls, syslog on the messages console, dlfcn in a
 * static image, glob, flock between open files, the long double rounding
 * functions, and argv and environ strings that may be written.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

extern char **environ;

static void limits(void)
{
	struct rlimit r, low = { 16, 64 }, high = { 64, 2048 };
	int fds[20], n = 0;

	CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 1024 &&
	      r.rlim_max == 1024);
	CHECK(sysconf(_SC_OPEN_MAX) == 1024);
	CHECK(getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur == 1);
	CHECK(getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0);
	CHECK(getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur == RLIM_INFINITY);
	CHECK(getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur >= (512u << 10));
	printf("process: main stack %lu\n", r.rlim_cur);
	CHECK(getrlimit(99, &r) == -1 && errno == EINVAL);
	CHECK(setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 8, 4 }) == -1 &&
	      errno == EINVAL);
	CHECK(setrlimit(RLIMIT_NOFILE, &high) == -1 && errno == EPERM);
	/* Not enforced, so not movable; the same values are accepted. */
	CHECK(setrlimit(RLIMIT_CORE, &(struct rlimit){ 1, 1 }) == -1 &&
	      errno == EPERM);
	CHECK(setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 }) == 0);
	/* A lower RLIMIT_NOFILE: no fd at 16 or above, EMFILE. */
	CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 16 &&
	      r.rlim_max == 64);
	CHECK(sysconf(_SC_OPEN_MAX) == 16);
	while (n < 20 && (fds[n] = open("/", O_RDONLY)) >= 0)
		n++;
	CHECK(n < 20 && errno == EMFILE && fds[n - 1] == 15);
	CHECK(dup2(0, 16) == -1 && errno == EBADF);
	CHECK(fcntl(0, F_DUPFD, 16) == -1 && errno == EINVAL);
	while (n > 0)
		close(fds[--n]);
	/* The hard limit once lowered stays: raising it is EPERM. */
	CHECK(setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 64, 128 }) == -1 &&
	      errno == EPERM);
	CHECK(setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 64, 64 }) == 0);
}

static void identity(char **argv)
{
	struct utsname u;
	char name[16];
	cpu_set_t set;

	CHECK(uname(&u) == 0 && !strcmp(u.sysname, "ukos") &&
	      !strcmp(u.machine, "x86_64") && u.release[0]);
	CHECK(!strcmp(program_invocation_name, argv[0]) &&
	      !strcmp(program_invocation_short_name, "process"));
	CHECK(prctl(PR_SET_NAME, "renamed-main") == 0);
	CHECK(prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "renamed-main"));
	CHECK(pthread_getname_np(pthread_self(), name, sizeof(name)) == 0 &&
	      !strcmp(name, "renamed-main"));
	CHECK(prctl(12345, 0) == -1 && errno == EINVAL);
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0 &&
	      CPU_COUNT(&set) == 1 && CPU_ISSET(0, &set));
	CHECK(sched_getcpu() == 0);
	CPU_ZERO(&set);
	CPU_SET(1, &set);
	CHECK(sched_setaffinity(0, sizeof(set), &set) == -1 && errno == EINVAL);
	CPU_SET(0, &set);
	CHECK(sched_setaffinity(0, sizeof(set), &set) == 0);
	CHECK(sched_getaffinity(42, sizeof(set), &set) == -1 && errno == ESRCH);
	CHECK(getsid(0) == getpid() && getpgrp() == getpid());
	CHECK(setsid() == -1 && errno == EPERM);
	CHECK(setpgid(0, 0) == -1 && errno == EPERM);
	CHECK(getsid(42) == -1 && errno == ESRCH);
}

static void dynamic(void)
{
	Dl_info info;

	CHECK(dlopen("libfoo.so", RTLD_NOW) == NULL);
	CHECK(strstr(dlerror(), "statically") != NULL);
	CHECK(dlerror() == NULL); /* taken */
	CHECK(dlsym(RTLD_DEFAULT, "main") == NULL && dlerror() != NULL);
	CHECK(dlclose((void *)1) != 0);
	CHECK(dladdr((void *)((char *)dynamic + 3), &info) == 1 &&
	      !strcmp(info.dli_sname, "dynamic") &&
	      info.dli_saddr == (void *)dynamic);
	CHECK(dladdr((void *)8, &info) == 0);
}

static void globbing(void)
{
	const char *files[] = { "/tmp/g/b.conf", "/tmp/g/a.conf",
				"/tmp/g/c.txt", "/tmp/g/.h.conf",
				"/tmp/g/sub/d.conf" };
	glob_t g;

	CHECK(mkdir("/tmp/g", 0755) == 0 && mkdir("/tmp/g/sub", 0755) == 0);
	for (unsigned i = 0; i < sizeof(files) / sizeof(*files); i++)
		close(open(files[i], O_CREAT | O_WRONLY, 0644));
	CHECK(glob("/tmp/g/*.conf", 0, NULL, &g) == 0 && g.gl_pathc == 2 &&
	      !strcmp(g.gl_pathv[0], "/tmp/g/a.conf") &&
	      !strcmp(g.gl_pathv[1], "/tmp/g/b.conf") && !g.gl_pathv[2]);
	globfree(&g);
	CHECK(glob("/tmp/g/*/*.conf", 0, NULL, &g) == 0 && g.gl_pathc == 1 &&
	      !strcmp(g.gl_pathv[0], "/tmp/g/sub/d.conf"));
	globfree(&g);
	CHECK(glob("/tmp/g/s*", GLOB_MARK, NULL, &g) == 0 && g.gl_pathc == 1 &&
	      !strcmp(g.gl_pathv[0], "/tmp/g/sub/"));
	globfree(&g);
	CHECK(glob("/tmp/g/*.none", 0, NULL, &g) == GLOB_NOMATCH);
	CHECK(glob("/tmp/g/*.none", GLOB_NOCHECK, NULL, &g) == 0 &&
	      g.gl_pathc == 1 && !strcmp(g.gl_pathv[0], "/tmp/g/*.none"));
	globfree(&g);
	CHECK(glob("/no/such/*", GLOB_ERR, NULL, &g) == GLOB_ABORTED);
	char path[] = "/tmp/g/sub/d.conf";
	CHECK(!strcmp(basename(path), "d.conf"));
	CHECK(!strcmp(dirname(path), "/tmp/g/sub"));
}

static void locks(void)
{
	int a = open("/tmp/lockfile", O_CREAT | O_RDWR, 0600);
	int b = open("/tmp/lockfile", O_RDWR), c = dup(a);

	CHECK(a >= 0 && b >= 0 && c >= 0);
	CHECK(flock(a, LOCK_EX | LOCK_NB) == 0);
	CHECK(flock(c, LOCK_EX | LOCK_NB) == 0); /* the same description */
	CHECK(flock(b, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	CHECK(flock(a, LOCK_SH) == 0); /* converted */
	CHECK(flock(b, LOCK_SH | LOCK_NB) == 0);
	CHECK(flock(b, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	close(a), close(c); /* the last close of a's description frees it */
	CHECK(flock(b, LOCK_EX | LOCK_NB) == 0);
	CHECK(flock(b, LOCK_UN) == 0);
	CHECK(flock(b, 0) == -1 && errno == EINVAL);
	CHECK(flock(999, LOCK_EX) == -1 && errno == EBADF);
	close(b);
}

static void rounding(void)
{
	/* volatile: the calls, not GCC's folding of them, are tested. */
	volatile long double half = 2.5L, neg = -2.5L,
			     tiny = 0.49999999999999999995L, huge = 1e30L;

	CHECK(ceill(1.25L) == 2.0L && ceill(-1.25L) == -1.0L);
	CHECK(floorl(1.75L) == 1.0L && floorl(-1.25L) == -2.0L);
	CHECK(truncl(-1.75L) == -1.0L);
	CHECK(roundl(half) == 3.0L && roundl(neg) == -3.0L &&
	      roundl(tiny) == 0);
	CHECK(llroundl(half) == 3 && lroundl(neg) == -3);
	CHECK(llroundl(huge) == LLONG_MIN);               /* out of range */
	CHECK(rintl(half) == 2.0L && llrintl(3.5L) == 4); /* to even */
	CHECK(fabsl(-3.0L) == 3.0L && copysignl(2.0L, -1.0L) == -2.0L);
	CHECK(ceill(0x1p70L + 0.0L) == 0x1p70L);
}

static void writable(char **argv)
{
	argv[0][0] = argv[0][0]; /* a write into argv[0]'s string */
	argv[0][0] = 'P';
	CHECK(argv[0][0] == 'P');
	for (char **e = environ; *e; e++)
		(*e)[0] = (*e)[0];
	CHECK(getenv("PATH") != NULL);
}

static void logging(void)
{
	openlog("app", LOG_PID, LOG_DAEMON);
	errno = ENOENT;
	syslog(LOG_ERR, "logged to the system log");
	CHECK(errno == ENOENT);
	CHECK(setlogmask(LOG_UPTO(LOG_WARNING)) == 0xff);
	syslog(LOG_INFO, "masked away: must not appear");
	syslog(LOG_WARNING, "%m and %%m");
	closelog();
	tzset();
	CHECK(timezone == 0 && daylight == 0);
}

int main(int argc, char **argv)
{
	CHECK(argc == 2 && !strcmp(argv[1], "arg1"));
	limits();
	identity(argv);
	dynamic();
	globbing();
	locks();
	rounding();
	logging();
	writable(argv);
	return check_verdict("process");
}
