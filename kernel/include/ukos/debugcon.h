/* SPDX-License-Identifier: MIT */
/*
 * debugcon.h: the debug console of QEMU and Bochs (I/O port 0xe9) as the
 * messages console (console.h).
 */
#ifndef UKOS_DEBUGCON_H
#define UKOS_DEBUGCON_H

/* Register the debug console if the VMM has one. Boot context; safe to
 * call again (then it does nothing). */
void debugcon_init(void);

#endif
