/* SPDX-License-Identifier: MIT */
/*
 * tty: the console as the program's terminal. "bytes": every byte value
 * twice and text with "\n" and "\r\n" on stdout, a line on stderr (the
 * host side checks what reaches ukos-run's stdout and stderr). "onlcr":
 * the same after turning ONLCR on with tcsetattr. No argument: the
 * termios calls and their errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../check.h"

static void bytes(void)
{
	char all[512];

	for (int i = 0; i < 512; i++)
		all[i] = (char)i;
	CHECK(write(1, all, sizeof(all)) == sizeof(all));
	printf("a\nb\r\nc\n");
	fflush(stdout);
	fprintf(stderr, "tty: to stderr\n");
}

static void termios_calls(void)
{
	struct termios t, u;
	struct winsize ws = { 1, 1, 1, 1 };
	int fd;

	CHECK(isatty(0) && isatty(1) && isatty(2));
	CHECK(tcgetattr(1, &t) == 0);
	/* ukos-run's output is a log here: the line carries bytes as they
	 * are; input maps Enter's CR to NL; no line discipline. */
	CHECK(t.c_oflag == 0 && t.c_iflag == ICRNL && t.c_lflag == 0);
	CHECK(cfgetospeed(&t) == B115200 && cfgetispeed(&t) == B115200);
	CHECK((t.c_cflag & CSIZE) == CS8 && t.c_cc[VMIN] == 1);

	/* ONLCR on: "\n" goes out as "\r\n" (the host side sees it). */
	u = t;
	u.c_oflag |= OPOST | ONLCR;
	CHECK(tcsetattr(1, TCSANOW, &u) == 0);
	CHECK(tcgetattr(2, &u) == 0 && u.c_oflag == (OPOST | ONLCR));
	printf("tty: onlcr on\n");
	fflush(stdout);
	CHECK(tcsetattr(1, TCSADRAIN, &t) == 0);

	/* What the line cannot do is left as it was; the call succeeds for
	 * what it could (POSIX). */
	u = t;
	u.c_lflag |= ICANON | ECHO | ISIG;
	u.c_oflag |= OCRNL;
	CHECK(cfsetospeed(&u, B9600) == 0 && cfgetospeed(&u) == B9600);
	CHECK(tcsetattr(0, TCSAFLUSH, &u) == 0);
	CHECK(tcgetattr(0, &u) == 0 && u.c_lflag == 0 && u.c_oflag == 0 &&
	      cfgetospeed(&u) == B115200);
	cfmakeraw(&u);
	CHECK(u.c_iflag == 0 && (u.c_cflag & CSIZE) == CS8);
	CHECK(tcsetattr(0, TCSANOW, &u) == 0);
	CHECK(tcgetattr(0, &u) == 0 && u.c_iflag == 0);
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);

	CHECK(ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 0 &&
	      ws.ws_col == 0);
	CHECK(tcdrain(1) == 0 && tcflush(0, TCIFLUSH) == 0);
	CHECK(tcgetsid(0) == getpid());
	fd = open("/dev/tty", O_RDWR);
	CHECK(fd >= 0 && tcgetattr(fd, &u) == 0 && u.c_iflag == ICRNL);
	close(fd);

	/* Refusals. */
	CHECK(tcsetattr(1, 3, &t) == -1 && errno == EINVAL);
	CHECK(tcsetattr(1, -1, &t) == -1 && errno == EINVAL);
	CHECK(tcgetattr(99, &t) == -1 && errno == EBADF);
	CHECK(tcgetattr(1, NULL) == -1 && errno == EFAULT);
	CHECK(tcflush(1, 7) == -1 && errno == EINVAL);
	CHECK(tcflow(1, TCOOFF) == -1 && errno == ENOTSUP);
	CHECK(tcflow(1, 9) == -1 && errno == EINVAL);
	CHECK(tcsendbreak(1, 0) == -1 && errno == ENOTSUP);
	CHECK(cfsetospeed(&u, 12345) == -1 && errno == EINVAL);
	fd = open("/dev/null", O_RDWR);
	CHECK(isatty(fd) == 0 && errno == ENOTTY);
	CHECK(tcgetattr(fd, &u) == -1 && errno == ENOTTY);
	CHECK(tcsetattr(fd, TCSANOW, &t) == -1 && errno == ENOTTY);
	CHECK(tcdrain(fd) == -1 && errno == ENOTTY);
	CHECK(ioctl(fd, TIOCGWINSZ, &ws) == -1 && errno == ENOTTY);
	close(fd);
	fd = open("/tmp/f", O_RDWR | O_CREAT, 0644);
	CHECK(tcgetattr(fd, &u) == -1 && errno == ENOTTY);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "termios";
	struct termios t;

	if (strcmp(mode, "bytes") == 0) {
		bytes();
		return check_verdict("tty bytes");
	}
	if (strcmp(mode, "onlcr") == 0) {
		CHECK(tcgetattr(1, &t) == 0);
		t.c_oflag |= OPOST | ONLCR;
		CHECK(tcsetattr(1, TCSANOW, &t) == 0);
		bytes();
		return check_verdict("tty onlcr");
	}
	termios_calls();
	return check_verdict("tty");
}
