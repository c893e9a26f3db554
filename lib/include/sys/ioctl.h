/* SPDX-License-Identifier: MIT */
/*
 * sys/ioctl.h: the ioctls ukos's descriptors understand (newlib has
 * none), Linux's numbers: FIONBIO and FIONREAD; on the console, the
 * termios calls' TCGETS and TCSETS* and TIOCGWINSZ.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define TCGETS     0x5401 /* struct termios * */
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413 /* struct winsize * */
#define FIONREAD   0x541b
#define FIONBIO    0x5421

/* A terminal's size; 0 where unknown, as on a serial line. */
struct winsize {
	unsigned short ws_row, ws_col;
	unsigned short ws_xpixel, ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif
