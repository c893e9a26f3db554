/* SPDX-License-Identifier: MIT */
/*
 * reent.c: where newlib finds the calling thread's state — errno,
 * strtok's position, rand's seed (newlib is built with __DYNAMIC_REENT__).
 * The main thread, the idle thread and boot code use the global one.
 */
#include <reent.h>
#include <ukos/thread.h>

struct _reent *__getreent(void)
{
	struct thread *t = sched_current();

	return t && t->reent ? t->reent : _global_impure_ptr;
}
