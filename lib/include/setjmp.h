/* SPDX-License-Identifier: MIT */
/*
 * setjmp.h: newlib's, plus what POSIX adds and newlib gives only to
 * Cygwin and RTEMS: sigjmp_buf, sigsetjmp and siglongjmp (the calling
 * thread's signal mask kept and given back, so a signal handler can jump
 * out), _setjmp and _longjmp (the mask left alone).
 */
#ifndef UKOS_SETJMP_H
#define UKOS_SETJMP_H

#include_next <setjmp.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	jmp_buf __jb;
	int __saved;
	sigset_t __mask;
} sigjmp_buf[1];

/* sigsetjmp's first half: keep the mask in env if savemask. */
void ukos_sigsetjmp_save(sigjmp_buf env, int savemask);

/* A macro, as setjmp must be: it returns twice. */
#define sigsetjmp(env, savemask)                                               \
	(ukos_sigsetjmp_save((env), (savemask)), setjmp((env)[0].__jb))
void siglongjmp(sigjmp_buf env, int val) __attribute__((__noreturn__));

#define _setjmp(env)       setjmp(env)
#define _longjmp(env, val) longjmp((env), (val))

#ifdef __cplusplus
}
#endif

#endif
