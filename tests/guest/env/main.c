/* SPDX-License-Identifier: MIT */
/*
 * env: the application's environment. The boot words NAME=value (kernel
 * command line, ukos-run --env, ukos-mkimage --env) over the defaults
 * PATH, HOME and TERM; getenv, setenv, unsetenv and putenv as POSIX says,
 * from several threads at once; TZ for localtime.
 *   env [NAME=VALUE | -NAME]... [--tz HOURS]
 * Each NAME=VALUE must be set so, each -NAME unset; --tz HOURS: local
 * time at the epoch must be HOURS o'clock (TZ from the environment).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../check.h"

extern char **environ;

static void expect(const char *want)
{
	const char *eq = strchr(want, '=');

	if (want[0] == '-') {
		CHECK(getenv(want + 1) == NULL);
		return;
	}
	if (!eq) {
		printf("FAIL env: bad expectation '%s'\n", want);
		failures++;
		return;
	}
	char name[64];
	snprintf(name, sizeof(name), "%.*s", (int)(eq - want), want);
	const char *got = getenv(name);
	if (!got || strcmp(got, eq + 1)) {
		printf("FAIL env: %s is '%s', not '%s'\n", name,
		       got ? got : "(unset)", eq + 1);
		failures++;
	}
	checks++;
}

static void test_calls(void)
{
	static char put[] = "PUT_ME=first";
	int n = 0;

	for (char **e = environ; *e; e++)
		n++;
	CHECK(n >= 3);
	CHECK(setenv("NEW_ONE", "1", 0) == 0);
	CHECK(!strcmp(getenv("NEW_ONE"), "1"));
	CHECK(setenv("NEW_ONE", "2", 0) == 0); /* no overwrite */
	CHECK(!strcmp(getenv("NEW_ONE"), "1"));
	CHECK(setenv("NEW_ONE", "3", 1) == 0);
	CHECK(!strcmp(getenv("NEW_ONE"), "3"));
	CHECK(unsetenv("NEW_ONE") == 0 && getenv("NEW_ONE") == NULL);
	CHECK(unsetenv("NEVER_SET") == 0);
	CHECK(putenv(put) == 0 && !strcmp(getenv("PUT_ME"), "first"));
	put[7] = 'F'; /* putenv keeps the string itself */
	CHECK(!strcmp(getenv("PUT_ME"), "First"));
	errno = 0;
	CHECK(setenv("A=B", "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(setenv("", "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(unsetenv("A=B") == -1 && errno == EINVAL);
	/* Shorter values over a literal given to putenv and over a default:
	 * newlib's own setenv wrote them in place (a fault in .rodata). */
	CHECK(putenv("LITERAL=a long literal value") == 0);
	CHECK(setenv("LITERAL", "short", 1) == 0);
	CHECK(!strcmp(getenv("LITERAL"), "short"));
	const char *old_path = getenv("PATH");
	CHECK(setenv("PATH", "/x", 1) == 0 && !strcmp(getenv("PATH"), "/x"));
	CHECK(old_path && old_path[0] == '/'); /* still readable */
	CHECK(setenv("EMPTY", "", 1) == 0 && !strcmp(getenv("EMPTY"), ""));
	CHECK(putenv("EMPTY") == 0 && getenv("EMPTY") == NULL); /* glibc */
	errno = 0;
	CHECK(putenv("=x") == -1 && errno == EINVAL);
	errno = 0;
	CHECK(unsetenv("") == -1 && errno == EINVAL);
	/* Growing past what the boot gave: many new variables. */
	for (int i = 0; i < 200; i++) {
		char name[32], value[32];
		snprintf(name, sizeof(name), "MANY_%d", i);
		snprintf(value, sizeof(value), "%d", i * 7);
		CHECK(setenv(name, value, 1) == 0);
	}
	CHECK(!strcmp(getenv("MANY_199"), "1393"));
	CHECK(getenv("PATH") != NULL);
	CHECK(unsetenv("MANY_100") == 0 && getenv("MANY_100") == NULL);
	CHECK(!strcmp(getenv("MANY_101"), "707"));
}

/* Four threads set, read and remove variables of their own at once;
 * each must always read back what it set. */
static void *churn(void *arg)
{
	long id = (long)arg, bad = 0;
	char name[32], value[32];

	snprintf(name, sizeof(name), "THREAD_%ld", id);
	for (int i = 0; i < 2000; i++) {
		snprintf(value, sizeof(value), "%ld-%d", id, i);
		if (setenv(name, value, 1) != 0)
			bad++;
		const char *got = getenv(name);
		if (!got || strcmp(got, value))
			bad++;
		if (i % 3 == 0 && unsetenv(name) != 0)
			bad++;
	}
	return (void *)bad;
}

static void test_threads(void)
{
	pthread_t t[4];
	void *bad;

	for (long i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, churn, (void *)i) == 0);
	for (int i = 0; i < 4; i++) {
		CHECK(pthread_join(t[i], &bad) == 0);
		CHECK(bad == NULL);
	}
}

static void test_tz(int hours)
{
	time_t zero = 0;
	struct tm tm;

	tzset();
	CHECK(localtime_r(&zero, &tm) != NULL);
	printf("TZ=%s: local time at the epoch %02d:%02d\n",
	       getenv("TZ") ? getenv("TZ") : "(unset)", tm.tm_hour, tm.tm_min);
	CHECK(tm.tm_hour == hours);
}

int main(int argc, char **argv)
{
	for (char **e = environ; *e; e++)
		printf("env: %s\n", *e);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tz") && i + 1 < argc)
			test_tz(atoi(argv[++i]));
		else
			expect(argv[i]);
	}
	test_calls();
	test_threads();
	return check_verdict("env");
}
