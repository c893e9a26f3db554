/* SPDX-License-Identifier: MIT */
/*
 * termios.c: the POSIX terminal calls (<termios.h>), over the ioctls a
 * terminal's file answers (TCGETS, TCSETS*: the console's, in
 * console_file.c); any other file says ENOTTY. The speed calls only
 * read and write the struct, as POSIX has them.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../fd.h"

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int when, const struct termios *t)
{
	static const unsigned long req[] = { TCSETS, TCSETSW, TCSETSF };

	if (when < TCSANOW || when > TCSAFLUSH)
		return (int)fd_ret(-EINVAL);
	return ioctl(fd, req[when], t);
}

/* Whether fd is a terminal, as the calls below need it: 0 or -1 with
 * errno (EBADF, ENOTTY). */
static int terminal(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t);
}

/* Output is written when written: nothing waits to drain. */
int tcdrain(int fd)
{
	return terminal(fd);
}

int tcflush(int fd, int queue)
{
	if (terminal(fd))
		return -1;
	return queue < TCIFLUSH || queue > TCIOFLUSH ? (int)fd_ret(-EINVAL) : 0;
}

/* No flow control on the line: stopping output or input cannot be done. */
int tcflow(int fd, int action)
{
	if (terminal(fd))
		return -1;
	return (int)fd_ret(action < TCOOFF || action > TCION ? -EINVAL
							     : -ENOTSUP);
}

/* A break is a line condition the console has no way to send. */
int tcsendbreak(int fd, int duration)
{
	(void)duration;
	return terminal(fd) ? -1 : (int)fd_ret(-ENOTSUP);
}

/* The one process leads the one session, whose terminal the console is. */
pid_t tcgetsid(int fd)
{
	return terminal(fd) ? -1 : getpid();
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

static int valid_speed(speed_t s)
{
	return s <= B38400 || (s >= B57600 && s <= B4000000);
}

int cfsetospeed(struct termios *t, speed_t s)
{
	if (!valid_speed(s))
		return (int)fd_ret(-EINVAL);
	t->c_cflag = (t->c_cflag & ~CBAUD) | s;
	t->c_ispeed = t->c_ospeed = s;
	return 0;
}

/* One speed both ways (Linux's c_cflag holds one). */
int cfsetispeed(struct termios *t, speed_t s)
{
	return s == 0 ? 0 : cfsetospeed(t, s); /* 0: "as the output" */
}

int cfsetspeed(struct termios *t, speed_t s)
{
	return cfsetospeed(t, s);
}

/* What glibc's cfmakeraw does: no input or output processing, no line
 * discipline, 8 bits, reads return at one byte. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
				  IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}
