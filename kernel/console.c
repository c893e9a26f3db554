/* SPDX-License-Identifier: MIT */
/*
 * console.c: the registered consoles; output goes to all of them.
 */
#include <errno.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/uart16550.h>

static const struct console_ops *consoles[CONSOLE_MAX];
static int console_count;

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
