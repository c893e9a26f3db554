/* SPDX-License-Identifier: MIT */
/* sys/poll.h: the same as <poll.h>, where older programs look for it. */
#include <poll.h>
