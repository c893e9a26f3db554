/* SPDX-License-Identifier: MIT */
/*
 * sys_proc.c: the process calls of a single-application image: one
 * process (pid 1), no children, signals only to end it.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/exit.h>
#include <unistd.h>

#include "fd.h"

#define UKOS_PID 1

void _exit(int code)
{
	kernel_exit_now(code & 0xff);
}

pid_t getpid(void)
{
	return UKOS_PID;
}

/* newlib's raise() lands here when no handler is set: the default action
 * of every signal that can reach us is to end the program. */
int kill(pid_t pid, int sig)
{
	if (pid != UKOS_PID && pid != 0 && pid != -1)
		return (int)fd_ret(-ESRCH);
	if (sig == 0)
		return 0;
	if (sig < 0 || sig >= NSIG)
		return (int)fd_ret(-EINVAL);
	if (sig == SIGABRT)
		ukos_panic("abort()");
	ukos_panic("killed by signal %d", sig);
}

/* There are no other processes. Say so once per function, so a ported
 * program's author sees why it fails, and fail the POSIX way. */
static int unavailable(const char *what, bool *warned)
{
	if (!*warned) {
		kprintf("ukos: %s() is not available in a unikernel\n", what);
		*warned = true;
	}
	return (int)fd_ret(-ENOSYS);
}

pid_t fork(void)
{
	static bool warned;
	return unavailable("fork", &warned);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	static bool warned;
	(void)path, (void)argv, (void)envp;
	return unavailable("execve", &warned);
}

pid_t wait(int *status)
{
	(void)status;
	return (int)fd_ret(-ECHILD);
}
