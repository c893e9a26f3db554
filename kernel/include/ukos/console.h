/* SPDX-License-Identifier: MIT */
/*
 * console.h: the console device class. Every registered console gets all
 * output; input comes from the first console that can read.
 */
#ifndef UKOS_CONSOLE_H
#define UKOS_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

struct console_ops {
	const char *name;
	/* Required. Write len bytes; "\n" is passed as is (a serial driver
	 * adds its "\r"). Must not block for long; any context. */
	void (*write)(const char *buf, size_t len);
	/* Optional. Read up to len bytes that are available now; returns the
	 * count, 0 if none. Thread context. */
	size_t (*read)(char *buf, size_t len);
};

#define CONSOLE_MAX 4

/* Register a console; one registered after others is first shown the
 * start of the boot's output. Returns 0, -EINVAL if a required op is
 * missing, -ENOSPC if CONSOLE_MAX are registered. Boot context. */
int console_register(const struct console_ops *ops);

/* Find and register the boot consoles (COM1, ...). Boot context, once. */
void console_init(void);

/* Write to every console. Any context. */
void console_write(const char *buf, size_t len);

/* Read at least one byte, waiting for input. Returns the count, or 0 if no
 * console can read. Thread context. */
size_t console_read(char *buf, size_t len);

/* Make sure output reaches a console even before console_init() or after
 * memory is corrupt (used by the crash report). Any context. */
void console_emergency(void);

/* printf-like output to the consoles: %c %s %d %i %u %x %X %p with the
 * flags '0' '-', a width and the l, ll, z length modifiers. Any context. */
__attribute__((format(printf, 1, 2))) void kprintf(const char *fmt, ...);
void kvprintf(const char *fmt, va_list ap);

/* The same into buf (always NUL-terminated when size > 0); returns the
 * length the full output would have had. */
__attribute__((format(printf, 3, 4))) int ksnprintf(char *buf, size_t size,
						    const char *fmt, ...);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
