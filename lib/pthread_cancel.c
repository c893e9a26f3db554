/* SPDX-License-Identifier: MIT */
/*
 * pthread_cancel.c: thread cancellation, which ukos does not do. A
 * request to cancel fails with ENOTSUP rather than being dropped (the
 * program takes its own "cannot cancel" path); the cancelability state
 * and type are kept per thread, as POSIX asks, and with no request ever
 * pending pthread_testcancel has nothing to act on.
 */
#include <errno.h>
#include <pthread.h>
#include <ukos/thread.h>

int pthread_cancel(pthread_t th)
{
	(void)th;
	return ENOTSUP;
}

int pthread_setcancelstate(int state, int *old)
{
	struct thread *self = sched_current();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	/* Threads start enabled: the field's 0 stands for ENABLE. */
	if (old)
		*old = self->cancel_state ? PTHREAD_CANCEL_DISABLE
					  : PTHREAD_CANCEL_ENABLE;
	self->cancel_state = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	struct thread *self = sched_current();

	if (type != PTHREAD_CANCEL_DEFERRED &&
	    type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	/* Threads start deferred: the field's 0 stands for DEFERRED. */
	if (old)
		*old = self->cancel_type ? PTHREAD_CANCEL_ASYNCHRONOUS
					 : PTHREAD_CANCEL_DEFERRED;
	self->cancel_type = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return 0;
}

void pthread_testcancel(void)
{
}
