/* SPDX-License-Identifier: MIT */
/*
 * prctl.c: Linux's process controls that mean something here: the calling
 * thread's name (16 bytes with the NUL, longer names cut, as Linux's
 * comm). Any other option is EINVAL, Linux's answer to one it lacks.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/prctl.h>
#include <ukos/thread.h>

#include "../fd.h"

int prctl(int option, ...)
{
	struct thread *self = sched_current();
	va_list ap;
	char *name;

	va_start(ap, option);
	name = va_arg(ap, char *);
	va_end(ap);
	switch (option) {
	case PR_SET_NAME:
		if (!name)
			return (int)fd_ret(-EFAULT);
		thread_set_name(self, name);
		return 0;
	case PR_GET_NAME:
		if (!name)
			return (int)fd_ret(-EFAULT);
		memcpy(name, self->name, THREAD_NAME_MAX);
		return 0;
	}
	return (int)fd_ret(-EINVAL);
}
