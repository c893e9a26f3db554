/* SPDX-License-Identifier: MIT */
/*
 * uart16550.h: the PC serial port COM1 as a console.
 */
#ifndef UKOS_UART16550_H
#define UKOS_UART16550_H

/* Probe COM1 and register it as a console if it answers. Boot context;
 * safe to call again (then it does nothing). */
void uart16550_init(void);

#endif
