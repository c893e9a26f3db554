/* SPDX-License-Identifier: MIT */
/*
 * console.c: the registered consoles and which stream goes to which
 * (console.h). The first BOOT_LOG bytes of messages are kept too, so a
 * console that comes up later (the framebuffer, once memory is set up)
 * shows the boot from its start.
 */
#include <errno.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/debugcon.h>
#include <ukos/uart16550.h>

#define BOOT_LOG 4096

static const struct console_ops *consoles[CONSOLE_MAX];
static int console_count;
static char boot_log[BOOT_LOG];
static size_t boot_log_len;
static bool split; /* a messages console is registered */

int console_register(const struct console_ops *ops)
{
	if (!ops || !ops->write)
		return -EINVAL;
	for (int i = 0; i < console_count; i++)
		if (consoles[i] == ops)
			return 0;
	if (console_count == CONSOLE_MAX)
		return -ENOSPC;
	consoles[console_count++] = ops;
	split |= ops->messages;
	if (console_count > 1) /* late: show it what the others showed */
		ops->write(boot_log, boot_log_len);
	return 0;
}

/* The messages console first: a boot line must not reach the serial line
 * before it is known whether it should. */
void console_init(void)
{
	debugcon_init();
	uart16550_init();
}

bool console_split(void)
{
	return split;
}

/* Does console c show messages (and the program's stderr)? */
static bool shows_messages(const struct console_ops *c)
{
	return !split || c->messages || !c->write_raw;
}

void console_emergency(void)
{
	if (console_count == 0)
		console_init();
}

void console_write(const char *buf, size_t len)
{
	size_t at = boot_log_len; /* read once: writers may race here */

	if (at < BOOT_LOG) {
		size_t keep = len < BOOT_LOG - at ? len : BOOT_LOG - at;
		memcpy(boot_log + at, buf, keep);
		boot_log_len = at + keep;
	}
	for (int i = 0; i < console_count; i++)
		if (shows_messages(consoles[i]))
			consoles[i]->write(buf, len);
}

void console_write_app(int stream, const char *buf, size_t len, bool onlcr)
{
	for (int i = 0; i < console_count; i++) {
		const struct console_ops *c = consoles[i];
		if (stream == 2 ? !shows_messages(c) : c->messages)
			continue;
		if (c->write_raw && !onlcr)
			c->write_raw(buf, len);
		else
			c->write(buf, len);
	}
}

size_t console_read(char *buf, size_t len)
{
	for (int i = 0; i < console_count; i++) {
		if (!consoles[i]->read)
			continue;
		size_t n;
		/* No interrupts drive input yet: poll, pausing between
		 * tries so an emulator's CPU is not pegged. */
		while ((n = consoles[i]->read(buf, len)) == 0)
			arch_cpu_relax();
		return n;
	}
	return 0;
}
