/* SPDX-License-Identifier: MIT */
/*
 * kmain.h: the hand-over points between boot, kernel and application.
 */
#ifndef UKOS_KMAIN_H
#define UKOS_KMAIN_H

#include <stdint.h>
#include <ukos/bootinfo.h>

/* The portable kernel's entry, from arch boot code. Never returns. */
__attribute__((noreturn)) void kmain(const struct bootinfo *bi);

/* lib/: run the application — libc set-up, its environment from the boot
 * words envp (NAME=value, NULL-terminated, kept for good), constructors,
 * main(), exit(). Called once on the main stack. Never returns. */
__attribute__((noreturn)) void ukos_app_start(int argc, char **argv,
					      char **envp);

/* Heap range for sbrk, set by mem_setup(). */
struct heap_range {
	uintptr_t start, end;
};
extern struct heap_range ukos_heap;

/* "multiboot2" or "pvh", set by kmain(). */
extern const char *ukos_boot_loader_name;

/* TSC value when main() was called (for ukos_boot_to_main_ns()). */
extern uint64_t ukos_main_cycles;

#endif
