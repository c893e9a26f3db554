/* SPDX-License-Identifier: MIT */
/*
 * environ.h: the application's first environment (environ.c), for app
 * start and the unit test.
 */
#ifndef LIB_ENV_ENVIRON_H
#define LIB_ENV_ENVIRON_H

/* The defaults (PATH=/bin:/usr/bin, HOME=/, TERM=linux), each replaced by
 * a boot word of the same name, then the other boot words, a later word
 * replacing an earlier one of its name: into out[max], NULL-terminated.
 * boot: NAME=value strings, NULL-terminated, that outlive the result.
 * Returns how many entries out holds (those beyond max - 1 are left out). */
int env_build(char *const *boot, char **out, int max);

/* environ from the boot words, as env_build makes it. App start, once. */
void env_init(char **boot);

/* program_invocation_name and _short_name from argv[0] (progname.c). */
void env_progname(char *argv0);

#endif
