/* SPDX-License-Identifier: MIT */
/*
 * sigjmp.c: siglongjmp and the half of sigsetjmp that is not setjmp.
 */
#include <setjmp.h>
#include <signal.h>

void ukos_sigsetjmp_save(sigjmp_buf env, int savemask)
{
	env[0].__saved = savemask != 0;
	if (savemask)
		pthread_sigmask(SIG_SETMASK, NULL, &env[0].__mask);
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env[0].__saved)
		pthread_sigmask(SIG_SETMASK, &env[0].__mask, NULL);
	longjmp(env[0].__jb, val);
}
