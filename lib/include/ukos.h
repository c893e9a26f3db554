/* SPDX-License-Identifier: MIT */
/*
 * ukos.h: the few things an application may want from ukos beyond POSIX.
 * Everything here may be called from any thread after main() has started.
 */
#ifndef UKOS_H
#define UKOS_H

#include <stdint.h>

/* Status of a VM that ended in a crash report (CPU exception, abort(),
 * failed assert, stack-protector hit). Applications should not use it. */
#define UKOS_EXIT_CRASH 112

/* Nanoseconds from the image's first instruction to the call of main(). */
uint64_t ukos_boot_to_main_ns(void);

/* Nanoseconds since the image's first instruction. */
uint64_t ukos_uptime_ns(void);

/* Interrupts taken since boot, by kind (for tests and tuning). */
struct ukos_irq_stats {
	uint64_t timer;      /* one-shot timer expiries */
	uint64_t device;     /* device interrupts with a handler */
	uint64_t spurious;   /* spurious APIC/PIC interrupts */
	uint64_t unexpected; /* interrupts nobody asked for */
};
void ukos_irq_stats(struct ukos_irq_stats *out);

/* How the image was booted: "multiboot2" or "pvh". */
const char *ukos_boot_loader(void);

#endif
