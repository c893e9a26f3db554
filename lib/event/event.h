/* SPDX-License-Identifier: MIT */
/*
 * event.h: what eventfd.c and timerfd.c share: one lock over their
 * state, and waiting for them (evwait.c) — in their own calls and in
 * poll, which asks each file and sleeps until one changes or a timer is
 * due.
 */
#ifndef LIB_EVENT_EVENT_H
#define LIB_EVENT_EVENT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <sys/stat.h>

#include "../fd.h"

struct event_file;

struct event_kind {
	/* Which of events are ready, the lock held; *due: when it will be
	 * by itself (WAIT_FOREVER if it will not). */
	short (*poll)(void *priv, short events, uint64_t *due);
};

/* The first member of an eventfd's or a timerfd's state. */
struct event_file {
	const struct event_kind *kind;
	bool nonblock;
};

/* The lock every eventfd and timerfd is under. */
pthread_mutex_t *event_lock(void);

/* After a change (the lock let go): wake poll and blocked calls. */
void event_changed(void);

/* The lock held (and held again on return): wait until ready(ef, arg) or,
 * nonblocking, say -EAGAIN; due(ef) (may be NULL) says when to look again
 * by itself. 0, -EAGAIN, -EINTR (a signal handler that was not
 * SA_RESTART). */
int event_wait(struct event_file *ef,
	       bool (*ready)(struct event_file *ef, uint64_t arg), uint64_t arg,
	       uint64_t (*due)(struct event_file *ef));

extern const struct fd_poller event_poller;

/* The file ops the two kinds share: poll (their kind's, under the lock),
 * fstat (an anonymous inode, as on Linux), setfl (O_NONBLOCK), close
 * (free: nothing else holds one). */
short event_file_poll(void *priv, short events);
int event_file_fstat(void *priv, struct stat *st);
int event_file_setfl(void *priv, int flags);
int event_file_close(void *priv);

#endif
