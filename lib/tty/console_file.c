/* SPDX-License-Identifier: MIT */
/*
 * console_file.c: stdin, stdout, stderr and /dev/tty on the kernel
 * console — one terminal, a serial line, with the termios state every fd
 * of it shares (TCGETS/TCSETS*, which lib/tty/termios.c's calls use).
 *
 * It honours, and so reports, only what it does: input maps CR and NL as
 * INLCR, IGNCR and ICRNL say (ICRNL on at start: a terminal's Enter is
 * CR); output turns "\n" into "\r\n" while OPOST and ONLCR are both on.
 * ONLCR starts on, as on a Linux serial tty, unless the kernel's messages
 * have a console of their own (console_split(): a runner whose output is
 * no terminal), where the line carries the program's bytes as they are.
 * There is no line discipline: no ICANON, no ECHO, no signals from keys
 * (c_lflag stays 0, VMIN 1: a read returns what has arrived). The line
 * runs at 115200 baud, 8N1, whatever is asked. tcsetattr sets what the
 * tty supports as asked and leaves the rest (POSIX); tcgetattr says what
 * stuck. Characters (c_cc) are kept as given but VMIN and VTIME, which
 * say how reads behave.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <ukos/console.h>

#include "../fd.h"

#define IFLAGS (INLCR | IGNCR | ICRNL)
#define OFLAGS (OPOST | ONLCR)
#define CFLAGS (B115200 | CS8 | CREAD | CLOCAL)

static struct termios tty; /* set up by console_files_init() */

/* Take of t what the tty does; leave the rest as it is. */
static int set_line(const struct termios *t)
{
	tty.c_iflag = t->c_iflag & IFLAGS;
	tty.c_oflag = t->c_oflag & OFLAGS;
	memcpy(tty.c_cc, t->c_cc, sizeof(tty.c_cc));
	tty.c_cc[VMIN] = 1, tty.c_cc[VTIME] = 0; /* how reads behave */
	return 0;
}

static ssize_t con_read(void *priv, void *buf, size_t len)
{
	tcflag_t iflag = tty.c_iflag;
	char *p = buf;
	size_t n, kept = 0;

	(void)priv;
	if (!len)
		return 0;
	do {
		n = console_read(p, len);
		for (size_t i = 0; i < n; i++) {
			char c = p[i];
			if (c == '\r' && (iflag & IGNCR))
				continue;
			if (c == '\r' && (iflag & ICRNL))
				c = '\n';
			else if (c == '\n' && (iflag & INLCR))
				c = '\r';
			p[kept++] = c;
		}
	} while (n && !kept); /* all of it ignored: wait for more */
	return (ssize_t)kept;
}

static ssize_t con_write(void *priv, const void *buf, size_t len)
{
	tcflag_t oflag = tty.c_oflag;

	console_write_app((int)(uintptr_t)priv, buf, len,
			  (oflag & OFLAGS) == OFLAGS);
	return (ssize_t)len;
}

static int con_fstat(void *priv, struct stat *st)
{
	(void)priv;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	st->st_rdev = 4 << 8 | 64; /* ttyS0's numbers */
	st->st_blksize = 1024;     /* stdio's buffer size for it */
	return 0;
}

static int con_ioctl(void *priv, unsigned long req, void *arg)
{
	(void)priv;
	if (!arg)
		return -EFAULT;
	switch (req) {
	case TCGETS:
		*(struct termios *)arg = tty;
		return 0;
	case TCSETS:
	case TCSETSW: /* output is written at once: drained already */
	case TCSETSF: /* no input is queued but the UART's own */
		return set_line(arg);
	case TIOCGWINSZ:
		memset(arg, 0, sizeof(struct winsize)); /* a serial line's */
		return 0;
	}
	return -ENOTTY;
}

static const struct file_ops console_ops = {
	.read = con_read,
	.write = con_write,
	.fstat = con_fstat,
	.ioctl = con_ioctl,
	.isatty = 1,
};

/* The line as it starts; fds 0-2, priv the stream a write goes out on
 * (console_write_app). */
void console_files_init(void)
{
	static const cc_t cc[] = {
		/* Linux's: ^C, ^\, DEL, ^U, ^D; ^Q, ^S, ^Z */
		[VINTR] = 003,  [VQUIT] = 034, [VERASE] = 0177,
		[VKILL] = 025,  [VEOF] = 004,  [VMIN] = 1,
		[VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
	};

	tty.c_iflag = ICRNL;
	tty.c_oflag = console_split() ? 0 : OPOST | ONLCR;
	tty.c_cflag = CFLAGS;
	tty.c_ispeed = tty.c_ospeed = B115200;
	memcpy(tty.c_cc, cc, sizeof(cc));
	fd_install_at(0, &console_ops, (void *)1, O_RDONLY);
	fd_install_at(1, &console_ops, (void *)1, O_WRONLY);
	fd_install_at(2, &console_ops, (void *)2, O_WRONLY);
}

int console_file_open(int flags)
{
	return fd_install(&console_ops, (void *)1, flags);
}
