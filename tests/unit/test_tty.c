/* SPDX-License-Identifier: MIT */
/*
 * test_tty.c: the console's terminal (lib/tty/console_file.c) through the
 * fd table: its start state under a messages console, what
 * TCSETS keeps of a request, CR/NL on input and ONLCR on output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <ukos/console.h>

#include "../../lib/fd.h"

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long f)
{
	(void)f;
}

/* ---- the console, faked ----------------------------------------------- */

static const bool split = true; /* ukos-run's output no terminal */
static const char *input;       /* what console_read hands out, once */
static char out[256];
static int out_stream;
static bool out_onlcr;

bool console_split(void)
{
	return split;
}

size_t console_read(char *buf, size_t len)
{
	size_t n = input ? strlen(input) : 0;

	n = n < len ? n : len;
	memcpy(buf, input, n);
	input = "";
	return n;
}

void console_write_app(int stream, const char *buf, size_t len, bool onlcr)
{
	memcpy(out, buf, len < sizeof(out) ? len : sizeof(out));
	out_stream = stream, out_onlcr = onlcr;
}

/* ---- helpers ---------------------------------------------------------- */

static int tty_ioctl(int fd, unsigned long req, void *arg)
{
	struct file *f = fd_get(fd);

	return f->ops->ioctl(f->priv, req, arg);
}

static ssize_t tty_read(char *buf, size_t len, const char *in)
{
	struct file *f = fd_get(0);

	input = in;
	return f->ops->read(f->priv, buf, len);
}

static void tty_write(int fd, const char *s)
{
	struct file *f = fd_get(fd);

	assert_int_equal(f->ops->write(f->priv, s, strlen(s)), strlen(s));
}

/* ---- tests ------------------------------------------------------------ */

/* Kernel messages elsewhere: the line starts raw on output. */
static void test_start(void **state)
{
	struct termios t;

	(void)state;
	assert_int_equal(tty_ioctl(1, TCGETS, &t), 0);
	assert_int_equal(t.c_oflag, 0);
	assert_int_equal(t.c_iflag, ICRNL);
	assert_int_equal(t.c_lflag, 0);
	assert_int_equal(t.c_cflag & CBAUD, B115200);
	assert_int_equal(t.c_cc[VINTR], 3);
	assert_int_equal(t.c_cc[VMIN], 1);
	assert_int_equal(fd_get(1)->ops->isatty, 1);
	tty_write(1, "x\n");
	assert_false(out_onlcr);
	assert_int_equal(out_stream, 1);
	tty_write(2, "e\n");
	assert_int_equal(out_stream, 2);
}

/* What the line does is kept; what it cannot do is left as it was. */
static void test_set(void **state)
{
	struct termios t, u;

	(void)state;
	assert_int_equal(tty_ioctl(1, TCGETS, &t), 0);
	u = t;
	u.c_oflag |= OPOST | ONLCR | OCRNL;
	u.c_lflag |= ICANON | ECHO;
	u.c_cflag = (u.c_cflag & ~CBAUD) | B9600;
	u.c_cc[VINTR] = 7;
	u.c_cc[VMIN] = 0, u.c_cc[VTIME] = 5;
	assert_int_equal(tty_ioctl(2, TCSETSW, &u), 0);
	assert_int_equal(tty_ioctl(0, TCGETS, &u), 0); /* one line */
	assert_int_equal(u.c_oflag, OPOST | ONLCR);
	assert_int_equal(u.c_lflag, 0);
	assert_int_equal(u.c_cflag & CBAUD, B115200);
	assert_int_equal(u.c_cc[VINTR], 7);
	assert_int_equal(u.c_cc[VMIN], 1);
	assert_int_equal(u.c_cc[VTIME], 0);
	tty_write(1, "x\n");
	assert_true(out_onlcr);
	u.c_oflag = ONLCR; /* without OPOST, no output processing */
	assert_int_equal(tty_ioctl(1, TCSETS, &u), 0);
	tty_write(1, "x\n");
	assert_false(out_onlcr);
	assert_int_equal(tty_ioctl(1, TCSETSF, &t), 0);
	assert_int_equal(tty_ioctl(1, TCGETS, NULL), -EFAULT);
	assert_int_equal(tty_ioctl(1, 0x5499, &u), -ENOTTY);
	struct winsize ws = { 1, 2, 3, 4 };
	assert_int_equal(tty_ioctl(1, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row + ws.ws_col + ws.ws_xpixel, 0);
}

/* Input: ICRNL maps Enter's CR; IGNCR drops CRs (a read of nothing but
 * them waits for more); INLCR maps NL to CR. */
static void test_input(void **state)
{
	struct termios t, u;
	char buf[16];

	(void)state;
	assert_int_equal(tty_ioctl(0, TCGETS, &t), 0);
	assert_int_equal(tty_read(buf, sizeof(buf), "ab\r"), 3);
	assert_memory_equal(buf, "ab\n", 3);
	u = t;
	u.c_iflag = IGNCR;
	assert_int_equal(tty_ioctl(0, TCSETS, &u), 0);
	assert_int_equal(tty_read(buf, sizeof(buf), "a\r\nb"), 3);
	assert_memory_equal(buf, "a\nb", 3);
	assert_int_equal(tty_read(buf, sizeof(buf), "\r\r"), 0); /* then "" */
	u.c_iflag = INLCR;
	assert_int_equal(tty_ioctl(0, TCSETS, &u), 0);
	assert_int_equal(tty_read(buf, sizeof(buf), "a\n\r"), 3);
	assert_memory_equal(buf, "a\r\r", 3);
	u.c_iflag = 0;
	assert_int_equal(tty_ioctl(0, TCSETS, &u), 0);
	assert_int_equal(tty_read(buf, sizeof(buf), "\r\n"), 2);
	assert_memory_equal(buf, "\r\n", 2);
	assert_int_equal(tty_ioctl(0, TCSETS, &t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_input),
	};

	console_files_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
