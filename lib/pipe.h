/* SPDX-License-Identifier: MIT */
/*
 * pipe.h: the ring behind pipes (pipe.c), for the other byte streams
 * between threads built on it (AF_UNIX socket pairs, lib/unix/): 64 KiB,
 * one reading side and one writing side, each closed once; waits
 * interruptible by signal handlers (EINTR unless SA_RESTART).
 */
#ifndef LIB_PIPE_H
#define LIB_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "fd.h"

struct pipe;

/* The first member of what pipe_poller waits on: how to ask it. */
struct pipe_waiter {
	short (*poll)(void *priv, short events);
};

/* poll's waiting for pipes and what is built on them. */
extern const struct fd_poller pipe_poller;

/* A ring with both sides open, or NULL. */
struct pipe *pipe_ring_new(void);

/* Take (or with peek, copy) up to len bytes, waiting for one unless
 * nonblock: the count, 0 at end of file (the writing side closed and
 * nothing left), -EAGAIN, -EINTR. */
ssize_t pipe_ring_read(struct pipe *p, void *buf, size_t len, bool nonblock,
		       bool peek);

/* Add len bytes, waiting for room unless nonblock; a write of at most
 * whole bytes goes in whole. The count, -EPIPE (the reading side is
 * closed), -EAGAIN, -EINTR. */
ssize_t pipe_ring_write(struct pipe *p, const void *buf, size_t len,
			bool nonblock, size_t whole);

/* Which of events the reading (or writing) side is ready for; POLLHUP
 * (POLLERR) when the other side is closed. */
short pipe_ring_poll(struct pipe *p, bool reader, short events);

/* The bytes held (FIONREAD). */
size_t pipe_ring_len(struct pipe *p);

/* Close one side; the second close frees the ring. */
void pipe_ring_close(struct pipe *p, bool reader);

#endif
