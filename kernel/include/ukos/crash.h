/* SPDX-License-Identifier: MIT */
/*
 * crash.h: the one crash report every fatal error prints — cause, where,
 * registers, symbolized backtrace — before the VM ends with
 * UKOS_EXIT_CRASH. Never a hang, never a silent reboot.
 */
#ifndef UKOS_CRASH_H
#define UKOS_CRASH_H

#include <stdint.h>

#define UKOS_EXIT_CRASH 112

/* Start a report: "ukos: CRASH: " then the cause (no newline). A crash
 * while a report is being printed ends the VM at once. Any context. */
void crash_begin(void);

/* "label: 0x... <function+0xoff>" on its own line. */
void crash_addr(const char *label, uintptr_t addr);

/* One backtrace line; frames after the first are return addresses. */
void crash_frame(uintptr_t addr);

/* A faulting data address: says so if it is a thread's stack guard page
 * (a stack overflow). */
void crash_fault_address(uintptr_t addr);

/* Finish: name the crashed thread, list every thread's state, leave the
 * VM with UKOS_EXIT_CRASH. */
__attribute__((noreturn)) void crash_end(void);

/* crash_end, leaving with status instead (128 + N: a signal's). */
__attribute__((noreturn)) void crash_end_status(int status);

/* A broken invariant: report fmt, a backtrace of the caller, and end. */
__attribute__((noreturn, format(printf, 1, 2))) void ukos_panic(const char *fmt,
								...);

/* Look up the function containing addr in the image's symbol table.
 * Returns its name and sets *off, or NULL if addr is outside any. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *off);

#endif
