/* SPDX-License-Identifier: MIT */
/*
 * limits.h: newlib's (and through it GCC's), with POSIX's SSIZE_MAX,
 * which neither defines.
 */
#ifndef UKOS_LIMITS_H
#define UKOS_LIMITS_H

#include_next <limits.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__ /* ssize_t is long on x86-64 */
#endif

#endif
