/* SPDX-License-Identifier: MIT */
/*
 * flockfile.c: POSIX's explicit stdio locks — flockfile, ftrylockfile,
 * funlockfile — which newlib builds only for Cygwin. They take the same
 * recursive lock newlib's own stdio calls take on the stream (newlib's
 * _flockfile), so a thread's getc_unlocked loop between them is safe from
 * the others. String streams have none, as in newlib.
 */
#include <stdio.h>
#include <sys/lock.h>
#include <sys/reent.h>

/* newlib's, declared only for its small-reent build. */
void __sinit(struct _reent *r);

/* The standard streams get their locks when stdio is first set up. */
static void init(void)
{
	if (!_REENT->__sdidinit)
		__sinit(_REENT);
}

void flockfile(FILE *fp)
{
	init();
	if (!(fp->_flags & __SSTR))
		__lock_acquire_recursive(fp->_lock);
}

int ftrylockfile(FILE *fp)
{
	init();
	if (fp->_flags & __SSTR)
		return 0;
	return __lock_try_acquire_recursive(fp->_lock);
}

void funlockfile(FILE *fp)
{
	if (!(fp->_flags & __SSTR))
		__lock_release_recursive(fp->_lock);
}
