/* SPDX-License-Identifier: MIT */
/*
 * fs_fakes.c: the kernel as lib/fs/ and lib/dev/ see it, for host tests.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <ukos/kmain.h>

#include "fs_fakes.h"

char fake_boot_log[1024];

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long f)
{
	(void)f;
}

void kprintf(const char *fmt, ...)
{
	size_t n = strlen(fake_boot_log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_boot_log + n, sizeof(fake_boot_log) - n, fmt, ap);
	va_end(ap);
}

void ukos_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

/* Each tmpfs may hold a quarter of it: 1 MiB. */
struct heap_range ukos_heap = { 0, 4u << 20 };

/* /dev/urandom's bytes: 1, 2, 3, ... here. */
ssize_t dev_random_fill(void *buf, size_t len)
{
	static uint8_t next;

	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = ++next;
	return (ssize_t)len;
}

/* /dev/tty: the console is not part of these tests. */
int console_file_open(int flags)
{
	(void)flags;
	return -ENOSYS;
}
