# SPDX-License-Identifier: MIT
# lib/sched/: where the program's threads run (CPU affinity).
LIB_SRCS += lib/sched/affinity.c
