/* SPDX-License-Identifier: MIT */
/*
 * console.h: the console device class. Two streams reach the consoles:
 * the kernel's messages (kprintf, crash reports) and the program's
 * output (its stdout and stderr). Without a messages console both go to
 * every console. With one (a VMM's debug port, given by a runner whose
 * output is no terminal), the messages and the program's stderr go there
 * and the serial line carries the program's stdout byte for byte. Input
 * comes from the first console that can read.
 */
#ifndef UKOS_CONSOLE_H
#define UKOS_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct console_ops {
	const char *name;
	/* Required. Write len bytes; "\n" is passed as is (a serial driver
	 * adds its "\r"). Must not block for long; any context. */
	void (*write)(const char *buf, size_t len);
	/* Optional. The same, every byte as it is (a serial line's output
	 * with the tty's ONLCR off). A console without it is a screen:
	 * it shows both streams, with write. */
	void (*write_raw)(const char *buf, size_t len);
	/* A messages console: it takes the kernel's messages and the
	 * program's stderr away from the consoles that have write_raw. */
	bool messages;
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

/* A kernel message. Any context. */
void console_write(const char *buf, size_t len);

/* The program's output: stream 1 (stdout) or 2 (stderr); "\n" becomes
 * "\r\n" on a serial line when onlcr (the tty's ONLCR). Thread context. */
void console_write_app(int stream, const char *buf, size_t len, bool onlcr);

/* Whether a messages console is registered: then the serial line is the
 * program's stdout alone, and its tty starts with ONLCR off. */
bool console_split(void);

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
