/* SPDX-License-Identifier: MIT */
/*
 * exit.h: ending the VM. Under QEMU through isa-debug-exit (status becomes
 * (code << 1) | 1), else ACPI power-off, else halt; ukos.exit= overrides.
 */
#ifndef UKOS_EXIT_H
#define UKOS_EXIT_H

/* End the VM with status code (0..127 survive isa-debug-exit). Output
 * already written to the consoles is not lost. Any context. */
__attribute__((noreturn)) void kernel_exit_now(int code);

/*
 * ACPI S5 power-off (ACPI 6.4 §7.4.2, §4.8.3.2.1). Returns only if it could
 * not be done (no ACPI tables, no \_S5 package, or the write had no effect).
 * Any context.
 */
void acpi_poweroff(void);

#endif
