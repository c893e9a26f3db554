/* SPDX-License-Identifier: MIT */
/*
 * console.c: the registered consoles; output goes to all of them. The
 * first BOOT_LOG bytes are kept too, so a console that comes up later
 * (the framebuffer, once memory is set up) shows the boot from its start.
 */
#include <errno.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/uart16550.h>

#define BOOT_LOG 4096

static const struct console_ops *consoles[CONSOLE_MAX];
static int console_count;
static char boot_log[BOOT_LOG];
static size_t boot_log_len;

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
	if (console_count > 1) /* late: show it what the others showed */
		ops->write(boot_log, boot_log_len);
	return 0;
}

void console_init(void)
{
	uart16550_init();
}

void console_emergency(void)
{
	if (console_count == 0)
		uart16550_init();
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
		consoles[i]->write(buf, len);
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
