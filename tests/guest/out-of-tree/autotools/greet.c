/* SPDX-License-Identifier: MIT */
/* greet.c: the library of the autotools project. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "greet.h"

int greet(char *buf, unsigned long size, const char *name)
{
	return snprintf(buf, size, "hello, %s", name);
}

double greet_root(double x)
{
	return sqrt(x);
}
