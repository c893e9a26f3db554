# SPDX-License-Identifier: MIT
# lib/event/: waiting for events on many files — Linux's epoll — and the
# files that are events: eventfd, timerfd.
LIB_SRCS += $(addprefix lib/event/, epoll.c eventfd.c evwait.c timerfd.c)
