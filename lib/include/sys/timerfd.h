/* SPDX-License-Identifier: MIT */
/*
 * sys/timerfd.h: Linux's timers as files (lib/event/timerfd.c), with
 * Linux's flag values.
 */
#ifndef _SYS_TIMERFD_H
#define _SYS_TIMERFD_H

#include <fcntl.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TFD_CLOEXEC             O_CLOEXEC
#define TFD_NONBLOCK            O_NONBLOCK
#define TFD_TIMER_ABSTIME       1
#define TFD_TIMER_CANCEL_ON_SET 2

int timerfd_create(int clockid, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec *new_value,
		    struct itimerspec *old_value);
int timerfd_gettime(int fd, struct itimerspec *curr_value);

#ifdef __cplusplus
}
#endif

#endif
