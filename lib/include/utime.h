/* SPDX-License-Identifier: MIT */
/*
 * utime.h: utime (POSIX), which newlib's placeholder header leaves
 * undeclared; struct utimbuf is newlib's.
 */
#ifndef _UKOS_UTIME_H
#define _UKOS_UTIME_H

#include <sys/types.h>
#include <sys/utime.h>

int utime(const char *path, const struct utimbuf *times);

#endif
