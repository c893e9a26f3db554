/* SPDX-License-Identifier: MIT */
/* demo.c: the program of the autotools project. */
#include "config.h"

#include <stdio.h>

#include "greet.h"

int main(int argc, char **argv)
{
	char buf[64];

	greet(buf, sizeof(buf), argc > 1 ? argv[1] : "ukos");
	printf("autotools demo: %s, %.1f\n", buf, greet_root(2.25));
	return 0;
}
