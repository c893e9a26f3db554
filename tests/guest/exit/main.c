/* SPDX-License-Identifier: MIT */
/*
 * exit: the VM's status is the app's, however it ends; exit() and a return
 * from main() run atexit handlers and flush stdio first (the last output
 * has no newline on purpose), _exit() does neither.
 * usage: exit [return|exit|_exit [CODE]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void at_exit(void)
{
	printf("[atexit]");
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "return";
	int code = argc > 2 ? atoi(argv[2]) : 0;

	atexit(at_exit);
	printf("exiting via %s with %d: unflushed tail", how, code);
	if (strcmp(how, "exit") == 0)
		exit(code);
	if (strcmp(how, "_exit") == 0) {
		fflush(stdout); /* _exit does not flush stdio by definition */
		_exit(code);
	}
	return code;
}
