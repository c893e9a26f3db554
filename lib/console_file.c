/* SPDX-License-Identifier: MIT */
/*
 * console_file.c: stdin, stdout and stderr on the kernel console.
 */
#include <fcntl.h>
#include <string.h>
#include <ukos/console.h>

#include "fd.h"

static ssize_t con_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	return len ? (ssize_t)console_read(buf, len) : 0;
}

static ssize_t con_write(void *priv, const void *buf, size_t len)
{
	(void)priv;
	console_write(buf, len);
	return (ssize_t)len;
}

static int con_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	st->st_blksize = 1024; /* stdio's buffer size for it */
	return 0;
}

static const struct file_ops console_ops = {
	.read = con_read,
	.write = con_write,
	.fstat = con_fstat,
	.isatty = 1,
};

void console_files_init(void)
{
	fd_install_at(0, &console_ops, NULL, O_RDONLY);
	fd_install_at(1, &console_ops, NULL, O_WRONLY);
	fd_install_at(2, &console_ops, NULL, O_WRONLY);
}

int console_file_open(int flags)
{
	return fd_install(&console_ops, NULL, flags);
}
