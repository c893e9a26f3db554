/* SPDX-License-Identifier: MIT */
/*
 * sigaltstack.c: each thread's alternate stack for signal handlers (the
 * one a stack overflow's SIGSEGV handler can run on).
 */
#include <errno.h>
#include <signal.h>

#include "../fd.h"
#include "sig.h"

int sigaltstack(const stack_t *ss, stack_t *old)
{
	struct thread *self = sched_current();
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	stack_t was = {
		(void *)self->sig_stack,
		!self->sig_stack               ? SS_DISABLE
		: signal_on_altstack(self, sp) ? SS_ONSTACK
					       : 0,
		self->sig_stack_size,
	};

	if (ss) {
		if (signal_on_altstack(self, sp))
			return (int)fd_ret(-EPERM);
		if (ss->ss_flags & ~SS_DISABLE)
			return (int)fd_ret(-EINVAL);
		if (ss->ss_flags & SS_DISABLE) {
			self->sig_stack = 0;
			self->sig_stack_size = 0;
		} else if (ss->ss_size < MINSIGSTKSZ) {
			return (int)fd_ret(-ENOMEM);
		} else {
			self->sig_stack = (uintptr_t)ss->ss_sp;
			self->sig_stack_size = ss->ss_size;
		}
	}
	if (old)
		*old = was;
	return 0;
}
