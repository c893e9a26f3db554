/* SPDX-License-Identifier: MIT */
/*
 * fd.c: the file-descriptor table (see fd.h). Slots are claimed and
 * released with interrupts off, so threads never get the same one.
 */
#include <errno.h>
#include <stddef.h>
#include <ukos/arch.h>

#include "fd.h"

static struct file files[FD_MAX];

static int install_at(int fd, const struct file_ops *ops, void *priv, int flags)
{
	if (files[fd].ops)
		return -EBUSY;
	files[fd] = (struct file){ ops, priv, flags };
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
	for (int fd = 0; fd < FD_MAX && r == -EMFILE; fd++)
		if (!files[fd].ops)
			r = install_at(fd, ops, priv, flags);
	arch_irq_restore(irq);
	return r;
}

struct file *fd_get(int fd)
{
	if (fd < 0 || fd >= FD_MAX || !files[fd].ops)
		return NULL;
	return &files[fd];
}

int fd_close(int fd)
{
	unsigned long irq = arch_irq_save();
	struct file *f = fd_get(fd);
	struct file old;

	if (!f) {
		arch_irq_restore(irq);
		return -EBADF;
	}
	old = *f;
	f->ops = NULL;
	arch_irq_restore(irq);
	return old.ops->close ? old.ops->close(old.priv) : 0;
}

int fd_set_flags(struct file *f, int flags)
{
	int err = f->ops->setfl ? f->ops->setfl(f->priv, flags) : 0;

	if (!err)
		f->flags = flags;
	return err;
}

long fd_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
