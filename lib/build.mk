# SPDX-License-Identifier: MIT
# lib/: the libc glue — newlib's system calls, the fd table, app start.
LIB_SRCS := $(addprefix lib/, assert.c fd.c inet.c poll.c start.c \
	locks.c mallinfo.c pipe.c pthread.c pthread_cancel.c pthread_cond.c pthread_key.c pthread_mutex.c \
	pthread_rwlock.c reent.c semaphore.c \
	sys_clock.c sys_fs.c sys_io.c sys_mem.c sys_misc.c sys_mman.c sys_proc.c \
	sys_time.c sys_uio.c \
	ukos_api.c)

include lib/env/build.mk
include lib/fs/build.mk
include lib/fs/ext2/build.mk
include lib/dev/build.mk
include lib/tty/build.mk
include lib/signal/build.mk
include lib/stdio/build.mk
include lib/resource/build.mk
include lib/event/build.mk
include lib/io/build.mk
include lib/unix/build.mk
include lib/sched/build.mk
include lib/syslog/build.mk
include lib/dl/build.mk
include lib/math/build.mk
