/* SPDX-License-Identifier: MIT */
/*
 * sys/ioctl.h: the ioctls ukos's descriptors understand (newlib has
 * none): FIONBIO and FIONREAD, Linux's numbers.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define FIONREAD 0x541b
#define FIONBIO  0x5421

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif
