/* SPDX-License-Identifier: MIT */
/*
 * sys_misc.c: the rest of what newlib's own code calls — fcntl,
 * posix_memalign, sysconf — each as POSIX specifies it for one process.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukos/arch.h>
#include <unistd.h>

#include "fd.h"

/* Record locks (POSIX fcntl F_GETLK/F_SETLK/F_SETLKW) are held by
 * processes and never conflict with the holder's own: with one process
 * every lock is granted at once and F_GETLK finds none in the way. The
 * request is still checked as POSIX says. */
static int record_lock(const struct file *f, int cmd, struct flock *l)
{
	int acc = f->flags & O_ACCMODE;

	if (!l)
		return -EFAULT;
	if (l->l_whence != SEEK_SET && l->l_whence != SEEK_CUR &&
	    l->l_whence != SEEK_END)
		return -EINVAL;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK &&
	    l->l_type != F_UNLCK)
		return -EINVAL;
	if (cmd == F_GETLK) {
		l->l_type = F_UNLCK;
		return 0;
	}
	if ((l->l_type == F_RDLCK && acc == O_WRONLY) ||
	    (l->l_type == F_WRLCK && acc == O_RDONLY))
		return -EBADF; /* not open for what the lock guards */
	return 0;
}

int fcntl(int fd, int cmd, ...)
{
	struct file *f = fd_get(fd);
	struct flock *lock = NULL;
	va_list ap;
	int arg = 0;

	va_start(ap, cmd);
	if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW)
		lock = va_arg(ap, struct flock *);
	else
		arg = va_arg(ap, int);
	va_end(ap);
	if (!f)
		return (int)fd_ret(-EBADF);
	switch (cmd) {
	case F_GETFL:
		return f->flags;
	case F_SETFL: /* only the status flags may change */
		return (int)fd_ret(fd_set_flags(f, (f->flags & O_ACCMODE) |
							   (arg & ~O_ACCMODE)));
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return (int)fd_ret(fd_dup(fd, arg, FD_DUP_MIN));
	case F_GETFD:
	case F_SETFD: /* there is no exec: close-on-exec means nothing */
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return (int)fd_ret(record_lock(f, cmd, lock));
	default:
		return (int)fd_ret(-EINVAL);
	}
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* The page size is x86's base page; one CPU runs the app; times()
 * counts 100 ticks a second, as on Linux (sys_time.c). */
long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return 4096;
	case _SC_OPEN_MAX:
		return fd_limit(); /* RLIMIT_NOFILE's soft limit, as Linux */
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_CLK_TCK:
		return 100; /* times()'s, as Linux's (lib/sys_time.c) */
	/* The POSIX options ukos implements (lib/include/sys/features.h) */
	case _SC_VERSION:
	case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS:
	case _SC_THREAD_ATTR_STACKSIZE:
	case _SC_THREAD_ATTR_STACKADDR:
	case _SC_THREAD_CPUTIME:
	case _SC_CPUTIME:
	case _SC_TIMERS:
	case _SC_TIMEOUTS:
	case _SC_MONOTONIC_CLOCK:
	case _SC_CLOCK_SELECTION:
	case _SC_SEMAPHORES:
	case _SC_READER_WRITER_LOCKS:
	case _SC_REALTIME_SIGNALS:
		return 200809L;
	/* and their limits (lib/signal/) */
	case _SC_RTSIG_MAX:
		return SIGRTMAX - SIGRTMIN + 1;
	case _SC_SIGQUEUE_MAX:
		return 32;
	default:
		return fd_ret(-EINVAL);
	}
}

int getpagesize(void)
{
	return 4096;
}
