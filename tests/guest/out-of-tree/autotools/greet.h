/* SPDX-License-Identifier: MIT */
/* greet.h: the library of the autotools project. */
#ifndef GREET_H
#define GREET_H

/* "hello, NAME" into buf[size]; the length it would have had. */
int greet(char *buf, unsigned long size, const char *name);
double greet_root(double x);

#endif
