/* SPDX-License-Identifier: MIT */
/*
 * progname.c: the program's name as glibc offers it (argv[0], and the
 * part after its last '/'), for error messages.
 */
#include <string.h>

#include "environ.h"

char *program_invocation_name = "";
char *program_invocation_short_name = "";

void env_progname(char *argv0)
{
	char *slash;

	if (!argv0)
		return;
	slash = strrchr(argv0, '/');
	program_invocation_name = argv0;
	program_invocation_short_name = slash ? slash + 1 : argv0;
}
