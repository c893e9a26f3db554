/* SPDX-License-Identifier: MIT */
/*
 * round_ld.c: C99's long double rounding functions, which newlib leaves
 * out where long double is wider than double (x86-64's 80-bit x87
 * format). Each is exact: the x87 rounds to an integer in any of its four
 * rounding modes (FRNDINT under the control word's RC field, Intel SDM
 * vol. 1 §8.1.5.3) and stores integers (FISTP).
 */
#include <limits.h>
#include <math.h>

/* x87 control word, RC (bits 10-11): 00 nearest, 01 down, 10 up, 11 to
 * zero (SDM vol. 1 §4.8.4, table 4-8). */
#define RC_MASK 0x0c00
#define RC_DOWN 0x0400
#define RC_UP   0x0800
#define RC_ZERO 0x0c00

static long double rint_in(long double x, unsigned short rc)
{
	unsigned short cw, tmp;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	tmp = (unsigned short)((cw & ~RC_MASK) | rc);
	__asm__ volatile("fldcw %0" ::"m"(tmp));
	__asm__ volatile("frndint" : "+t"(x));
	__asm__ volatile("fldcw %0" ::"m"(cw));
	return x;
}

long double ceill(long double x)
{
	return rint_in(x, RC_UP);
}

long double floorl(long double x)
{
	return rint_in(x, RC_DOWN);
}

long double truncl(long double x)
{
	return rint_in(x, RC_ZERO);
}

/* In the current rounding mode (fesetround). */
long double rintl(long double x)
{
	__asm__ volatile("frndint" : "+t"(x));
	return x;
}

long double fabsl(long double x)
{
	__asm__("fabs" : "+t"(x));
	return x;
}

long double copysignl(long double x, long double y)
{
	/* The sign is bit 79 of the 80-bit format: bit 15 of the top word. */
	union {
		long double f;
		unsigned short w[5];
	} a = { x }, b = { y };

	a.w[4] = (unsigned short)((a.w[4] & 0x7fff) | (b.w[4] & 0x8000));
	return a.f;
}

/* Half-way cases away from zero. x - truncl(x) is exact (a fraction of
 * a float is a float), so no value just below one half is rounded up. */
long double roundl(long double x)
{
	long double t = truncl(x);

	if (fabsl(x - t) >= 0.5L)
		t += copysignl(1.0L, x);
	return t;
}

/* To a long long: out of range (or NaN) is C's domain error, and gives
 * what the x87 gives for it, the "integer indefinite" LLONG_MIN. */
static long long to_ll(long double r)
{
	return r >= -0x1p63L && r < 0x1p63L ? (long long)r : LLONG_MIN;
}

long long llroundl(long double x)
{
	return to_ll(roundl(x));
}

long lroundl(long double x)
{
	return (long)to_ll(roundl(x));
}

long long llrintl(long double x)
{
	return to_ll(rintl(x));
}

long lrintl(long double x)
{
	return (long)to_ll(rintl(x));
}
