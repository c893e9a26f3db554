# SPDX-License-Identifier: MIT
# lib/signal/: signals that belong to the process — dispositions, per-thread
# masks, delivery at safe points, faults, alarm and the POSIX timers.
LIB_SRCS += $(addprefix lib/signal/, itimer.c posix_timer.c sigaction.c \
	sigaltstack.c sigdeliver.c sigjmp.c sigmask.c sigsend.c \
	sigstate.c strsignal.c)
