/* SPDX-License-Identifier: MIT */
/*
 * environ.c: the application's first environment. As Linux gives init the
 * command line's NAME=value words that are not kernel options, ukos gives
 * them to the application (kernel/cmdline.c sets them apart), over the
 * defaults a program finds in a container's or an initramfs's init:
 * PATH, HOME and TERM. newlib's getenv and setenv.c's setenv, unsetenv
 * and putenv work on environ from then on, under newlib's environment
 * lock (a kernel mutex, lib/locks.c), so threads may call them at once.
 */
#include <stddef.h>
#include <string.h>
#include <ukos/cmdline.h>

#include "environ.h"

extern char **environ;

/* Writable, as the strings a program finds in environ are on Linux (the
 * stack): programs edit them in place (Redis's setproctitle does). */
static char defaults[][20] = { "PATH=/bin:/usr/bin", "HOME=/", "TERM=linux" };

/* The length of the NAME of entry e ("NAME=value"). */
static size_t name_len(const char *e)
{
	const char *eq = strchr(e, '=');

	return eq ? (size_t)(eq - e) : strlen(e);
}

/* Put e in out[0, *n), replacing an entry of the same name. */
static void put(char **out, int *n, int max, const char *e)
{
	size_t len = name_len(e);

	for (int i = 0; i < *n; i++)
		if (name_len(out[i]) == len && !strncmp(out[i], e, len)) {
			out[i] = (char *)e;
			return;
		}
	if (*n < max - 1)
		out[(*n)++] = (char *)e;
}

int env_build(char *const *boot, char **out, int max)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		put(out, &n, max, defaults[i]);
	for (; boot && *boot; boot++)
		put(out, &n, max, *boot);
	out[n] = NULL;
	return n;
}

/* Room for the defaults and every boot word; setenv.c copies the array
 * to the heap when it grows. */
static char *first_env[CMDLINE_MAX_ENV + 4];

void env_init(char **boot)
{
	env_build(boot, first_env,
		  (int)(sizeof(first_env) / sizeof(first_env[0])));
	environ = first_env;
}
