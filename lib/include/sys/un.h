/* SPDX-License-Identifier: MIT */
/*
 * sys/un.h: the AF_UNIX address, with Linux's layout, so that programs
 * that offer Unix-domain sockets build. There are none in ukos: socket()
 * with AF_UNIX fails with EAFNOSUPPORT and the program takes its error path.
 */
#ifndef UKOS_SYS_UN_H
#define UKOS_SYS_UN_H

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family; /* AF_UNIX */
	char sun_path[108];
};

#endif
