/* SPDX-License-Identifier: MIT */
/*
 * greet_test.c: the project's test program (make check runs it through
 * LOG_COMPILER=ukos-run): the library, and what configure found — the
 * headers and functions ukos has, inotify it lacks, LP64 sizes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "greet.h"

static int failed;

#define EXPECT(c)                                                              \
	do {                                                                   \
		if (!(c)) {                                                    \
			printf("FAIL: %s\n", #c);                              \
			failed = 1;                                            \
		}                                                              \
	} while (0)

int main(void)
{
	char buf[8];

	EXPECT(greet(buf, sizeof(buf), "world") == 12);
	EXPECT(strcmp(buf, "hello, ") == 0);
	EXPECT(greet_root(6.25) == 2.5);
#if !defined(HAVE_PTHREAD_H) || !defined(HAVE_SYS_SOCKET_H) ||                 \
	!defined(HAVE_TERMIOS_H) || !defined(HAVE_SYS_RANDOM_H) ||             \
	!defined(HAVE_SYS_EPOLL_H)
	EXPECT(!"headers ukos has");
#endif
#if !defined(HAVE_CLOCK_GETTIME) || !defined(HAVE_SETENV) ||                   \
	!defined(HAVE_GETRANDOM) || !defined(HAVE_PTHREAD_CREATE) ||           \
	!defined(HAVE_EPOLL_CREATE1)
	EXPECT(!"functions ukos has");
#endif
#if defined(HAVE_SYS_INOTIFY_H) || defined(HAVE_INOTIFY_INIT1)
	EXPECT(!"inotify, which ukos lacks");
#endif
	EXPECT(SIZEOF_LONG == 8 && SIZEOF_OFF_T == 8);
#ifdef WORDS_BIGENDIAN
	EXPECT(!"little-endian");
#endif
	printf("%s greet_test\n", failed ? "FAIL" : "PASS");
	return failed;
}
