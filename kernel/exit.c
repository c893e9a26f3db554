/* SPDX-License-Identifier: MIT */
/*
 * exit.c: leaving the VM, in the order a careful user expects: QEMU's
 * isa-debug-exit only where a hypervisor says it is QEMU/KVM (never blind
 * port writes on bare metal), then ACPI power-off, then a reset (ACPI's
 * reset register, then the PC's legacy ways), then halt. ukos.exit= names
 * the first step; each falls through to the next when it did nothing.
 */
#include <errno.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>
#include <ukos/exit.h>

/* In the order of the fall-through. */
enum exit_method {
	EXIT_AUTO,
	EXIT_DEBUGEXIT,
	EXIT_POWEROFF,
	EXIT_REBOOT,
	EXIT_HALT
};

static enum exit_method method = EXIT_AUTO;

static int set_exit_method(const char *v)
{
	static const char *const names[] = { "auto", "debugexit", "poweroff",
					     "reboot", "halt" };

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (v && strcmp(v, names[i]) == 0) {
			method = (enum exit_method)i;
			return 0;
		}
	}
	return -EINVAL;
}
KERNEL_OPTION(exit, "ukos.exit", set_exit_method,
	      "how the VM ends: auto|debugexit|poweroff|reboot|halt");

void kernel_exit_now(int code)
{
	if (method == EXIT_DEBUGEXIT ||
	    (method == EXIT_AUTO && arch_under_qemu()))
		arch_debug_exit(code);
	/* Past this point the status cannot reach anyone but a reader of
	 * the console. */
	if (code)
		kprintf("ukos: exit status %d\n", code);
	if (method <= EXIT_POWEROFF)
		acpi_poweroff();
	if (method <= EXIT_REBOOT) {
		kprintf("ukos: resetting\n");
		if (acpi_reset())
			kprintf("ukos: the ACPI reset register did nothing\n");
		arch_reset();
	}
	kprintf("ukos: halted\n");
	arch_halt();
}
