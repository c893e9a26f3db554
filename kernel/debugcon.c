/* SPDX-License-Identifier: MIT */
/*
 * debugcon.c: the "port 0xe9" debug console of Bochs and QEMU
 * (isa-debugcon) as the messages console: every byte written to the port
 * goes to the VMM's chardev, at once and unchanged. ukos-run adds one
 * when its output is no terminal, so that the serial line carries the
 * program's stdout alone. A machine without one (bare metal, or QEMU
 * without the device) keeps every stream on the serial line.
 */
#include <stdbool.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/debugcon.h>

#define DEBUGCON_PORT 0xe9
/* Reading the port gives its number back (QEMU's isa-debugcon
 * "readback", Bochs' port-e9 hack); an empty bus reads 0xff. */
#define DEBUGCON_READBACK 0xe9

static void debugcon_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		arch_outb(DEBUGCON_PORT, (uint8_t)buf[i]);
}

static const struct console_ops debugcon = {
	.name = "debugcon",
	.write = debugcon_write,
	.messages = true,
};

void debugcon_init(void)
{
	static bool probed;

	if (probed)
		return;
	probed = true;
	if (arch_inb(DEBUGCON_PORT) == DEBUGCON_READBACK)
		console_register(&debugcon);
}
