/* SPDX-License-Identifier: MIT */
/*
 * sys/stat.h: newlib's, plus the utimensat/futimens time markers it
 * defines only for Cygwin (values as on Linux).
 */
#ifndef _UKOS_SYS_STAT_H
#define _UKOS_SYS_STAT_H

#include_next <sys/stat.h>

/* POSIX; newlib declares it for Cygwin and RTEMS only (lib/fs has it). */
int lstat(const char *__restrict path, struct stat *__restrict st);

#ifndef UTIME_NOW
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#endif

#endif
