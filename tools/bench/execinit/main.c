/* SPDX-License-Identifier: MIT */
/*
 * execinit: /init of the Linux guest for a program that is not ours to
 * change (a port: Lua, SQLite, Redis built with musl from the same
 * source). It makes what the ukos image has — a console, /tmp, the
 * network — then runs the program given after "--" on the kernel command
 * line (the kernel passes those words to init), waits for it, says how it
 * ended and powers the VM off, as a ukos image ends with its program.
 */
#include <sys/mount.h>
#include <sys/wait.h>

#include "../linux_init.h"

int main(int argc, char **argv)
{
	int status = 0;
	pid_t pid;

	linux_init_console();
	mkdir("/tmp", 01777);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	if (getenv("benchnet"))
		linux_init_network();
	if (argc < 2) {
		fprintf(stderr,
			"execinit: no program after -- on the command line\n");
		linux_init_poweroff();
		return 1;
	}
	chdir("/root");
	pid = fork();
	if (pid == 0) {
		execv(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0)
		;
	printf("linux: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status)
						     : 128 + WTERMSIG(status));
	linux_init_poweroff();
	return 0;
}
