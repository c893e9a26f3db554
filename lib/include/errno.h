/* SPDX-License-Identifier: MIT */
/*
 * errno.h: newlib's, with all of Linux's error names (newlib has them as
 * its "Linux extensions": ESOCKTNOSUPPORT and others), and GNU's names for the program's name (argv[0]
 * and its last component), which lib/env/progname.c sets before main.
 */
#ifndef UKOS_ERRNO_H
#define UKOS_ERRNO_H

#ifndef __LINUX_ERRNO_EXTENSIONS__
#define __LINUX_ERRNO_EXTENSIONS__ 1
#endif
#include_next <errno.h>

#if __GNU_VISIBLE
extern char *program_invocation_name;
extern char *program_invocation_short_name;
#endif

#endif
