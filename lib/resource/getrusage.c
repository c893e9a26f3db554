/* SPDX-License-Identifier: MIT */
/*
 * getrusage.c: what the program (or the calling thread) has used. One
 * address space with no kernel mode apart: all CPU time is user time; the
 * memory held is the heap's high-water mark. There are no children.
 */
#include <errno.h>
#include <malloc.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../fd.h"

static struct timeval timeval_of(clockid_t clock)
{
	struct timespec ts = { 0, 0 };

	clock_gettime(clock, &ts);
	return (struct timeval){ ts.tv_sec, ts.tv_nsec / 1000 };
}

int getrusage(int who, struct rusage *usage)
{
	if (who != RUSAGE_SELF && who != RUSAGE_THREAD &&
	    who != RUSAGE_CHILDREN)
		return (int)fd_ret(-EINVAL);
	memset(usage, 0, sizeof(*usage));
	if (who == RUSAGE_CHILDREN)
		return 0;
	usage->ru_utime =
		timeval_of(who == RUSAGE_SELF ? CLOCK_PROCESS_CPUTIME_ID
					      : CLOCK_THREAD_CPUTIME_ID);
	if (who == RUSAGE_SELF)
		usage->ru_maxrss = (long)(mallinfo().arena / 1024);
	return 0;
}
