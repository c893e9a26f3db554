/* SPDX-License-Identifier: MIT */
/*
 * fb: the framebuffer console. Prints a known first line and a few more,
 * says it is ready, then waits for the host side (tests/guest/fb/host) to
 * take a screenshot through QEMU's monitor and look for the text. With
 * "crash": crashes after that, so the crash report must be on screen.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("FRAMEBUFFER CONSOLE 0123456789\n");
	for (int i = 1; i <= 3; i++)
		printf("line %d\ttab\n", i);
	if (argc > 1 && strcmp(argv[1], "crash") == 0) {
		printf("fb: ready\n");
		fflush(stdout);
		*(volatile int *)0 = 1;
	}
	printf("fb: ready\n");
	fflush(stdout);
	sleep(120); /* the host kills the VM when it has looked */
	return 0;
}
