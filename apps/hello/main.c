/* SPDX-License-Identifier: MIT */
/*
 * hello: the default application. Greets, shows its arguments and how long
 * the boot took from the image's first instruction to main().
 */
#include <stdio.h>
#include <ukos.h>

int main(int argc, char **argv)
{
	printf("Hello from ukos! (booted by %s)\n", ukos_boot_loader());
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	printf("boot-to-main: %llu us\n",
	       (unsigned long long)(ukos_boot_to_main_ns() / 1000));
	return 0;
}
