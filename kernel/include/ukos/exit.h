/* SPDX-License-Identifier: MIT */
/*
 * exit.h: ending the VM or the machine. Under QEMU through isa-debug-exit
 * (status becomes (code << 1) | 1); else, as on bare metal, ACPI power-off,
 * then a reset, then halt. ukos.exit=debugexit|poweroff|reboot|halt picks
 * where to start.
 */
#ifndef UKOS_EXIT_H
#define UKOS_EXIT_H

#include <stdbool.h>

/* End the VM with status code (0..127 survive isa-debug-exit). Output
 * already written to the consoles is not lost. Any context. */
__attribute__((noreturn)) void kernel_exit_now(int code);

/*
 * ACPI S5 power-off (ACPI 6.4 §7.4.2, §4.8.3.2.1). Returns only if it could
 * not be done (no ACPI tables, no \_S5 package, or the write had no effect).
 * Any context.
 */
void acpi_poweroff(void);

/* Reset through the FADT's reset register (ACPI 6.4 §4.8.3.6). Returns
 * false if the FADT offers none; true if it wrote it and nothing happened.
 * Any context. */
bool acpi_reset(void);

#endif
