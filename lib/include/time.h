/* SPDX-License-Identifier: MIT */
/*
 * time.h: newlib's, with the XSI names of what tzset() sets — timezone
 * and daylight, which newlib keeps as _timezone and _daylight (the same
 * objects under their POSIX names).
 */
#ifndef UKOS_TIME_H
#define UKOS_TIME_H

#include_next <time.h>

#if __XSI_VISIBLE || __SVID_VISIBLE
extern long timezone __asm__("_timezone");
extern int daylight __asm__("_daylight");
#endif

#endif
