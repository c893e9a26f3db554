/* SPDX-License-Identifier: MIT */
/*
 * check.h: the guest tests' CHECK(): count every check, print each one
 * that fails, and end with one verdict line (check_verdict()).
 */
#ifndef TESTS_GUEST_CHECK_H
#define TESTS_GUEST_CHECK_H

#include <stdio.h>

/* Weak: every file of a test shares one pair of counters. */
__attribute__((weak)) int checks, failures;

#define CHECK(cond)                                                            \
	do {                                                                   \
		checks++;                                                      \
		if (!(cond)) {                                                 \
			failures++;                                            \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                              \
	} while (0)

/* Print "N checks, M failed" and, if none failed, "PASS name". Returns
 * main()'s status: 0 or 1. */
static inline int check_verdict(const char *name)
{
	printf("%d checks, %d failed\n", checks, failures);
	if (failures)
		return 1;
	printf("PASS %s\n", name);
	return 0;
}

#endif
