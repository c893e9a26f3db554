/* SPDX-License-Identifier: MIT */
/*
 * run: checks of the runners themselves, tests/run and tools/ukos-run.
 *   sleep N   sleep N seconds, then pass: the guest outlives its host side
 *             (which is done at once) and must still be let end by itself
 *             within its own time limit
 *   big       touch a 3 MiB array in .bss: an image that ends above 4 MiB,
 *             which ukos-run must refuse to boot in less RAM
 *   count N   pass if there are N arguments after this one, 1 2 ... N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char big[3 << 20];

static int count(int n, char **args)
{
	for (int i = 0; i < n; i++)
		if (atoi(args[i]) != i + 1) {
			printf("FAIL run: argument %d is '%s'\n", i + 1,
			       args[i]);
			return 1;
		}
	printf("PASS run: %d arguments\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	int n = argc > 2 ? atoi(argv[2]) : 0;

	if (!strcmp(what, "sleep")) {
		sleep((unsigned)n);
		printf("PASS run: slept %d s\n", n);
		return 0;
	}
	if (!strcmp(what, "big")) {
		memset(big, 1, sizeof(big));
		printf("PASS run: big %d\n", big[sizeof(big) - 1]);
		return 0;
	}
	if (!strcmp(what, "count") && argc == n + 3)
		return count(n, argv + 3);
	printf("FAIL run: bad arguments (%d)\n", argc);
	return 1;
}
