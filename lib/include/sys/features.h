/* SPDX-License-Identifier: MIT */
/*
 * sys/features.h: newlib's, plus the POSIX options ukos implements
 * (newlib only announces them for RTEMS and Cygwin), so that <time.h>
 * and friends declare them.
 */
#ifndef UKOS_SYS_FEATURES_H
#define UKOS_SYS_FEATURES_H

#include_next <sys/features.h>

#define _POSIX_TIMERS          200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_CLOCK_SELECTION 200809L
#define _POSIX_CPUTIME         200809L
#define _POSIX_THREAD_CPUTIME  200809L

#endif
