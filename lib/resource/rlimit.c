/* SPDX-License-Identifier: MIT */
/*
 * rlimit.c: the resource limits. One limit is enforced and may be moved:
 * RLIMIT_NOFILE, the fd table's size (fd.c hands out no fd at or above
 * it). The others state what ukos is — one process (RLIMIT_NPROC 1), no
 * core files, 32 queued signals, a main stack fixed at boot, no limit on
 * memory or time — and stay as they are: a change would be a limit that
 * nothing enforces, so it is EPERM.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <ukos/arch.h>
#include <ukos/thread.h>

#include "../fd.h"

#define SIGQUEUE_MAX 32 /* lib/signal/sigstate.c's queue */

static rlim_t nofile_max = FD_MAX; /* RLIMIT_NOFILE's hard limit */

/* The main thread's stack: the first thread (boot made it). */
static rlim_t main_stack(void)
{
	unsigned long irq = arch_irq_save();
	struct thread *t = thread_next(NULL);
	rlim_t size = t ? t->stack_size : 0;

	arch_irq_restore(irq);
	return size;
}

static bool limit_of(int resource, struct rlimit *r)
{
	rlim_t v = RLIM_INFINITY;

	switch (resource) {
	case RLIMIT_NOFILE:
		*r = (struct rlimit){ (rlim_t)fd_limit(), nofile_max };
		return true;
	case RLIMIT_STACK:
		v = main_stack();
		break;
	case RLIMIT_CORE:
	case RLIMIT_MSGQUEUE:
	case RLIMIT_NICE:
	case RLIMIT_RTPRIO:
		v = 0;
		break;
	case RLIMIT_NPROC:
		v = 1;
		break;
	case RLIMIT_SIGPENDING:
		v = SIGQUEUE_MAX;
		break;
	case RLIMIT_CPU:
	case RLIMIT_FSIZE:
	case RLIMIT_DATA:
	case RLIMIT_RSS:
	case RLIMIT_MEMLOCK:
	case RLIMIT_AS:
	case RLIMIT_LOCKS:
	case RLIMIT_RTTIME:
		break;
	default:
		return false;
	}
	*r = (struct rlimit){ v, v };
	return true;
}

int getrlimit(int resource, struct rlimit *rlim)
{
	struct rlimit r;

	if (!limit_of(resource, &r))
		return (int)fd_ret(-EINVAL);
	if (!rlim)
		return (int)fd_ret(-EFAULT);
	*rlim = r;
	return 0;
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	struct rlimit now;

	if (!limit_of(resource, &now))
		return (int)fd_ret(-EINVAL);
	if (!rlim)
		return (int)fd_ret(-EFAULT);
	if (rlim->rlim_cur > rlim->rlim_max)
		return (int)fd_ret(-EINVAL);
	if (resource != RLIMIT_NOFILE)
		return rlim->rlim_cur == now.rlim_cur &&
				       rlim->rlim_max == now.rlim_max
			       ? 0
			       : (int)fd_ret(-EPERM);
	/* The hard limit starts at the table's size and, once lowered, is
	 * never raised again (as for a process without CAP_SYS_RESOURCE). */
	if (rlim->rlim_max > nofile_max)
		return (int)fd_ret(-EPERM);
	nofile_max = rlim->rlim_max;
	fd_set_limit((int)rlim->rlim_cur);
	return 0;
}
