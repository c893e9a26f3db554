/* SPDX-License-Identifier: MIT */
/*
 * sys_proc.c: the process calls of a single-application image: one
 * process (pid 1), no children (signals: lib/signal/).
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/exit.h>
#include <unistd.h>

#include "fd.h"
#include "fs/fs.h"

#define UKOS_PID 1

/* The disks' file systems are written back and marked clean first, as an
 * operating system does whoever ends the process. */
void _exit(int code)
{
	if (fs_disk_exit)
		fs_disk_exit();
	kernel_exit_now(code & 0xff);
}

pid_t getpid(void)
{
	return UKOS_PID;
}

/* There are no other processes. Say so once per function, so a ported
 * program's author sees why it fails, and fail the POSIX way. */
static int unavailable_errno(const char *what, bool *warned)
{
	if (!*warned) {
		kprintf("ukos: %s() is not available in a unikernel\n", what);
		*warned = true;
	}
	return -ENOSYS;
}

static int unavailable(const char *what, bool *warned)
{
	return (int)fd_ret(unavailable_errno(what, warned));
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

/* The rest of the exec family: newlib has none of them. */
int execv(const char *path, char *const argv[])
{
	static bool warned;
	(void)path, (void)argv;
	return unavailable("execv", &warned);
}

int execvp(const char *file, char *const argv[])
{
	static bool warned;
	(void)file, (void)argv;
	return unavailable("execvp", &warned);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	static bool warned;
	(void)file, (void)argv, (void)envp;
	return unavailable("execvpe", &warned);
}

int execl(const char *path, const char *arg, ...)
{
	static bool warned;
	(void)path, (void)arg;
	return unavailable("execl", &warned);
}

int execlp(const char *file, const char *arg, ...)
{
	static bool warned;
	(void)file, (void)arg;
	return unavailable("execlp", &warned);
}

int execle(const char *path, const char *arg, ...)
{
	static bool warned;
	(void)path, (void)arg;
	return unavailable("execle", &warned);
}

pid_t vfork(void)
{
	static bool warned;
	return unavailable("vfork", &warned);
}

/* posix_spawn returns its error rather than setting errno. */
int posix_spawn(pid_t *pid, const char *path,
		const posix_spawn_file_actions_t *actions,
		const posix_spawnattr_t *attr, char *const argv[],
		char *const envp[])
{
	static bool warned;
	(void)pid, (void)path, (void)actions, (void)attr, (void)argv,
		(void)envp;
	return -unavailable_errno("posix_spawn", &warned);
}

int posix_spawnp(pid_t *pid, const char *file,
		 const posix_spawn_file_actions_t *actions,
		 const posix_spawnattr_t *attr, char *const argv[],
		 char *const envp[])
{
	static bool warned;
	(void)pid, (void)file, (void)actions, (void)attr, (void)argv,
		(void)envp;
	return -unavailable_errno("posix_spawnp", &warned);
}

/* No command processor (POSIX system(): 0 for NULL), so no command runs.
 * newlib's _system_r is replaced too, or the two would meet in a link. */
int system(const char *command)
{
	static bool warned;
	return command ? unavailable("system", &warned) : 0;
}

int _system_r(struct _reent *r, const char *command)
{
	(void)r;
	return system(command);
}

/* popen needs a shell to run the command: none, so no stream (ENOSYS, as
 * system says), after the mode is checked as POSIX says (EINVAL). newlib
 * has neither, so a program that uses them failed to link. */
FILE *popen(const char *command, const char *mode)
{
	static bool warned;

	(void)command;
	if (!mode || (strcmp(mode, "r") && strcmp(mode, "w") &&
		      strcmp(mode, "re") && strcmp(mode, "we"))) {
		errno = EINVAL;
		return NULL;
	}
	unavailable("popen", &warned);
	return NULL;
}

/* No stream came from popen: none to wait for. */
int pclose(FILE *stream)
{
	(void)stream;
	return (int)fd_ret(-ECHILD);
}

/* One user: the app is all there is to guard, so it is root, as /init
 * is on Linux; its parent is nobody. */
uid_t getuid(void)
{
	return 0;
}

uid_t geteuid(void)
{
	return 0;
}

gid_t getgid(void)
{
	return 0;
}

gid_t getegid(void)
{
	return 0;
}

pid_t getppid(void)
{
	return 0;
}

/* The host name: "ukos" (POSIX leaves truncation open; Linux says
 * ENAMETOOLONG, and so does this). */
int gethostname(char *name, size_t len)
{
	static const char host[] = "ukos";

	if (!name)
		return (int)fd_ret(-EFAULT);
	if (len < sizeof(host))
		return (int)fd_ret(-ENAMETOOLONG);
	memcpy(name, host, sizeof(host));
	return 0;
}

pid_t wait(int *status)
{
	(void)status;
	return (int)fd_ret(-ECHILD);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	(void)pid, (void)status, (void)options;
	return (int)fd_ret(-ECHILD);
}

/* The one process leads its session and its process group (tcgetsid
 * says so too), so it can start neither anew (POSIX: EPERM). */
pid_t setsid(void)
{
	return (pid_t)fd_ret(-EPERM);
}

pid_t getsid(pid_t pid)
{
	return pid == 0 || pid == getpid() ? getpid() : (pid_t)fd_ret(-ESRCH);
}

pid_t getpgid(pid_t pid)
{
	return getsid(pid);
}

pid_t getpgrp(void)
{
	return getpid();
}

int setpgid(pid_t pid, pid_t pgid)
{
	if ((pid != 0 && pid != getpid()) || pgid < 0)
		return pgid < 0 ? (int)fd_ret(-EINVAL) : (int)fd_ret(-ESRCH);
	return (int)fd_ret(-EPERM); /* a session leader keeps its group */
}
