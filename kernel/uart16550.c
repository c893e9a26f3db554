/* SPDX-License-Identifier: MIT */
/*
 * uart16550.c: COM1 as a console, polled. Registers and bits from the
 * National Semiconductor PC16550D data sheet, §8.
 */
#include <stdbool.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/uart16550.h>

#define COM1             0x3f8
#define REG_DATA         0 /* RBR/THR; DLL when DLAB=1 */
#define REG_IER          1 /* DLM when DLAB=1 */
#define REG_FCR          2
#define REG_LCR          3
#define REG_MCR          4
#define REG_LSR          5
#define REG_SCR          7
#define LCR_8N1          0x03
#define LCR_DLAB         0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DATA_READY   0x01
#define LSR_THR_EMPTY    0x20

/* A THR that never empties (a dead or absent UART) must not stall output
 * forever: give up on a character after this many polls. */
#define TX_SPIN_LIMIT 100000

static bool probed;

static void put_char(char c)
{
	for (int i = 0; i < TX_SPIN_LIMIT; i++) {
		if (arch_inb(COM1 + REG_LSR) & LSR_THR_EMPTY)
			break;
		arch_cpu_relax();
	}
	arch_outb(COM1 + REG_DATA, (uint8_t)c);
}

static void uart_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			put_char('\r');
		put_char(buf[i]);
	}
}

static void uart_write_raw(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		put_char(buf[i]);
}

static size_t uart_read(char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && (arch_inb(COM1 + REG_LSR) & LSR_DATA_READY))
		buf[n++] = (char)arch_inb(COM1 + REG_DATA);
	return n;
}

static const struct console_ops uart_console = {
	.name = "com1",
	.write = uart_write,
	.write_raw = uart_write_raw,
	.read = uart_read,
};

/* The scratch register keeps what is written to it; an absent port reads
 * back 0xff from the floating bus. */
static bool present(void)
{
	arch_outb(COM1 + REG_SCR, 0x5a);
	if (arch_inb(COM1 + REG_SCR) != 0x5a)
		return false;
	arch_outb(COM1 + REG_SCR, 0xa5);
	return arch_inb(COM1 + REG_SCR) == 0xa5;
}

void uart16550_init(void)
{
	if (probed)
		return;
	probed = true;
	if (!present())
		return;
	arch_outb(COM1 + REG_IER, 0); /* polled: no interrupts */
	arch_outb(COM1 + REG_LCR, LCR_DLAB);
	arch_outb(COM1 + REG_DATA, 1); /* divisor 1: 115200 baud */
	arch_outb(COM1 + REG_IER, 0);
	arch_outb(COM1 + REG_LCR, LCR_8N1);
	arch_outb(COM1 + REG_FCR, FCR_ENABLE_CLEAR);
	arch_outb(COM1 + REG_MCR, MCR_DTR_RTS_OUT2);
	console_register(&uart_console);
}
