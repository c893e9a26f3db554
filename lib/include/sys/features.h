/* SPDX-License-Identifier: MIT */
/*
 * sys/features.h: newlib's, plus the POSIX options ukos implements
 * (newlib only announces them for RTEMS and Cygwin), so that <time.h>,
 * <pthread.h> and friends declare them.
 */
#ifndef UKOS_SYS_FEATURES_H
#define UKOS_SYS_FEATURES_H

#include_next <sys/features.h>

#define _POSIX_TIMERS          200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_CLOCK_SELECTION 200809L
#define _POSIX_CPUTIME         200809L
#define _POSIX_THREAD_CPUTIME  200809L
#undef _POSIX_REALTIME_SIGNALS /* newlib's says it for RTEMS and Cygwin */
#define _POSIX_REALTIME_SIGNALS 200809L /* lib/signal/ */

/* Threads (lib/pthread_*.c, lib/semaphore.c). */
#ifndef _POSIX_THREADS
#define _POSIX_THREADS 200809L
#endif
#define _POSIX_TIMEOUTS                 200809L
#define _POSIX_READER_WRITER_LOCKS      200809L
#define _POSIX_SEMAPHORES               200809L
#define _POSIX_THREAD_ATTR_STACKSIZE    200809L
#define _POSIX_THREAD_ATTR_STACKADDR    200809L
#define _UNIX98_THREAD_MUTEX_ATTRIBUTES 1

/* fd_set for as many descriptors as Linux's (newlib's default is 64):
 * network servers hold many sockets. */
#ifndef FD_SETSIZE
#define FD_SETSIZE 1024
#endif

#endif
