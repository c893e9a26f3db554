/* SPDX-License-Identifier: MIT */
/*
 * sched.h: newlib's, with cpu_set_t (GNU) in first so that it declares
 * sched_getaffinity and sched_setaffinity.
 */
#ifndef UKOS_SCHED_H
#define UKOS_SCHED_H

#include <sys/features.h>
#if __GNU_VISIBLE
#include <sys/cpuset.h>
#endif

#include_next <sched.h>

#endif
