/* SPDX-License-Identifier: MIT */
/*
 * conns.c: httpd's table of open connections, and what it does when the
 * table is full. A new connection then takes the place of the one that
 * has waited longest for its next request (idle between requests, or a
 * request head still trickling in): that one is shut down, its thread
 * sees the end of its connection and leaves. Only when every connection
 * is busy answering is the new one refused. So clients that hold
 * connections open without finishing a request (slowloris) cannot lock
 * everyone else out, and each is cut at its own deadline anyway.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "httpd.h"

struct slot {
	const void *owner; /* the connection holding it, or NULL */
	int fd;
	int waiting;     /* for a request, not working on one */
	long long since; /* when it started waiting, in ms */
};

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static int slot_count;

long long http_clock_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int conns_init(int max)
{
	slots = calloc((size_t)max, sizeof(*slots));
	slot_count = slots ? max : 0;
	return slots ? 0 : -1;
}

/* A free slot, else the one that has waited longest; -1 if all work. */
static int slot_to_take(void)
{
	int oldest = -1;

	for (int i = 0; i < slot_count; i++) {
		if (!slots[i].owner)
			return i;
		if (slots[i].waiting &&
		    (oldest < 0 || slots[i].since < slots[oldest].since))
			oldest = i;
	}
	return oldest;
}

int conns_open(int fd, const void *owner)
{
	int i;

	pthread_mutex_lock(&conns_lock);
	i = slot_to_take();
	if (i >= 0) {
		/* Its thread still owns the socket and closes it; shutting it
		 * down here wakes that thread, under the lock, so the fd is
		 * still the one it was. */
		if (slots[i].owner)
			shutdown(slots[i].fd, SHUT_RDWR);
		slots[i] = (struct slot){ owner, fd, 1, http_clock_ms() };
	}
	pthread_mutex_unlock(&conns_lock);
	return i;
}

void conns_waiting(int slot, const void *owner, int waiting)
{
	pthread_mutex_lock(&conns_lock);
	if (slots[slot].owner == owner) {
		slots[slot].waiting = waiting;
		slots[slot].since = http_clock_ms();
	}
	pthread_mutex_unlock(&conns_lock);
}

void conns_close(int slot, const void *owner)
{
	pthread_mutex_lock(&conns_lock);
	if (slots[slot].owner == owner) /* not handed on meanwhile */
		slots[slot].owner = NULL;
	pthread_mutex_unlock(&conns_lock);
}
