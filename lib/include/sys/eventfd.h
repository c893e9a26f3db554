/* SPDX-License-Identifier: MIT */
/*
 * sys/eventfd.h: eventfd(2), Linux's counter file (lib/event/eventfd.c),
 * with glibc's helpers and Linux's flag values.
 */
#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <fcntl.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t eventfd_t;

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC   O_CLOEXEC
#define EFD_NONBLOCK  O_NONBLOCK

int eventfd(unsigned int initval, int flags);
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#ifdef __cplusplus
}
#endif

#endif
