/* SPDX-License-Identifier: MIT */
/*
 * math.h: newlib's, plus the long double rounding functions that it
 * declares only where long double is double (lib/math/round_ld.c has
 * them for x86-64's 80-bit long double).
 */
#ifndef UKOS_MATH_H
#define UKOS_MATH_H

#include_next <math.h>

#if !defined(_LDBL_EQ_DBL) && !defined(__CYGWIN__)
#ifdef __cplusplus
extern "C" {
#endif
long double ceill(long double x);
long double floorl(long double x);
long double truncl(long double x);
long double rintl(long double x);
long double roundl(long double x);
long double fabsl(long double x);
long double copysignl(long double x, long double y);
long lroundl(long double x);
long long llroundl(long double x);
long lrintl(long double x);
long long llrintl(long double x);
#ifdef __cplusplus
}
#endif
#endif

#endif
