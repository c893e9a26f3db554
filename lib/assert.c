/* SPDX-License-Identifier: MIT */
/*
 * assert.c: a failed assert() says so on stderr as glibc words it, then
 * abort()s: SIGABRT, so a program's own handler for it runs, and by
 * default the crash report and status 134.
 */
#include <stdio.h>
#include <stdlib.h>

void __assert_func(const char *file, int line, const char *func,
		   const char *expr);

void __assert_func(const char *file, int line, const char *func,
		   const char *expr)
{
	fprintf(stderr, "%s:%d: %s%sAssertion `%s' failed.\n", file, line,
		func ? func : "", func ? ": " : "", expr);
	abort();
}
