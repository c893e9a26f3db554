/* SPDX-License-Identifier: MIT */
/*
 * unix.h: AF_UNIX socket pairs (unix_pair.c), for the socket calls
 * (net/socket_posix.c), which hand an fd that is one of them here.
 * Each returns a count or 0, or -errno.
 */
#ifndef LIB_UNIX_UNIX_H
#define LIB_UNIX_UNIX_H

#include <stdbool.h>
#include <sys/socket.h>

#include "../fd.h"

/* socketpair(AF_UNIX, type, 0, sv): SOCK_STREAM (with SOCK_NONBLOCK,
 * SOCK_CLOEXEC); -EOPNOTSUPP for datagram and sequenced-packet pairs,
 * -EINVAL for other types. */
int unix_socketpair(int type, int sv[2]);

/* Whether f is an end of a pair. */
bool unix_is(const struct file *f);

ssize_t unix_send(void *priv, const void *buf, size_t len, int flags);
ssize_t unix_recv(void *priv, void *buf, size_t len, int flags);
int unix_shutdown(void *priv, int how);
int unix_getsockopt(void *priv, int level, int name, void *val, socklen_t *len);
int unix_setsockopt(void *priv, int level, int name, const void *val,
		    socklen_t len);
/* getsockname/getpeername: an unnamed AF_UNIX address. */
int unix_name(struct sockaddr *sa, socklen_t *len);

#endif
