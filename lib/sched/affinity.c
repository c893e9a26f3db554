/* SPDX-License-Identifier: MIT */
/*
 * affinity.c: which CPUs the program's threads may run on. ukos runs
 * them on CPU 0, the one CPU it brings up: that is the whole affinity
 * mask, and a mask without it is EINVAL (Linux: no online CPU in it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "../fd.h"

static int check(pid_t pid, size_t size, const void *set)
{
	if (pid != 0 && pid != getpid())
		return -ESRCH;
	/* Linux: too small for the kernel's mask (one long) is EINVAL. */
	if (size < sizeof(unsigned long))
		return -EINVAL;
	return set ? 0 : -EFAULT;
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	int r = check(pid, size, set);

	if (r)
		return (int)fd_ret(r);
	CPU_ZERO_S(size, set);
	CPU_SET_S(0, size, set);
	return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	int r = check(pid, size, set);

	if (!r && !CPU_ISSET_S(0, size, set))
		r = -EINVAL;
	return (int)fd_ret(r);
}

int sched_getcpu(void)
{
	return 0;
}
