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

/* How the image was booted: "multiboot2" or "pvh". */
const char *ukos_boot_loader(void);

#endif
