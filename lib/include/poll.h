/* SPDX-License-Identifier: MIT */
/*
 * poll.h: poll() over any file descriptors — sockets and the console
 * alike (newlib has none). Linux's constants.
 */
#ifndef _POLL_H
#define _POLL_H

#include <sys/_sigset.h>

#ifdef __cplusplus
extern "C" {
#endif

struct pollfd {
	int fd;
	short events;
	short revents;
};

typedef unsigned long nfds_t;

#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

struct timespec;
/* poll with the thread's signal mask replaced by mask (NULL: kept) for
 * its duration, atomically, and a timespec timeout (NULL: none). */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const __sigset_t *mask);

#ifdef __cplusplus
}
#endif

#endif
