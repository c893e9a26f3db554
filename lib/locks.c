/* SPDX-License-Identifier: MIT */
/*
 * locks.c: newlib's retargetable locks (malloc, stdio streams, atexit,
 * environ, time zone) as kernel mutexes, so that libc is safe to call from
 * several threads. newlib's own lock.c defines every one of these names
 * together, as no-ops; defining them all here keeps it out of the link.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include <ukos/wait.h>

struct __lock {
	struct kmutex m;
	unsigned depth; /* recursive locks: times taken by the owner */
};

struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

/* A lock newlib makes at run time (one per FILE). Allocation failing
 * leaves NULL, which every function below treats as a lock that is always
 * free: newlib has no way to report the failure. */
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(**lock));
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (lock)
		kmutex_lock(&lock->m, WAIT_FOREVER);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	if (!lock)
		return;
	if (!kmutex_held(&lock->m))
		kmutex_lock(&lock->m, WAIT_FOREVER);
	lock->depth++;
}

/* 0 when taken, as ftrylockfile() passes it on. */
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return lock && kmutex_trylock(&lock->m) != 0 ? -1 : 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	if (!lock)
		return 0;
	if (!kmutex_held(&lock->m) && kmutex_trylock(&lock->m) != 0)
		return -1;
	lock->depth++;
	return 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (lock)
		kmutex_unlock(&lock->m);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (lock && --lock->depth == 0)
		kmutex_unlock(&lock->m);
}
