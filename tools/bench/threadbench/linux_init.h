/* SPDX-License-Identifier: MIT */
/*
 * linux_init.h: what the benchmark needs when it is /init of the minimal
 * Linux guest (tools/linux-guest.sh) rather than a ukos app: a console
 * (the initramfs has no /dev, and making device nodes needs root) and a
 * way to end the VM (init must not exit: the kernel would panic).
 */
#ifndef LINUX_INIT_H
#define LINUX_INIT_H

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

static inline void linux_init_console(void)
{
	int fd;

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

static inline void linux_init_poweroff(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF); /* ACPI S5: QEMU exits */
}

#endif
