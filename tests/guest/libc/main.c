/* SPDX-License-Identifier: MIT */
/*
 * libc: newlib works as C programs expect on ukos — formatting, number
 * parsing, sorting, strings, non-local jumps, math, constructors, the
 * heap (including running out of it) and time.
 */
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <ukos.h>
#include <unistd.h>

#include "../check.h"

static int fmt_is(const char *want, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fmt_is(const char *want, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(buf, want) != 0)
		printf("  got \"%s\", want \"%s\"\n", buf, want);
	return strcmp(buf, want) == 0;
}

static void test_printf(void)
{
	CHECK(fmt_is("3.141593 2.718282e+00 0.0001 1e+20", "%f %e %g %g", M_PI,
		     M_E, 0.0001, 1e20));
	CHECK(fmt_is("-9223372036854775808 18446744073709551615", "%lld %llu",
		     LLONG_MIN, ULLONG_MAX));
	CHECK(fmt_is("42 0x1234 ff|  -7|-7  |+5", "%zu %p %x|%4d|%-4d|%+d",
		     (size_t)42, (void *)0x1234, 255, -7, -7, 5));
	CHECK(fmt_is("1.50 inf nan 0x1p+0", "%.2f %f %f %a", 1.5, INFINITY, NAN,
		     1.0));
	CHECK(fmt_is("hello     |abc", "%-10s|%.3s", "hello", "abcdef"));
	/* volatile: the compiler must not see (and warn about) the truncation */
	const char *volatile digits = "0123456789";
	char small[8];
	int n = snprintf(small, sizeof(small), "%s", digits);
	CHECK(n == 10 && strcmp(small, "0123456") == 0);
	CHECK(snprintf(NULL, 0, "%d", 123456) == 6);
}

static void test_strto(void)
{
	char *end;
	errno = 0;
	CHECK(strtol("0x1f", &end, 0) == 31 && *end == '\0');
	CHECK(strtol("0755", NULL, 0) == 0755);
	CHECK(strtol("  -42abc", &end, 10) == -42 && strcmp(end, "abc") == 0);
	errno = 0;
	CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX &&
	      errno == ERANGE);
	errno = 0;
	CHECK(strtol("-99999999999999999999", NULL, 10) == LONG_MIN &&
	      errno == ERANGE);
	errno = 0;
	CHECK(strtoul("99999999999999999999", NULL, 10) == ULONG_MAX &&
	      errno == ERANGE);
	errno = 0;
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX && errno == 0);
	CHECK(strtol("zz", &end, 36) == 35 * 36 + 35);
	CHECK(strtol("", &end, 10) == 0 && *end == '\0');
	CHECK(strtod("1e-5", NULL) == 1e-5);
	CHECK(strtod("1.5xyz", &end) == 1.5 && strcmp(end, "xyz") == 0);
	CHECK(strtod("-0", NULL) == 0 && signbit(strtod("-0", NULL)));
	CHECK(isinf(strtod("inf", NULL)) && isnan(strtod("nan", NULL)));
	errno = 0;
	CHECK(strtod("1e999", NULL) == HUGE_VAL && errno == ERANGE);
	double sub = strtod("4.9406564584124654e-324", NULL);
	CHECK(sub > 0 && sub < DBL_MIN);
	CHECK(strtod("0x1.8p1", &end) == 3.0 && *end == '\0');
	CHECK(atoi("123") == 123 && atof("2.5") == 2.5);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void test_sort(void)
{
	int v[1000];
	unsigned seed = 12345;
	for (int i = 0; i < 1000; i++)
		v[i] = (int)((seed = seed * 1103515245 + 12345) >> 8) % 100000;
	qsort(v, 1000, sizeof(int), cmp_int);
	int sorted = 1;
	for (int i = 1; i < 1000; i++)
		sorted &= v[i - 1] <= v[i];
	CHECK(sorted);
	int key = v[500];
	int *hit = bsearch(&key, v, 1000, sizeof(int), cmp_int);
	CHECK(hit && *hit == key);
	key = -1;
	CHECK(bsearch(&key, v, 1000, sizeof(int), cmp_int) == NULL);
}

static void test_strings(void)
{
	char buf[32] = "abcdefgh";
	memmove(buf + 2, buf, 6);
	CHECK(memcmp(buf, "ababcdef", 8) == 0);
	memmove(buf, buf + 2, 6);
	CHECK(memcmp(buf, "abcdefef", 8) == 0);
	char pad[8];
	memset(pad, 'x', sizeof(pad));
	strncpy(pad, "ab", sizeof(pad));
	CHECK(pad[2] == '\0' && pad[7] == '\0');
	char tok[] = "a,b,,c";
	char *save;
	CHECK(strcmp(strtok_r(tok, ",", &save), "a") == 0);
	CHECK(strcmp(strtok_r(NULL, ",", &save), "b") == 0);
	CHECK(strcmp(strtok_r(NULL, ",", &save), "c") == 0);
	CHECK(strtok_r(NULL, ",", &save) == NULL);
	char tok2[] = " x  y ";
	CHECK(strcmp(strtok(tok2, " "), "x") == 0);
	CHECK(strcmp(strtok(NULL, " "), "y") == 0 && !strtok(NULL, " "));
	CHECK(strstr("haystack", "st") != NULL && !strstr("hay", "x"));
	CHECK(memcmp("\x80", "\x01", 1) > 0); /* unsigned comparison */
	CHECK(strlen("") == 0 && strcmp("a", "b") < 0);
	CHECK(strchr("abc", 'c') && strrchr("abca", 'a') - "abca" == 3);
}

static jmp_buf jb;
static void jump_back(int v)
{
	longjmp(jb, v);
}

static void test_setjmp(void)
{
	volatile int count = 0;
	int r = setjmp(jb);
	count++;
	if (r == 0)
		jump_back(7);
	CHECK(r == 7 && count == 2);
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-12 * (fabs(b) > 1 ? fabs(b) : 1);
}

static void test_math(void)
{
	CHECK(near(sin(M_PI / 6), 0.5));
	CHECK(near(cos(M_PI / 3), 0.5));
	CHECK(near(exp(1.0), M_E));
	CHECK(near(log(M_E * M_E), 2.0));
	CHECK(near(pow(2.0, 0.5), M_SQRT2) && pow(2, 10) == 1024);
	CHECK(sqrt(144.0) == 12.0 && fmod(10.5, 3.0) == 1.5);
	CHECK(floor(-1.5) == -2.0 && ceil(-1.5) == -1.0);
	CHECK(round(2.5) == 3.0 && trunc(-2.7) == -2.0);
	CHECK(near(atan2(1.0, 1.0), M_PI / 4) && near(tan(M_PI / 4), 1.0));
	CHECK(isnan(sqrt(-1.0)));
}

/* Constructors all run before main: the prioritized ones in priority
 * order, then the plain ones (a constructor attribute without priority
 * and a function pointer placed in .init_array by hand). */
static int ctor_order[4], ctor_count;

static void ctor_note(int id)
{
	if (ctor_count < 4)
		ctor_order[ctor_count] = id;
	ctor_count++;
}
__attribute__((constructor(200))) static void ctor_late(void)
{
	ctor_note(200);
}
__attribute__((constructor(101))) static void ctor_early(void)
{
	ctor_note(101);
}
__attribute__((constructor)) static void ctor_plain(void)
{
	ctor_note(1);
}
static void ctor_raw(void)
{
	ctor_note(2);
}
static void (*ctor_raw_ptr)(void)
	__attribute__((section(".init_array"), used)) = ctor_raw;

static void test_constructors(void)
{
	CHECK(ctor_count == 4);
	CHECK(ctor_order[0] == 101 && ctor_order[1] == 200);
	CHECK(ctor_order[2] + ctor_order[3] == 3); /* plain ones, any order */
}

static uint8_t pattern(size_t block, size_t i)
{
	return (uint8_t)(block * 31 + i * 7);
}

static void test_malloc_stress(void)
{
	enum { N = 400 };
	static uint8_t *blocks[N];
	static size_t sizes[N];
	unsigned seed = 99;
	int bad = 0;

	for (int round = 0; round < 8; round++) {
		for (size_t b = 0; b < N; b++) {
			seed = seed * 1103515245 + 12345;
			size_t size = (seed >> 8) % 4096 + 1;
			if (blocks[b]) { /* verify, then grow or free */
				for (size_t i = 0; i < sizes[b]; i++)
					bad |= blocks[b][i] != pattern(b, i);
				if (seed & 1) {
					free(blocks[b]);
					blocks[b] = NULL;
					continue;
				}
				uint8_t *p = realloc(blocks[b], size);
				if (!p) {
					bad = 1;
					continue;
				}
				size_t keep = size < sizes[b] ? size : sizes[b];
				for (size_t i = 0; i < keep; i++)
					bad |= p[i] != pattern(b, i);
				blocks[b] = p;
			} else {
				blocks[b] = malloc(size);
				if (!blocks[b]) {
					bad = 1;
					continue;
				}
			}
			sizes[b] = size;
			for (size_t i = 0; i < size; i++)
				blocks[b][i] = pattern(b, i);
		}
	}
	for (size_t b = 0; b < N; b++)
		free(blocks[b]);
	CHECK(!bad);
	volatile size_t half = SIZE_MAX / 2;
	CHECK(calloc(half, 4) == NULL); /* n * size overflows: refused */
}

/* Take the heap until malloc says no, give it all back, and take it
 * again: out of memory is a NULL, never a crash or a hang. */
static void test_malloc_exhaustion(void)
{
	static void *chunks[4096];
	size_t n = 0, total = 0;

	for (size_t size = 1 << 20; size >= 64 && n < 4096; size /= 2) {
		void *p;
		while (n < 4096 && (p = malloc(size)) != NULL) {
			memset(p, 0x5a, size);
			chunks[n++] = p;
			total += size;
		}
	}
	int got_null = malloc(1 << 20) == NULL;
	printf("heap: %zu MiB in %zu chunks before NULL\n", total >> 20, n);
	CHECK(got_null && total > (16u << 20));
	for (size_t i = 0; i < n; i++)
		free(chunks[i]);
	void *again = malloc(8u << 20);
	CHECK(again != NULL);
	free(again);
}

static int64_t tv_us(const struct timeval *tv)
{
	return (int64_t)tv->tv_sec * 1000000 + tv->tv_usec;
}

/* The wall clock comes from the RTC and advances with the monotonic one. */
static void test_time(void)
{
	struct timeval tv0, tv1;
	CHECK(gettimeofday(&tv0, NULL) == 0);
	CHECK(tv0.tv_sec > 1700000000); /* after 2023: the RTC was read */
	CHECK(tv0.tv_usec >= 0 && tv0.tv_usec < 1000000);
	time_t t = time(NULL);
	CHECK(t >= tv0.tv_sec && t - tv0.tv_sec < 5);
	clock_t c0 = clock();
	uint64_t start = ukos_uptime_ns(), prev = start, now;
	int backwards = 0;
	do { /* 20 ms of busy waiting */
		now = ukos_uptime_ns();
		backwards |= now < prev;
		prev = now;
	} while (now - start < 20000000);
	CHECK(!backwards);
	CHECK(gettimeofday(&tv1, NULL) == 0);
	int64_t waited = tv_us(&tv1) - tv_us(&tv0);
	CHECK(waited >= 15000 && waited < 2000000);
	CHECK(clock() - c0 >= 15 * CLOCKS_PER_SEC / 1000);
}

int getentropy(void *buf, size_t len);

/* The system calls under newlib: results and errno values as POSIX says. */
static void test_syscalls(void)
{
	struct stat st;
	char c;

	errno = 0;
	CHECK(open("/etc/passwd", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode)); /* an empty root */
	CHECK(write(99, "x", 1) == -1 && errno == EBADF);
	CHECK(read(-1, &c, 1) == -1 && errno == EBADF);
	CHECK(read(1, &c, 1) == -1 && errno == EBADF); /* stdout: write-only */
	CHECK(close(77) == -1 && errno == EBADF);
	CHECK(lseek(1, 0, SEEK_SET) == -1 && errno == ESPIPE);
	CHECK(isatty(1) == 1 && isatty(99) == 0 && errno == EBADF);
	CHECK(fstat(1, &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(fcntl(1, F_GETFL) == O_WRONLY);
	CHECK(fcntl(42, F_GETFL) == -1 && errno == EBADF);
	CHECK(getpid() == 1 && kill(getpid(), 0) == 0);
	CHECK(kill(12345, SIGTERM) == -1 && errno == ESRCH);
	CHECK(fork() == -1 && errno == ENOSYS);
	CHECK(fork() == -1 && errno == ENOSYS); /* warned once (cases) */
	char *args[] = { "sh", "-c", "true", NULL };
	CHECK(execvp("sh", args) == -1 && errno == ENOSYS);
	CHECK(execv("/bin/sh", args) == -1 && errno == ENOSYS);
	CHECK(execl("/bin/sh", "sh", NULL) == -1 && errno == ENOSYS);
	CHECK(execlp("sh", "sh", NULL) == -1 && errno == ENOSYS);
	CHECK(execle("/bin/sh", "sh", NULL, NULL) == -1 && errno == ENOSYS);
	CHECK(vfork() == -1 && errno == ENOSYS);
	pid_t child;
	errno = 0;
	CHECK(posix_spawn(&child, "/bin/sh", NULL, NULL, args, NULL) ==
		      ENOSYS &&
	      errno == 0);
	CHECK(posix_spawnp(&child, "sh", NULL, NULL, args, NULL) == ENOSYS);
	CHECK(system(NULL) == 0); /* no command processor */
	CHECK(system("true") == -1 && errno == ENOSYS);
	CHECK(waitpid(-1, NULL, 0) == -1 && errno == ECHILD);
	errno = 0;
	CHECK(popen("ls", "x") == NULL && errno == EINVAL);
	errno = 0;
	CHECK(popen("ls", "r") == NULL && errno == ENOSYS);
	errno = 0;
	CHECK(pclose(stdout) == -1 && errno == ECHILD);
	struct tms t;
	CHECK(times(&t) != (clock_t)-1);

	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &old) == 0 &&
	      sigismember(&old, SIGUSR1));
	CHECK(sigprocmask(99, &set, NULL) == -1 && errno == EINVAL);

	void *p = NULL;
	CHECK(posix_memalign(&p, 4096, 100) == 0 && ((uintptr_t)p & 4095) == 0);
	free(p);
	CHECK(posix_memalign(&p, 24, 100) == EINVAL);

	uint8_t e[64] = { 0 }, zero[64] = { 0 };
	CHECK(getentropy(e, sizeof(e)) == 0 && memcmp(e, zero, 64) != 0);
	CHECK(getentropy(e, 257) == -1 && errno == EIO);
}

/* writev/readv on the console: buffers in order, errors as POSIX says. */
static void test_uio(void)
{
	struct iovec iov[3] = { { "uio: ", 5 },
				{ "two ", 4 },
				{ "parts\n", 6 } };
	struct iovec huge[2] = { { "x", (size_t)1 << 62 },
				 { "x", (size_t)1 << 62 } };

	fflush(stdout);
	CHECK(writev(1, iov, 3) == 15);
	CHECK(writev(1, iov, 0) == 0);
	errno = 0;
	CHECK(writev(1, iov, -1) == -1 && errno == EINVAL);
	CHECK(writev(1, huge, 2) == -1 && errno == EINVAL); /* sum overflows */
	CHECK(readv(1, iov, IOV_MAX + 1) == -1 && errno == EINVAL);
	CHECK(writev(77, iov, 1) == -1 && errno == EBADF);
}

int main(void)
{
	test_printf();
	test_strto();
	test_sort();
	test_strings();
	test_setjmp();
	test_math();
	test_constructors();
	test_malloc_stress();
	test_malloc_exhaustion();
	test_time();
	test_syscalls();
	test_uio();
	return check_verdict("libc");
}
