# SPDX-License-Identifier: MIT
# lib/event/: waiting for events on many files — Linux's epoll.
LIB_SRCS += lib/event/epoll.c
