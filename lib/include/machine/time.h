/* SPDX-License-Identifier: MIT */
/*
 * machine/time.h: CLOCKS_PER_SEC as XSI requires it (a million; newlib's
 * is 1000 on x86_64), for clock() (lib/sys_time.c), then newlib's.
 */
#ifndef UKOS_MACHINE_TIME_H
#define UKOS_MACHINE_TIME_H

#define _CLOCKS_PER_SEC_ 1000000
#include_next <machine/time.h>

#endif
