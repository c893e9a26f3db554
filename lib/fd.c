/* SPDX-License-Identifier: MIT */
/*
 * fd.c: the file-descriptor table (see fd.h). Each fd points at an open
 * file description, which dup() shares between fds (POSIX: the offset and
 * status flags go with it) and which is closed with its last fd. Slots
 * are claimed and released with interrupts off, so threads never get the
 * same one.
 */
#include <errno.h>
#include <stddef.h>
#include <ukos/arch.h>

#include "fd.h"

static struct file fd_descs[FD_MAX]; /* free while refs is 0 */
static struct file *fd_table[FD_MAX];
static int fd_max = FD_MAX; /* RLIMIT_NOFILE */

/* A free description: there is one for every free fd. */
static struct file *desc_new(void)
{
	for (int i = 0; i < FD_MAX; i++)
		if (!fd_descs[i].refs)
			return &fd_descs[i];
	return NULL;
}

static int install_at(int fd, const struct file_ops *ops, void *priv, int flags)
{
	static unsigned gen;
	struct file *f;

	if (fd_table[fd])
		return -EBUSY;
	f = desc_new();
	*f = (struct file){ ops, priv, flags, 1, ++gen };
	fd_table[fd] = f;
	return fd;
}

int fd_install_at(int fd, const struct file_ops *ops, void *priv, int flags)
{
	unsigned long irq;
	int r;

	if (!ops || !ops->fstat)
		return -EINVAL;
	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	irq = arch_irq_save();
	r = install_at(fd, ops, priv, flags);
	arch_irq_restore(irq);
	return r;
}

int fd_install(const struct file_ops *ops, void *priv, int flags)
{
	unsigned long irq;
	int r = -EMFILE;

	if (!ops || !ops->fstat)
		return -EINVAL;
	irq = arch_irq_save();
	for (int fd = 0; fd < fd_max && r == -EMFILE; fd++)
		if (!fd_table[fd])
			r = install_at(fd, ops, priv, flags);
	arch_irq_restore(irq);
	return r;
}

struct file *fd_get(int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return fd_table[fd];
}

/* Drop one fd's hold on f, with interrupts off and f already out of the
 * table: f itself if that was the last hold (to be closed once interrupts
 * are on again), else an empty file. */
static struct file release(struct file *f)
{
	struct file last = { 0 };

	if (f && --f->refs == 0)
		last = *f;
	return last;
}

static int close_last(struct file last)
{
	return last.ops && last.ops->close ? last.ops->close(last.priv) : 0;
}

int fd_close(int fd)
{
	unsigned long irq = arch_irq_save();
	struct file *f = fd_get(fd), last;

	if (f)
		fd_table[fd] = NULL;
	last = release(f);
	arch_irq_restore(irq);
	return f ? close_last(last) : -EBADF;
}

int fd_dup(int old, int new, int how)
{
	unsigned long irq;
	struct file *f, last = { 0 };
	int r = -EMFILE;

	if (new < 0 || new >= fd_max)
		return how == FD_DUP_AT ? -EBADF : -EINVAL;
	irq = arch_irq_save();
	f = fd_get(old);
	if (!f) {
		r = -EBADF;
	} else if (how == FD_DUP_AT && old != new) {
		/* dup2 closes what was there, and says nothing of it. */
		last = release(fd_table[new]);
		fd_table[new] = f;
		f->refs++;
		r = new;
	} else if (how == FD_DUP_AT) {
		r = new;
	} else {
		for (int fd = new; fd < fd_max &&r == -EMFILE; fd++)
			if (!fd_table[fd])
				fd_table[fd] = f, f->refs++, r = fd;
	}
	arch_irq_restore(irq);
	close_last(last);
	return r;
}

int fd_set_flags(struct file *f, int flags)
{
	int err = f->ops->setfl ? f->ops->setfl(f->priv, flags) : 0;

	if (!err)
		f->flags = flags;
	return err;
}

int fd_limit(void)
{
	return fd_max;
}

void fd_set_limit(int limit)
{
	fd_max = limit < 0 ? 0 : limit > FD_MAX ? FD_MAX : limit;
}

long fd_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
