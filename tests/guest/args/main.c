/* SPDX-License-Identifier: MIT */
/*
 * args: argv arrives as the command line gave it; argv[0] is the app's
 * name; environ is valid.
 */
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=<%s>\n", i, argv[i]);
	if (argv[argc] != NULL || !environ) {
		printf("FAIL args: argv not NULL-terminated or no environ\n");
		return 1;
	}
	printf("PASS args\n");
	return 0;
}
