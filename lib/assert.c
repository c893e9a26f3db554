/* SPDX-License-Identifier: MIT */
/*
 * assert.c: a failed assert() ends in the crash report, with its text,
 * instead of newlib's print-then-abort.
 */
#include <ukos/crash.h>

void __assert_func(const char *file, int line, const char *func,
		   const char *expr);

void __assert_func(const char *file, int line, const char *func,
		   const char *expr)
{
	ukos_panic("assertion failed: %s (%s:%d, %s)", expr, file, line,
		   func ? func : "?");
}
